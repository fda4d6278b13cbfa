using CourseNotes.Kernel.Execution;

namespace CourseNotes.Kernel.Tests.Execution;

/// <summary>An output sink that records what a cell sends, for tests of the engine without the protocol.</summary>
public sealed class RecordingSink : IOutputSink
{
    public List<(string Name, string Text)> Streams { get; } = [];
    public List<(MimeBundle Bundle, string DisplayId, bool Update)> Displays { get; } = [];

    /// <summary>What the cell asked for (prompt, password), in order.</summary>
    public List<(string Prompt, bool Password)> InputRequests { get; } = [];

    /// <summary>The answers the "user" types, in order.</summary>
    public Queue<string> Answers { get; } = [];

    public string Stdout => string.Concat(Streams.Where(s => s.Name == "stdout").Select(s => s.Text));

    public void Stream(string name, string text)
    {
        lock (Streams) Streams.Add((name, text));
    }

    public string ReadInput(string prompt, bool password)
    {
        lock (InputRequests) InputRequests.Add((prompt, password));
        return Answers.Dequeue();
    }

    public void Display(MimeBundle bundle, string displayId, bool update)
    {
        lock (Displays) Displays.Add((bundle, displayId, update));
    }
}
