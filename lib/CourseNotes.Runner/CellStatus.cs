namespace CourseNotes.Runner;

/// <summary>How one code cell went.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,

    /// <summary>Failed unexpectedly; the run stops there.</summary>
    Error,

    /// <summary>Failed, as its <c>raises-exception</c> tag says it should.</summary>
    ExpectedError,

    /// <summary>Ran past the time limit and was interrupted (its kernel ended if it did not stop).</summary>
    Timeout,

    /// <summary>The kernel process ended while the cell ran.</summary>
    KernelDied,

    /// <summary>Tagged <c>skip</c> while verifying: not run, its stored outputs kept.</summary>
    Skipped,

    /// <summary>Not reached: an earlier cell failed.</summary>
    NotRun,
}

/// <summary>The words the runner prints for a <see cref="CellStatus"/>.</summary>
public static class CellStatusText
{
    /// <summary>ok, error, expected-error, timeout, kernel-died, skipped or not-run.</summary>
    public static string Text(this CellStatus status) => status switch
    {
        CellStatus.Ok => "ok",
        CellStatus.Error => "error",
        CellStatus.ExpectedError => "expected-error",
        CellStatus.Timeout => "timeout",
        CellStatus.KernelDied => "kernel-died",
        CellStatus.Skipped => "skipped",
        CellStatus.NotRun => "not-run",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>True when the run may go on after a cell with this status.</summary>
    public static bool IsSuccess(this CellStatus status) => status is CellStatus.Ok or CellStatus.ExpectedError or CellStatus.Skipped;
}
