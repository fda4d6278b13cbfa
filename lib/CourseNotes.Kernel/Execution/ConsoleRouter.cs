using System.Text;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// Replaces Console.Out or Console.Error (process-wide) with a writer that sends each write to the
/// stream of the cell that made it (<see cref="CellContext.Current"/>); writes from kernel code go to
/// the original writer.
/// </summary>
public sealed class ConsoleRouter(string streamName, TextWriter fallback) : TextWriter
{
    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (CellContext.Current is { } cell) cell.Sink.Stream(streamName, value);
        else fallback.Write(value);
    }

    /// <inheritdoc />
    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    /// <inheritdoc />
    public override void WriteLine() => Write("\n");
}
