namespace CourseNotes.Kernel.Execution;

/// <summary>Where a running cell's outputs go: the Jupyter iopub channel, or a test's list.</summary>
public interface IOutputSink
{
    /// <summary>Text written to "stdout" or "stderr".</summary>
    void Stream(string name, string text);

    /// <summary>A displayed value; <paramref name="update"/> replaces the earlier display with the same id.</summary>
    void Display(MimeBundle bundle, string displayId, bool update);

    /// <summary>
    /// Asks the user for a line of text (Jupyter's input_request on the stdin channel) and waits for it;
    /// <paramref name="password"/> asks the client to hide what is typed. Sinks that cannot ask throw.
    /// </summary>
    string ReadInput(string prompt, bool password) =>
        throw new InvalidOperationException("this cell cannot ask for input: no client answers input requests here.");
}
