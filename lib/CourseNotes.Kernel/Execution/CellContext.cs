namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The cell a piece of code belongs to. It flows with the execution context (AsyncLocal), so a task or
/// thread started by a cell keeps writing to that cell's outputs even after a later cell has started.
/// </summary>
public sealed class CellContext(IOutputSink sink, int executionCount)
{
    private static readonly AsyncLocal<CellContext?> CurrentCell = new();
    private int _displays;

    /// <summary>The cell whose code is running on this execution context, or null (kernel code).</summary>
    public static CellContext? Current
    {
        get => CurrentCell.Value;
        set => CurrentCell.Value = value;
    }

    /// <summary>Where this cell's outputs go.</summary>
    public IOutputSink Sink => sink;

    /// <summary>The cell's execution count (1, 2, …).</summary>
    public int ExecutionCount => executionCount;

    /// <summary>A display id derived from the cell, not random, so two runs store the same outputs.</summary>
    public string NextDisplayId() => $"cell{executionCount}-display{Interlocked.Increment(ref _displays)}";
}
