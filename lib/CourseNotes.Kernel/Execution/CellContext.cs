namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The cell a piece of code belongs to. It flows with the execution context (AsyncLocal), so a task or
/// thread started by a cell keeps writing to that cell's outputs even after a later cell has started.
/// </summary>
public sealed class CellContext(IOutputSink sink, int executionCount)
{
    private static readonly AsyncLocal<CellContext?> CurrentCell = new();
    private static int s_displays;

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

    /// <summary>
    /// A display id unique in the kernel process (one kernel session): the cell's count and a process-wide
    /// sequence number, so two silent executions, or an update from an old cell's background task, never
    /// collide. Not random: two runs of a notebook use the same ids.
    /// </summary>
    public string NextDisplayId() => $"cell{executionCount}-display{Interlocked.Increment(ref s_displays)}";
}
