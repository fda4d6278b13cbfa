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

    /// <summary>Executed (or accepted), but the notebook was changed while it ran: that edit is kept, and the executed notebook written beside it.</summary>
    EditKept,

    /// <summary>The runner itself failed on this notebook (an unexpected exception, named in the detail; the other notebooks still run).</summary>
    RunnerError,
}

/// <summary>One line of the runner's closing table.</summary>
/// <param name="Path">The notebook as given on the command line.</param>
/// <param name="Status">How it went.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Detail">The failure, the differences or the bad input, printed after the table; null when there is nothing to say.</param>
public sealed record NotebookRow(string Path, NotebookStatus Status, double Seconds, string? Detail = null)
{
    /// <summary>The status as printed: cached, ok, same outputs, outputs match, accepted, outputs differ, failed, bad input, edit kept, runner error.</summary>
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
        NotebookStatus.EditKept => "edit kept",
        NotebookStatus.RunnerError => "runner error",
        _ => throw new ArgumentOutOfRangeException(nameof(Status), Status, null),
    };

    /// <summary>The exit code this row asks for: 0 success; 1 a failed cell, a differing output, or an edit kept (the run's result is beside the notebook); 2 bad input or a runner error.</summary>
    public int ExitCode => Status switch
    {
        NotebookStatus.Failed or NotebookStatus.OutputsDiffer or NotebookStatus.EditKept => 1,
        NotebookStatus.BadInput or NotebookStatus.RunnerError => 2,
        _ => 0,
    };
}
