namespace CourseNotes.Kernel.Execution;

/// <summary>Where a running cell's outputs go: the Jupyter iopub channel, or a test's list.</summary>
public interface IOutputSink
{
    /// <summary>Text written to "stdout" or "stderr".</summary>
    void Stream(string name, string text);

    /// <summary>A displayed value; <paramref name="update"/> replaces the earlier display with the same id.</summary>
    void Display(MimeBundle bundle, string displayId, bool update);
}
