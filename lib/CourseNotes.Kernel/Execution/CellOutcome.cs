namespace CourseNotes.Kernel.Execution;

/// <summary>How a cell ended: success with an optional trailing value, or an error as Jupyter reports it.</summary>
/// <param name="Succeeded">True when the cell compiled and ran without an exception.</param>
/// <param name="ReturnValue">The value of the cell's trailing expression (no semicolon), or null.</param>
/// <param name="HasReturnValue">True when the cell ended with an expression whose value is to be shown.</param>
/// <param name="ErrorName">The exception type, or "CompilationError".</param>
/// <param name="ErrorValue">The message, with the cell-relative line.</param>
/// <param name="Traceback">Lines describing the error.</param>
public sealed record CellOutcome(bool Succeeded, object? ReturnValue, bool HasReturnValue, string ErrorName = "", string ErrorValue = "", IReadOnlyList<string>? Traceback = null)
{
    /// <summary>A successful run.</summary>
    public static CellOutcome Success(object? value, bool hasValue) => new(true, value, hasValue);

    /// <summary>A cell stopped by an interrupt request.</summary>
    public static CellOutcome Interrupted { get; } =
        new(false, null, false, "KernelInterrupted", "the cell was interrupted.", ["KernelInterrupted: the cell was interrupted."]);

    /// <summary>A failed run.</summary>
    public static CellOutcome Failure(string name, string value, IReadOnlyList<string> traceback) => new(false, null, false, name, value, traceback);
}
