using System.Diagnostics;
using System.Text;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests;

/// <summary>
/// Fault injection on scratch copies: the runner killed with SIGKILL at random points of a save, a
/// teacher's edit saved while <c>execute --in-place</c> or <c>accept</c> runs. The number of trials is
/// printed with the outcomes; COURSENOTES_FAULT_TRIALS sets the kill trials (default 20).
/// </summary>
public class FaultInjectionTests(ITestOutputHelper log)
{
    private static readonly string RunnerDll = Path.Combine(AppContext.BaseDirectory, "CourseNotes.Runner.dll");

    private static int Trials => int.TryParse(Environment.GetEnvironmentVariable("COURSENOTES_FAULT_TRIALS"), out int n) && n > 0 ? n : 20;

    private static Process Start(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RunnerDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public void Kill_9_at_random_points_of_a_save_leaves_the_old_or_the_new_file_and_no_temporary_after_the_next_run()
    {
        string folder = ScratchNotebook.Folder();
        // About 40 MB of stored output, so that the save (serialise, write, flush, rename) takes a good part of the run.
        string line = new string('x', 99) + "\n";
        string path = ScratchNotebook.Write(folder, "gros.ipynb", "md:# Sauvegarde", "Console.WriteLine(1);");
        var notebook = Notebook.Load(path);
        notebook.Cells[1].Outputs.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "stdout", ["output_type"] = "stream", ["text"] = string.Concat(Enumerable.Repeat(line, 400_000)),
        });
        notebook.Save(path);
        string target = Path.Combine(folder, "out", "gros.ipynb");
        byte[] old = Encoding.UTF8.GetBytes("{\"ancien\": true}\n");

        // The new content, and how long a save lasts (from its temporary file's creation to the rename), measured once.
        string output = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(output);
        double save;
        using (var first = Start(folder, "student", "--output-dir", "out", "gros.ipynb"))
        {
            var saving = WaitForTemporary(output, first);
            Assert.NotNull(saving);
            while (Directory.GetFiles(output, $"*.{first.Id}-*.tmp").Length > 0 && !first.HasExited) Thread.Sleep(1);
            save = saving.Elapsed.TotalMilliseconds;
            first.WaitForExit();
            Assert.Equal(0, first.ExitCode);
        }
        byte[] fresh = File.ReadAllBytes(target);
        Assert.NotEqual(old, fresh);

