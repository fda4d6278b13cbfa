using System.Runtime.InteropServices;
using CourseNotes.Jupyter;

namespace CourseNotes.Kernel.Lifetime;

/// <summary>
/// Every way the kernel process ends goes through here: after a shutdown request, on SIGTERM (or
/// SIGHUP), or when its parent died (<see cref="ParentWatch"/>). The processes its cells started are
/// ended, and the connection file is deleted when the client said the kernel owns it
/// (<c>COURSENOTES_REMOVE_CONNECTION_FILE=1</c>, set by the runner, whose own cleanup cannot run once it
/// is killed); Jupyter's clients delete their files themselves.
/// </summary>
public sealed class KernelExit(string? connectionFile)
{
    private readonly bool _ownsConnectionFile = Environment.GetEnvironmentVariable("COURSENOTES_REMOVE_CONNECTION_FILE") == "1";
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _ended;

    /// <summary>Ends the kernel on SIGTERM and SIGHUP, and when the parent named in the environment dies.</summary>
    public void Watch()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Now($"{context.Signal} received", 128 + (signal == PosixSignal.SIGTERM ? 15 : 1));
            }));
        if (ParentWatch.ParentFromEnvironment() is { } parent)
            ParentWatch.Start(parent, () => Now($"its parent process {parent} is gone", 3));
    }

    /// <summary>Cleans up (cells' processes, the connection file if owned) without exiting; runs once.</summary>
    public void CleanUp()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return;
        ChildProcesses.EndAll();
        if (_ownsConnectionFile && connectionFile is not null) ConnectionFolder.Delete(connectionFile);
    }

    /// <summary>Cleans up, then ends the process with <paramref name="exitCode"/> (a cell may still be running).</summary>
    public void Now(string reason, int exitCode)
    {
        Console.Error.WriteLine($"kernel: exiting: {reason}.");
        CleanUp();
        Environment.Exit(exitCode);
    }
}
