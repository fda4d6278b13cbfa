using System.ComponentModel;

namespace CourseNotes.Kernel.Interrupts;

/// <summary>
/// The kernel's interrupt, as observed by cell code. .NET cannot abort a thread, so the kernel rewrites
/// each cell (<see cref="InterruptRewriter"/>) to call into this class where a runaway cell spends its
/// time: every loop iteration and every method, local function and lambda body calls <see cref="Check"/>,
/// every top-level statement calls <see cref="Enter"/>, and every awaited task goes through
/// <see cref="Observe(Task)"/>. An interrupt then stops a CPU-bound loop, a LINQ pipeline, the bodies of
/// <c>Parallel.For</c> and an <c>await Task.Delay</c> at their next check; a blocking wait
/// (<c>Thread.Sleep</c>, <c>Wait()</c>, <c>WaitOne()</c>) on the cell's thread is woken with
/// <see cref="Thread.Interrupt"/>. The check is one read of a volatile field, so a tight loop pays about
/// a nanosecond an iteration. Code that never comes back to rewritten code (a native call, one long BCL
/// call) cannot be stopped: the kernel then gives the cell up (<see cref="Execution.ScriptEngine"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Interruption
{
    private static volatile bool s_requested;
    private static volatile Thread? s_cellThread;
    private static CancellationTokenSource s_source = new();

    /// <summary>True from an interrupt request until the next cell starts.</summary>
    public static bool Requested => s_requested;

    /// <summary>Cancelled by an interrupt; awaited tasks are observed with it.</summary>
    public static CancellationToken Token => Volatile.Read(ref s_source).Token;

    /// <summary>The thread that last ran a top-level statement of the cell (a pool thread after an await).</summary>
    internal static Thread? CellThread => s_cellThread;

    /// <summary>Throws <see cref="KernelInterruptedException"/> when an interrupt was requested.</summary>
    public static void Check()
    {
        if (s_requested) Throw();
    }

    /// <summary>Called before each top-level statement: checks, and records the thread a blocking wait would block.</summary>
    public static void Enter()
    {
        if (s_requested) Throw();
        s_cellThread = Thread.CurrentThread;
    }

    /// <summary>The task, ended early (cancelled) by an interrupt.</summary>
    public static Task Observe(Task task) => task.IsCompleted ? task : task.WaitAsync(Token);

    /// <summary>The task, ended early (cancelled) by an interrupt.</summary>
    public static Task<T> Observe<T>(Task<T> task) => task.IsCompleted ? task : task.WaitAsync(Token);

    /// <summary>The task, ended early (cancelled) by an interrupt.</summary>
    public static Task Observe(ValueTask task) => task.IsCompleted ? task.AsTask() : task.AsTask().WaitAsync(Token);

    /// <summary>The task, ended early (cancelled) by an interrupt.</summary>
    public static Task<T> Observe<T>(ValueTask<T> task) => task.IsCompleted ? task.AsTask() : task.AsTask().WaitAsync(Token);

    /// <summary>Records the thread that starts running the cell's code.</summary>
    internal static void SetCellThread(Thread thread) => s_cellThread = thread;

    /// <summary>Starts a cell: clears an earlier interrupt.</summary>
    internal static void Reset()
    {
        s_cellThread = null;
        if (!s_requested && !s_source.IsCancellationRequested) return;
        s_requested = false;
        Volatile.Write(ref s_source, new CancellationTokenSource());
    }

    /// <summary>Requests the interrupt: checks throw, observed awaits end, and a blocked cell thread is woken.</summary>
    internal static void Request()
    {
        s_requested = true;
        // Cancelling runs the awaits' continuations: never inline on the kernel's control thread, and not on the
        // thread pool either, which a Parallel.For cell keeps busy (its queue is served seconds late under load).
        var source = Volatile.Read(ref s_source);
        new Thread(() =>
        {
            InterruptTrace.Mark("cancel thread runs");
            try { source.Cancel(); } catch (AggregateException) { } // a continuation that throws is the cell's business
        }) { IsBackground = true, Name = "interrupt" }.UnsafeStart();
        WakeBlockedThread();
        InterruptTrace.Mark("requested");
    }

    /// <summary>
    /// Wakes the cell's thread if it is blocked in a wait. Only a thread seen in WaitSleepJoin is interrupted:
    /// an interrupt left pending on a running pool thread would hit an unrelated wait later.
    /// </summary>
    internal static void WakeBlockedThread()
    {
        if (s_cellThread is { } thread && (thread.ThreadState & ThreadState.WaitSleepJoin) != 0)
            thread.Interrupt();
    }

    private static void Throw() => throw new KernelInterruptedException();
}

/// <summary>Thrown in cell code by an interrupt request.</summary>
public sealed class KernelInterruptedException() : OperationCanceledException("the cell was interrupted.");
