namespace CourseNotes.Kernel.Protocol;

/// <summary>
/// Keeps the kernel's sockets independent of the .NET thread pool. On Linux and macOS, .NET hands every socket
/// readiness event (epoll, kqueue) to the thread pool's global queue; NetMQ's sockets are .NET sockets, so each
/// message the kernel receives (an <c>interrupt_request</c> on control, a heartbeat ping) first waits for a pool
/// thread. A cell that fills the pool with CPU work (<c>Parallel.For</c>, PLINQ, <c>Task.Run</c> loops) keeps every
/// pool thread busy with its own local queue, and the global queue is served only when the pool injects a thread:
/// measured through jupyter_client at load 8–12 on two cores, an interrupt_request reached the control thread
/// 0,6–2,0 s after it was sent (2,0 s of the 2,05 s to the reply), everything after it took 20 ms.
/// With inline completions (.NET's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>) the socket event threads
/// (dedicated threads, one per core) complete the operations themselves; NetMQ only queues them to its own I/O
/// thread, so nothing of the kernel's messaging waits for the pool.
/// </summary>
/// <remarks>
/// .NET reads the variable once, when its socket engine starts, so it must be set before the first socket exists:
/// <see cref="KernelCommand"/> calls <see cref="KeepOffThePool"/> first when it serves. Processes a cell starts
/// inherit the variable (it only changes where their own socket completions run). A cell's own socket awaits also
/// complete on those event threads; a cell doing long CPU work right after a network await would delay the kernel's
/// messages on that thread until its next await (course notebooks do no network I/O).
/// </remarks>
internal static class SocketCompletions
{
    /// <summary>The .NET runtime's environment variable for inline socket completions.</summary>
    public const string InlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Asks .NET to complete socket operations on its socket event threads, not the thread pool; call before any socket is created.</summary>
    public static void KeepOffThePool() => Environment.SetEnvironmentVariable(InlineVariable, "1");
}
