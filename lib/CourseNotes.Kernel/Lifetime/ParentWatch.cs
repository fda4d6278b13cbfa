using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CourseNotes.Kernel.Lifetime;

/// <summary>
/// Ends the kernel when the process that started it dies (a runner killed with SIGKILL, a crashed
/// front end), as ipykernel's parent poller does: a kernel left behind holds hundreds of megabytes and
/// answers anyone who has its key. The parent is named by <c>COURSENOTES_PARENT_PID</c> (the runner sets
/// it) or, on Unix, <c>JPY_PARENT_PID</c> (jupyter_client sets it to its pid; on Windows it is a handle,
/// not a pid, and is not read). Every quarter of a second the watch checks that the process still exists
/// and is the same one (same start time: a pid can be reused); on Unix it also sees the kernel reparented
/// (<c>getppid</c> changed), which happens at once even while the dead parent is a zombie. Portable:
/// no Linux-only <c>prctl(PR_SET_PDEATHSIG)</c>.
/// </summary>
public static partial class ParentWatch
{
    /// <summary>How often the parent is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The parent's pid from the environment, or null when none is named.</summary>
    public static int? ParentFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable("COURSENOTES_PARENT_PID");
        if (string.IsNullOrEmpty(text) && !OperatingSystem.IsWindows()) text = Environment.GetEnvironmentVariable("JPY_PARENT_PID");
        return int.TryParse(text, out int pid) && pid > 1 ? pid : null;
    }

    /// <summary>Starts watching <paramref name="parentPid"/> on a background thread; <paramref name="onParentDied"/> runs once when it is gone.</summary>
    public static void Start(int parentPid, Action onParentDied)
    {
        DateTime? started = StartTime(parentPid);
        int? unixParent = OperatingSystem.IsWindows() ? null : GetParentPid();
        bool watchReparenting = unixParent == parentPid;
        var thread = new Thread(() =>
        {
            while (true)
            {
                bool gone = started is null || StartTime(parentPid) != started || (watchReparenting && GetParentPid() != parentPid);
                if (gone)
                {
                    onParentDied();
                    return;
                }
                Thread.Sleep(Interval);
            }
        }) { IsBackground = true, Name = "parent watch" };
        thread.Start();
    }

    private static DateTime? StartTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static int GetParentPid() => getppid();

    [LibraryImport("libc")]
    private static partial int getppid();
}
