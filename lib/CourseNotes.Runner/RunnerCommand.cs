using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The runner's command line (see <see cref="Usage"/>). Exit codes: 0 when every cell succeeded (and,
/// when verifying, every output matched); 1 when a cell failed, an output differs, or a notebook was
/// edited while it ran (the edit is kept, the result written beside it); 2 for bad usage, a notebook
/// that cannot be read or run as a C# notebook, or a runner error. Each notebook of a batch gets its own
/// row and message; a bad one never stops the others, and the exit code is the worst of the rows.
/// </summary>
public static class RunnerCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: CourseNotes.Runner COMMAND [options]

          execute NOTEBOOK...   run every cell; write the executed notebooks
              --output-dir DIR    where to write them (default: artifacts/executed)
              --in-place          rewrite the source notebooks instead (only when every cell succeeded,
                                  and only if unchanged meanwhile: else the result goes beside them)
              --force             run even when the execution cache says the outputs are current
              -p NAME=VALUE       papermill-style parameter (repeatable)
          verify NOTEBOOK...    re-run and compare fresh outputs with the stored ones (never cached)
              --config FILE       tolerance and sanitisers (default: verify.json beside the notebook)
          accept NOTEBOOK...    like verify, then store the fresh outputs into the notebooks (unless
                                  edited meanwhile: the edit is kept, the fresh notebook goes beside it)
          student NOTEBOOK...   write the students' edition: cells tagged 'solution' left out
              --output-dir DIR    where to write it (default: student)
          bench [--cells N]     kernel start-up, first cell and trivial-cell round trip (figures)
          install-kernel [--dir DIR] [--name NAME] [--display-name TEXT]
                                  install the kernelspec (default name coursenotes-csharp) for the user:
                                  it starts CourseNotes.Kernel.dll, the kernel program beside the runner

        common options:
              --timeout SECONDS   per-cell time limit (default 600): interrupt, then end the kernel
              --parallel N        run N notebooks at once (default 1)
              --quiet             no per-cell progress
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0) { errors.WriteLine(Usage); return 2; }
        if (args[0] is "-h" or "--help") { output.WriteLine(Usage); return 0; }
        try
        {
            return Dispatch(args, output, errors);
        }
        catch (UsageException e)
        {
            errors.WriteLine($"{e.Message}\n\n{Usage}");
            return 2;
        }
        catch (FileNotFoundException e) when (e.FileName?.EndsWith(KernelLauncher.KernelAssembly, StringComparison.Ordinal) == true)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Dispatch(string[] args, TextWriter output, TextWriter errors)
    {
        string command = args[0];
        switch (command)
        {
            case "install-kernel":
                KernelCommandOptions(args[1..], valued: ["--dir", "--name", "--display-name"]);
                return KernelLauncher.Beside().RunCommand(["install", .. args[1..]], output, errors);
            case "bench":
                var bench = KernelCommandOptions(args[1..], valued: ["--cells"]);
                int cells = 200;
                if (bench.TryGetValue("--cells", out string? text) && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cells) && cells is >= 10 and <= 100_000))
                    throw new UsageException($"--cells needs a whole number from 10 to 100000, got {text}");
                KernelBenchmark.Run(KernelLauncher.Beside(), cells, output);
                return 0;
            case "execute" or "verify" or "accept" or "student":
                break;
            default:
                throw new UsageException($"unknown command {command}");
        }

        var options = RunnerOptions.Parse(command, args[1..]);
        // Every target is checked before anything runs: no output may overwrite a source notebook, no two notebooks share one.
        string? folder = command switch
        {
            "student" => options.OutputDirectory ?? "student",
            "execute" when !options.InPlace => options.OutputDirectory ?? Path.Combine("artifacts", "executed"),
            _ => null,
        };
        var targets = folder is null ? options.Notebooks : OutputTargets.Plan(options.Notebooks, folder, command == "student" && options.OutputDirectory is null ? "the default folder" : "--output-dir");
        var targetOf = options.Notebooks.Zip(targets).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        if (command == "student") return WriteStudentEdition(options, targetOf, output, errors);

        var execution = new ExecutionOptions(KernelLauncher.Beside(), TimeSpan.FromSeconds(options.TimeoutSeconds), options.Parameters,
            Progress: options.Quiet ? null : line => { lock (errors) errors.WriteLine(line); });
        var rows = new ConcurrentDictionary<string, NotebookRow>();
        Parallel.ForEach(options.Notebooks, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, path =>
        {
            var clock = Stopwatch.StartNew();
            rows[path] = Guarded(path, clock, () =>
            {
                RemoveStaleTemporaries(path);
                return command == "execute"
                    ? Execute(path, targetOf[path], options, execution)
                    : Verify(path, options, execution, accept: command == "accept");
            });
        });

        output.WriteLine();
        output.WriteLine($"{"notebook",-48} {"status",-14} {"time",8}");
        foreach (string path in options.Notebooks)
        {
            var row = rows[path];
            output.WriteLine($"{Path.GetFileName(path),-48} {row.StatusText,-14} {row.Seconds.ToString("0.0", CultureInfo.InvariantCulture),7}s");
        }
        // One line that build scripts and people read alike, e.g. "notebooks: 4 cached, 0 run".
        var all = rows.Values.ToList();
        // Notebooks refused (bad input, runner error) were not run: counted apart, and only when there are some.
        int refused = all.Count(r => r.Status is NotebookStatus.BadInput or NotebookStatus.RunnerError);
        output.WriteLine($"notebooks: {all.Count(r => r.Status == NotebookStatus.Cached)} cached, {all.Count(r => r.Status != NotebookStatus.Cached) - refused} run"
            + (refused > 0 ? $", {refused} refused" : ""));
        foreach (string path in options.Notebooks.Where(p => rows[p].Detail is not null))
            errors.WriteLine(rows[path].Detail);
        return all.Select(r => r.ExitCode).DefaultIfEmpty(0).Max();
    }

    /// <summary>Runs one notebook's work; whatever goes wrong becomes its row, never the end of the batch.</summary>
    private static NotebookRow Guarded(string path, Stopwatch clock, Func<NotebookRow> work)
    {
        try
        {
            if (!File.Exists(path) && !Directory.Exists(path))
                return new NotebookRow(path, NotebookStatus.BadInput, 0, $"{path}: no such notebook");
            return work();
        }
        catch (NotebookFormatException e)
        {
            return new NotebookRow(path, NotebookStatus.BadInput, clock.Elapsed.TotalSeconds, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new NotebookRow(path, NotebookStatus.BadInput, clock.Elapsed.TotalSeconds, $"{path}: {e.Message}");
        }
        catch (Exception e)
        {
            return new NotebookRow(path, NotebookStatus.RunnerError, clock.Elapsed.TotalSeconds,
                $"{path}: the runner failed on this notebook ({e.GetType().Name}: {e.Message}); the other notebooks were not affected. Please report it with the notebook.");
        }
    }

    // A save of this notebook killed midway (kill -9) left a temporary file beside it: removed before this run.
    private static void RemoveStaleTemporaries(string path)
    {
        if (File.Exists(path)) AtomicFile.RemoveStaleTemporaries(path);
    }

    /// <summary>Reads NAME VALUE pairs; an unknown option, a missing value or a stray argument throws <see cref="UsageException"/>.</summary>
    private static Dictionary<string, string> KernelCommandOptions(string[] args, string[] valued)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!valued.Contains(arg)) throw new UsageException(arg.StartsWith('-') ? $"unknown option {arg}" : $"unexpected argument {arg}");
            if (i + 1 >= args.Length || args[i + 1].Length == 0) throw new UsageException($"{arg} needs a value");
            values[arg] = args[++i];
        }
        return values;
    }

    private static int WriteStudentEdition(RunnerOptions options, Dictionary<string, string> targetOf, TextWriter output, TextWriter errors)
    {
        int worst = 0;
        foreach (string path in options.Notebooks)
        {
            var row = Guarded(path, Stopwatch.StartNew(), () =>
            {
                RemoveStaleTemporaries(path);
                int removed = StudentEdition.Write(path, Path.GetDirectoryName(Path.GetFullPath(targetOf[path]))!);
                output.WriteLine($"{targetOf[path]}: {removed} solution cell(s) left out");
                return new NotebookRow(path, NotebookStatus.Executed, 0);
            });
            if (row.Detail is not null) errors.WriteLine(row.Detail);
            worst = Math.Max(worst, row.ExitCode);
        }
        return worst;
    }

    private static NotebookRow Execute(string path, string target, RunnerOptions options, ExecutionOptions execution)
    {
        var source = Notebook.Load(path);
        source.EnsureCSharp();
        string key = ExecutionCache.Key(source, options.Parameters);
        var previous = options.InPlace ? source : File.Exists(target) ? Notebook.Load(target) : null;
        if (!options.Force && previous is not null && ExecutionCache.StoredKey(previous) == key)
            return new NotebookRow(path, NotebookStatus.Cached, 0);

        var run = NotebookExecutor.Execute(source, execution);
        double seconds = run.Elapsed.TotalSeconds;
        if (run.Succeeded)
        {
            ExecutionCache.Store(run.Executed, key);
            bool sameOutputs = previous is not null && StoredTimings.KeepWhenOutputsUnchanged(run.Executed, previous);
            // Same outputs, same key: the file already holds these bytes, and is left alone.
            if (!(sameOutputs && File.ReadAllText(target) == run.Executed.Serialize()))
            {
                if (options.InPlace && source.ContentHash is { } hash && run.Executed.SaveUnlessChanged(path, hash) is var written && written != path)
                    return new NotebookRow(path, NotebookStatus.EditKept, seconds, EditKept(path, written));
                if (!options.InPlace) run.Executed.Save(target);
            }
            return new NotebookRow(path, sameOutputs ? NotebookStatus.SameOutputs : NotebookStatus.Executed, seconds);
        }
        // A failed run never replaces the source notebook; elsewhere it is written, to show what happened.
        if (!options.InPlace) run.Executed.Save(target);
        return new NotebookRow(path, NotebookStatus.Failed, seconds, $"{path}, {run.FirstFailure}");
    }

    private static string EditKept(string path, string written) =>
        $"{path} was changed while it ran: that edit is kept, untouched; the executed notebook was written beside it, to {written}";

    private static NotebookRow Verify(string path, RunnerOptions options, ExecutionOptions execution, bool accept)
    {
        string configPath = options.ConfigPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "verify.json");
        var config = File.Exists(configPath) ? VerifyConfig.Load(configPath) : new VerifyConfig();
        var verification = Verifier.Verify(path, execution, config);
        double seconds = verification.Run.Elapsed.TotalSeconds;
        if (verification.Passed) return new NotebookRow(path, NotebookStatus.OutputsMatch, seconds);
        if (accept && Verifier.Accept(verification) is { } written)
            return written == path
                ? new NotebookRow(path, NotebookStatus.Accepted, seconds, verification.Report())
                : new NotebookRow(path, NotebookStatus.EditKept, seconds, verification.Report() + "\n" + EditKept(path, written));
        return new NotebookRow(path, verification.Run.Succeeded ? NotebookStatus.OutputsDiffer : NotebookStatus.Failed, seconds, verification.Report());
    }
}