        // Each trial: the runner killed (SIGKILL) at a random point from the start of its save to 30 % past its measured length.
        var random = new Random(20261201);
        int sawOld = 0, sawNew = 0, temporariesLeft = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            File.WriteAllBytes(target, old);
            using var process = Start(folder, "student", "--output-dir", "out", "gros.ipynb");
            double delay = random.NextDouble() * save * 1.3;
            var saving = WaitForTemporary(output, process);
            if (saving is not null)
                while (saving.Elapsed.TotalMilliseconds < delay) Thread.SpinWait(100);
            try { process.Kill(); } catch (InvalidOperationException) { } // already finished: a trial past the end of the save
            process.WaitForExit();
            byte[] now = File.ReadAllBytes(target);
            Assert.True(now.AsSpan().SequenceEqual(old) || now.AsSpan().SequenceEqual(fresh), $"trial {trial}: the target is neither the old nor the new content ({now.Length} bytes)");
            if (now.AsSpan().SequenceEqual(old)) sawOld++; else sawNew++;
            if (Directory.GetFiles(output, $"*.{process.Id}-*.tmp").Length > 0) temporariesLeft++;
        }
        log.WriteLine($"{Trials} kills during saves of {save:0} ms: {sawOld} left the old content, {sawNew} the new; {temporariesLeft} left a temporary file.");
        Assert.True(temporariesLeft > 0, "no kill landed inside a save: the trials tested nothing");

        // The next run removes what the killed runs left.
        using (var last = Start(folder, "student", "--output-dir", "out", "gros.ipynb")) { last.WaitForExit(); Assert.Equal(0, last.ExitCode); }
        Assert.Equal(fresh, File.ReadAllBytes(target));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    // Polls (every millisecond) until the process's temporary file appears in the folder: its save has begun; a clock started then, or null if the process ended first.
    private static Stopwatch? WaitForTemporary(string folder, Process process)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (Directory.GetFiles(folder, $"*.{process.Id}-*.tmp").Length > 0) return Stopwatch.StartNew(); // this process's, not one a killed run left
            if (process.HasExited) return null;
            Thread.Sleep(1);
        }
        return null;
    }

    [Fact]
    public void A_temporary_left_by_a_killed_save_is_removed_when_the_runner_next_reads_the_notebook()
    {
        string path = RunnerFixture.Copy("mismatch.ipynb");
        string stale = path + ".2147483646-1.tmp"; // above Linux's largest process id (2^22): no process has it
        File.WriteAllText(stale, "{ moitié d’une sauvegarde");
        RunnerFixture.Run("student", "--output-dir", Path.Combine(Path.GetDirectoryName(path)!, "eleves"), path);
        Assert.False(File.Exists(stale));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task A_teachers_edit_during_execute_in_place_is_kept_and_the_result_goes_beside_it(int trial, bool editorRenames)
    {
        string folder = ScratchNotebook.Folder();
        string path = ScratchNotebook.Write(folder, "edition.ipynb", "md:# Avant", "System.IO.File.WriteAllText(\"demarre\", \"\"); System.Threading.Thread.Sleep(3000); Console.WriteLine(\"fini\");");
        var run = Task.Run(() => RunnerFixture.Run("execute", "--quiet", "--in-place", path));
        byte[] edited = EditWhenStarted(folder, path, editorRenames);
        var (code, output) = await run;

        Assert.True(code == 1, $"trial {trial}: {output}");
        string beside = Path.Combine(folder, "edition.executed.ipynb");
        Assert.Contains($"{path} was changed while it ran: that edit is kept, untouched; the executed notebook was written beside it, to {beside}", output);
        Assert.Contains("edit kept", output);
        Assert.Equal(edited, File.ReadAllBytes(path));
        Assert.Equal("fini\n", NotebookText.Join(Notebook.Load(beside).Cells[1].Outputs[0]!["text"]));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        log.WriteLine($"trial {trial} ({(editorRenames ? "editor saves by rename" : "editor rewrites the file")}): edit kept, result in {Path.GetFileName(beside)}");
    }

    [Fact]
    public async Task A_teachers_edit_during_accept_is_kept_and_the_result_goes_beside_it()
    {
        string folder = ScratchNotebook.Folder();
        string path = ScratchNotebook.Write(folder, "accepte.ipynb", "md:# Avant", "System.IO.File.WriteAllText(\"demarre\", \"\"); System.Threading.Thread.Sleep(3000); Console.WriteLine(\"nouveau\");");
        var stored = Notebook.Load(path);
        stored.Cells[1].Outputs.Add(new System.Text.Json.Nodes.JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = "ancien\n" });
        stored.Save(path);
        var run = Task.Run(() => RunnerFixture.Run("accept", "--quiet", path));
        byte[] edited = EditWhenStarted(folder, path, editorRenames: false);
        var (code, output) = await run;

        Assert.True(code == 1, output);
        Assert.Contains("was changed while it ran: that edit is kept", output);
        Assert.Equal(edited, File.ReadAllBytes(path));
        Assert.Equal("nouveau\n", NotebookText.Join(Notebook.Load(Path.Combine(folder, "accepte.executed.ipynb")).Cells[1].Outputs[0]!["text"]));
    }

    // Waits until the cell has started, then saves a changed title as an editor would; returns the bytes saved.
    private static byte[] EditWhenStarted(string folder, string path, bool editorRenames)
    {
        var wait = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(folder, "demarre")))
        {
            Assert.True(wait.Elapsed < TimeSpan.FromMinutes(3), "the cell never started");
            Thread.Sleep(50);
        }
        byte[] edited = Encoding.UTF8.GetBytes(File.ReadAllText(path).Replace("# Avant", "# Après, corrigé pendant l’exécution"));
        if (editorRenames)
        {
            File.WriteAllBytes(path + ".editeur", edited);
            File.Move(path + ".editeur", path, overwrite: true);
        }
        else File.WriteAllBytes(path, edited);
        return edited;
    }
}
