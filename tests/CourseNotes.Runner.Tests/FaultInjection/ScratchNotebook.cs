using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Runner.Tests.FaultInjection;

/// <summary>Notebooks written for one test in a new temporary folder, and what the fault-injection tests need around them.</summary>
public static class ScratchNotebook
{
    /// <summary>Writes a C# notebook (Polyglot layout) with one code cell per source; returns its path.</summary>
    public static string Write(string name, params string[] cells)
    {
        string folder = Repository.CopyFixtures();
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(source => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(), ["source"] = source,
            }).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4, ["nbformat_minor"] = 4,
        };
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>True while process <paramref name="pid"/> runs (a zombie, dead but not yet reaped, does not run).</summary>
    public static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[stat.LastIndexOf(')') + 2] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="pid"/> no longer runs; returns how long it took, or null after <paramref name="timeout"/>.</summary>
    public static TimeSpan? WaitUntilGone(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!IsRunning(pid)) return clock.Elapsed;
            Thread.Sleep(50);
        }
        return null;
    }

    /// <summary>
    /// C# for a cell that records, in <paramref name="infoFile"/>, the kernel's pid, its connection file, that
    /// file's and its folder's modes, and the pid of a child process it starts (<c>sleep 600</c>).
    /// </summary>
    public static string RecordKernelCell(string infoFile) => $$"""
        var connectionFile = Environment.GetCommandLineArgs().SkipWhile(a => a != "--connection-file").Skip(1).First();
        var child = System.Diagnostics.Process.Start("sleep", "600");
        var info = $"{Environment.ProcessId}\n{connectionFile}\n{System.IO.File.GetUnixFileMode(connectionFile)}\n{System.IO.File.GetUnixFileMode(System.IO.Path.GetDirectoryName(connectionFile)!)}\n{child.Id}\n";
        System.IO.File.WriteAllText(@"{{infoFile}}.tmp", info);
        System.IO.File.Move(@"{{infoFile}}.tmp", @"{{infoFile}}");
        """;

    /// <summary>What <see cref="RecordKernelCell"/> wrote, once it is there.</summary>
    public static (int Kernel, string ConnectionFile, string FileMode, string FolderMode, int Child) ReadKernelInfo(string infoFile, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(infoFile))
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"the cell did not write {infoFile} within {timeout.TotalSeconds} s");
            Thread.Sleep(50);
        }
        string[] lines = File.ReadAllLines(infoFile);
        return (int.Parse(lines[0]), lines[1], lines[2], lines[3], int.Parse(lines[4]));
    }
}
