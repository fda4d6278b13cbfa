using System.Diagnostics;
using CourseNotes.Notebooks;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Runner.Tests.FaultInjection;

/// <summary>
/// Fault injection around the kernel's life (issue 14): no kernel, no child process of a cell and no
/// connection file outlives its runner — killed with SIGKILL, ended normally, or the kernel sent
/// SIGTERM — and concurrent runner processes never fail to start a kernel.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public class KernelLifetimeTests(ITestOutputHelper log)
{
    private static readonly UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static void UnixOnly()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("SIGKILL, SIGTERM, file modes and `sleep` are Unix's");
    }

    [Fact]
    public void An_orphan_kernel_exits_within_10_s_of_its_runner_killed_with_SIGKILL_with_its_cells_processes_and_key()
    {
        UnixOnly();
        const int trials = 3;
        var times = new List<double>();
        for (int trial = 0; trial < trials; trial++)
        {
            string info = Path.Combine(Path.GetTempPath(), "coursenotes-tests", $"orphan-{Guid.NewGuid():N}.txt");
            string notebook = ScratchNotebook.Write("orphan.ipynb", ScratchNotebook.RecordKernelCell(info) + "\nSystem.Threading.Thread.Sleep(600_000);");
            string runner = typeof(KernelClient).Assembly.Location;
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { runner, "execute", "--quiet", "--output-dir", Path.GetDirectoryName(info)!, notebook }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            (int Kernel, string ConnectionFile, string FileMode, string FolderMode, int Child) kernel;
            try
            {
                kernel = ScratchNotebook.ReadKernelInfo(info, FaultInjectionCollection.Patience);
            }
            finally
            {
                process.Kill(); // SIGKILL to the runner alone: its kernel is left to notice
            }
            process.WaitForExit();
            Assert.Equal(OwnerOnlyFile.ToString(), kernel.FileMode);
            Assert.Equal(OwnerOnlyFolder.ToString(), kernel.FolderMode);

            var gone = ScratchNotebook.WaitUntilGone(kernel.Kernel, TimeSpan.FromSeconds(10));
            try
            {
                Assert.True(gone is not null, $"trial {trial + 1}: the kernel {kernel.Kernel} still runs 10 s after its runner was killed");
                Assert.True(ScratchNotebook.WaitUntilGone(kernel.Child, TimeSpan.FromSeconds(2)) is not null, $"trial {trial + 1}: the cell's child process {kernel.Child} survived its kernel");
                Assert.False(File.Exists(kernel.ConnectionFile), $"trial {trial + 1}: the connection file (the key) was left behind");
                Assert.False(Directory.Exists(Path.GetDirectoryName(kernel.ConnectionFile)), $"trial {trial + 1}: the connection folder was left behind");
            }
            finally
            {
                foreach (int pid in new[] { kernel.Kernel, kernel.Child }.Where(ScratchNotebook.IsRunning))
                    using (var left = Process.GetProcessById(pid)) left.Kill();
            }
            times.Add(gone!.Value.TotalSeconds);
        }
        log.WriteLine($"{trials} trials: orphan kernel gone {string.Join(", ", times.Select(t => t.ToString("0.00")))} s after the runner's SIGKILL");
    }

    [Fact]
    public void A_finished_notebook_leaves_no_kernel_no_child_process_and_no_connection_file()
    {
        UnixOnly();
        string info = Path.Combine(Path.GetTempPath(), "coursenotes-tests", $"done-{Guid.NewGuid():N}.txt");
        string notebook = ScratchNotebook.Write("done.ipynb", ScratchNotebook.RecordKernelCell(info), "1 + 1");
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", Path.GetDirectoryName(info)!, notebook);
        Assert.True(code == 0, output);
        var kernel = ScratchNotebook.ReadKernelInfo(info, TimeSpan.Zero);
        Assert.Equal(OwnerOnlyFile.ToString(), kernel.FileMode);
        Assert.Equal(OwnerOnlyFolder.ToString(), kernel.FolderMode);
        Assert.False(ScratchNotebook.IsRunning(kernel.Kernel), "the kernel outlived its notebook");
        Assert.True(ScratchNotebook.WaitUntilGone(kernel.Child, TimeSpan.FromSeconds(2)) is not null, "a process started by a cell outlived the notebook's run");
        Assert.False(Directory.Exists(Path.GetDirectoryName(kernel.ConnectionFile)), "the connection folder (with the key) was left behind");
    }

    [Fact]
    public void A_kernel_sent_SIGTERM_exits_with_its_cells_processes()
    {
        UnixOnly();
        string folder = Repository.CopyFixtures();
        string info = Path.Combine(folder, "sigterm.txt");
        using var kernel = KernelClient.Start(KernelLauncher.Beside(), folder, FaultInjectionCollection.Patience);
        Assert.Equal("ok", (string?)kernel.Execute(ScratchNotebook.RecordKernelCell(info), FaultInjectionCollection.Patience, _ => { })?["status"]);
        var recorded = ScratchNotebook.ReadKernelInfo(info, TimeSpan.Zero);
        Assert.Equal(kernel.ProcessId, recorded.Kernel);
        Assert.Equal(0, kill(recorded.Kernel, 15)); // SIGTERM
        Assert.True(ScratchNotebook.WaitUntilGone(recorded.Kernel, TimeSpan.FromSeconds(10)) is not null, "the kernel did not exit on SIGTERM");
        Assert.True(ScratchNotebook.WaitUntilGone(recorded.Child, TimeSpan.FromSeconds(2)) is not null, "the cell's child process survived SIGTERM");
        Assert.Contains("SIGTERM received", kernel.KernelLog);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [Fact]
    public async Task Eight_concurrent_runner_processes_start_five_kernels_each_without_a_port_clash_and_leave_none_behind()
    {
        UnixOnly();
        const int runners = 8, starts = 5;
        string runner = typeof(KernelClient).Assembly.Location;
        string root = Repository.CopyFixtures();
        // Runner r runs 5 one-cell notebooks in turn (each its own kernel process); the cell records its kernel, connection file and a child process, and answers r * 100 + s.
        var notebooks = Enumerable.Range(0, runners).Select(r => Enumerable.Range(0, starts).Select(s =>
        {
            string info = Path.Combine(root, $"runner{r}-start{s}.txt");
            return (Info: info, Path: ScratchNotebook.Write($"runner{r}-start{s}.ipynb", ScratchNotebook.RecordKernelCell(info) + $"\n{r} * 100 + {s}"));
        }).ToArray()).ToArray();
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, runners).Select(r =>
        {
            string outputs = Path.Combine(root, $"out{r}");
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { runner, "execute", "--quiet", "--output-dir", outputs }.Concat(notebooks[r].Select(n => n.Path))) start.ArgumentList.Add(argument);
            var process = Process.Start(start)!;
            return (Process: process, Output: process.StandardOutput.ReadToEndAsync(), Errors: process.StandardError.ReadToEndAsync(), Folder: outputs);
        }).ToList(); // all 8 started before any is waited for
        var failures = new List<string>();
        var connectionFiles = new List<string>();
        try
        {
            foreach (var (process, output, errors, folder) in processes)
            {
                int r = processes.FindIndex(p => p.Process == process);
                using var patience = new CancellationTokenSource(FaultInjectionCollection.Patience);
                try
                {
                    await process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    failures.Add($"runner {r} did not end within {FaultInjectionCollection.Patience}");
                    continue;
                }
                string said = await output + await errors;
                if (process.ExitCode != 0 || !said.Contains($"notebooks: 0 cached, {starts} run", StringComparison.Ordinal))
                    failures.Add($"runner {r} (exit {process.ExitCode}): {said}");
                for (int s = 0; s < starts; s++)
                {
                    string executed = Path.Combine(folder, $"runner{r}-start{s}.ipynb");
                    string? answer = File.Exists(executed)
                        ? Notebook.Load(executed).Cells[0].Outputs.Select(o => o?["data"]?["text/plain"]).OfType<System.Text.Json.Nodes.JsonNode>().Select(NotebookText.Join).FirstOrDefault()
                        : null;
                    if (answer != $"{r * 100 + s}") failures.Add($"runner {r}, start {s}: the cell answered {answer ?? "nothing"}");
                    if (!File.Exists(notebooks[r][s].Info)) { failures.Add($"runner {r}, start {s}: the kernel never ran the cell"); continue; }
                    var kernel = ScratchNotebook.ReadKernelInfo(notebooks[r][s].Info, TimeSpan.Zero);
                    connectionFiles.Add(kernel.ConnectionFile);
                    // The runner has exited: its kernels, their cells' processes and their keys must already be gone.
                    if (ScratchNotebook.IsRunning(kernel.Kernel)) failures.Add($"runner {r}, start {s}: kernel {kernel.Kernel} outlived its runner");
                    if (ScratchNotebook.WaitUntilGone(kernel.Child, TimeSpan.FromSeconds(2)) is null) failures.Add($"runner {r}, start {s}: the cell's child process {kernel.Child} outlived its runner");
                    if (Directory.Exists(Path.GetDirectoryName(kernel.ConnectionFile))) failures.Add($"runner {r}, start {s}: the connection folder (the key) was left behind");
                }
            }
        }
        finally
        {
            foreach (var (process, _, _, _) in processes)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.Dispose();
            }
        }
        log.WriteLine($"{runners} runner processes × {starts} kernel starts in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} failure(s)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(runners * starts, connectionFiles.Distinct().Count());
    }
}
