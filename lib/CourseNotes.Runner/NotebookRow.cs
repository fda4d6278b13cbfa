namespace CourseNotes.Runner;

/// <summary>How one notebook of a command went.</summary>
public enum NotebookStatus
{
    /// <summary>Not executed: the target already carries the notebook's execution key.</summary>
    Cached,

    /// <summary>Executed, every cell succeeded, the executed notebook written.</summary>
    Executed,

    /// <summary>Executed, every output as stored: the stored execution times are kept, and the file is left alone when nothing else changed.</summary>
    SameOutputs,

    /// <summary>Verified: every compared output matches.</summary>
    OutputsMatch,

    /// <summary>Verified, then the fresh outputs stored.</summary>
    Accepted,

    /// <summary>Verified: every cell ran, some output differs.</summary>
    OutputsDiffer,

    /// <summary>A cell failed.</summary>
    Failed,

    /// <summary>The notebook (or the verifier's configuration) cannot be read or run as a C# notebook.</summary>
    BadInput,
}

/// <summary>One line of the runner's closing table.</summary>
/// <param name="Path">The notebook as given on the command line.</param>
/// <param name="Status">How it went.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Detail">The failure, the differences or the bad input, printed after the table; null when there is nothing to say.</param>
public sealed record NotebookRow(string Path, NotebookStatus Status, double Seconds, string? Detail = null)
{
    /// <summary>The status as printed: cached, ok, same outputs, outputs match, accepted, outputs differ, failed, bad input.</summary>
    public string StatusText => Status switch
    {
        NotebookStatus.Cached => "cached",
        NotebookStatus.Executed => "ok",
        NotebookStatus.SameOutputs => "same outputs",
        NotebookStatus.OutputsMatch => "outputs match",
        NotebookStatus.Accepted => "accepted",
        NotebookStatus.OutputsDiffer => "outputs differ",
        NotebookStatus.Failed => "failed",
        NotebookStatus.BadInput => "bad input",
        _ => throw new ArgumentOutOfRangeException(nameof(Status), Status, null),
    };

    /// <summary>The exit code this row asks for: 0 success, 1 a failed cell or a differing output, 2 bad input.</summary>
    public int ExitCode => Status switch
    {
        NotebookStatus.Failed or NotebookStatus.OutputsDiffer => 1,
        NotebookStatus.BadInput => 2,
        _ => 0,
    };
}
