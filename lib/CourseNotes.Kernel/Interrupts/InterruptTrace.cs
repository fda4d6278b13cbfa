namespace CourseNotes.Kernel.Interrupts;

/// <summary>
/// Timestamps of an interrupt's way through the kernel (received, token cancelled, cell ended, reply and idle
/// sent), appended to the file named by <c>COURSENOTES_INTERRUPT_TRACE</c> when it is set; nothing otherwise.
/// Each line: Unix time in milliseconds, the event, the thread pool's thread count and queued work items.
/// </summary>
internal static class InterruptTrace
{
    private static readonly string? s_file = Environment.GetEnvironmentVariable("COURSENOTES_INTERRUPT_TRACE");
    private static readonly object s_lock = new();

    /// <summary>True when tracing is on.</summary>
    public static bool On => s_file is not null;

    /// <summary>Appends <paramref name="what"/> with the time and the pool's state.</summary>
    public static void Mark(string what)
    {
        if (s_file is null) return;
        string line = FormattableString.Invariant(
            $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {what} pool={ThreadPool.ThreadCount} queued={ThreadPool.PendingWorkItemCount} thread={Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        lock (s_lock) File.AppendAllText(s_file, line);
    }
}
