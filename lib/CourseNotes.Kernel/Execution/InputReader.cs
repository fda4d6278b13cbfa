namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The kernel's <see cref="Console.In"/>: <c>Console.ReadLine()</c> in a cell becomes an input request to
/// the client (the line typed in VS Code's or JupyterLab's prompt). Outside a cell, or when the client
/// does not allow input (the runner, CI), the read fails with a clear message instead of hanging.
/// </summary>
public sealed class InputReader : TextReader
{
    private string _buffer = "";

    /// <inheritdoc />
    public override string? ReadLine()
    {
        if (_buffer.Length > 0)
        {
            string rest = _buffer.TrimEnd('\n');
            _buffer = "";
            return rest;
        }
        var cell = CellContext.Current ?? throw new InvalidOperationException("Console.ReadLine() can only ask for input from a running cell.");
        return cell.Sink.ReadInput("", password: false);
    }

    /// <inheritdoc />
    public override int Read()
    {
        if (_buffer.Length == 0) _buffer = (ReadLine() ?? "") + "\n";
        char c = _buffer[0];
        _buffer = _buffer[1..];
        return c;
    }

    /// <inheritdoc />
    public override int Peek()
    {
        if (_buffer.Length == 0) _buffer = (ReadLine() ?? "") + "\n";
        return _buffer[0];
    }
}
