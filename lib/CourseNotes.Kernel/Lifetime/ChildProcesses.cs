using System.Diagnostics;

namespace CourseNotes.Kernel.Lifetime;

/// <summary>
/// The processes a cell started (and theirs): when the kernel ends — shutdown request, SIGTERM, or its
/// client gone — it ends them too, so nothing a notebook started outlives the kernel. .NET can end a
/// process tree from outside (<see cref="Process.Kill(bool)"/>, which the runner uses) but not the tree of
/// the calling process, so the kernel finds its descendants itself: from <c>/proc</c> on Linux, from
/// <c>ps</c> on macOS. On Windows it does not (the runner's tree kill covers its own kernels there).
/// </summary>
public static class ChildProcesses
{
    /// <summary>Ends every descendant of this process; returns how many were ended.</summary>
    public static int EndAll()
    {
        int ended = 0;
        foreach (int pid in Descendants(Environment.ProcessId))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                ended++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended in between.
            }
        }
        return ended;
    }

    /// <summary>The process ids below <paramref name="root"/> (children, grandchildren…), parents before children.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var children = ParentOfEach().GroupBy(p => p.Parent).ToDictionary(g => g.Key, g => g.Select(p => p.Pid).ToList());
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
            foreach (int child in children.GetValueOrDefault(queue.Dequeue()) ?? [])
                if (child != root && !found.Contains(child))
                {
                    found.Add(child);
                    queue.Enqueue(child);
                }
        return found;
    }

    private static IEnumerable<(int Pid, int Parent)> ParentOfEach()
    {
        if (OperatingSystem.IsLinux()) return FromProc();
        if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) return FromPs();
        return [];
    }

    private static List<(int, int)> FromProc()
    {
        var pairs = new List<(int, int)>();
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid)) continue;
            try
            {
                // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
                string stat = File.ReadAllText(Path.Combine(folder, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], out int parent)) pairs.Add((pid, parent));
            }
            catch (IOException)
            {
                // The process ended while we read.
            }
        }
        return pairs;
    }

    private static List<(int, int)> FromPs()
    {
        var start = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-A", "-o", "pid=,ppid=" }) start.ArgumentList.Add(argument);
        using var ps = Process.Start(start)!;
        string output = ps.StandardOutput.ReadToEnd();
        ps.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 2 && int.TryParse(f[0], out _) && int.TryParse(f[1], out _))
            .Select(f => (int.Parse(f[0]), int.Parse(f[1]))).ToList();
    }
}
