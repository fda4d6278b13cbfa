using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CourseNotes.Kernel;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The runner's command line (see <see cref="Usage"/>). Exit codes: 0 when every cell succeeded (and,
/// when verifying, every output matched); 1 when a cell failed or an output differs; 2 for bad usage or
/// a notebook that cannot be read or run as a C# notebook.
/// </summary>
public static class RunnerCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: CourseNotes.Runner COMMAND [options]

          execute NOTEBOOK...   run every cell; write the executed notebooks
              --output-dir DIR    where to write them (default: artifacts/executed)
              --in-place          rewrite the source notebooks instead (only when every cell succeeded)
              --force             run even when the execution cache says the outputs are current
              -p NAME=VALUE       papermill-style parameter (repeatable)
          verify NOTEBOOK...    re-run and compare fresh outputs with the stored ones (never cached)
              --config FILE       tolerance and sanitisers (default: verify.json beside the notebook)
          accept NOTEBOOK...    like verify, then store the fresh outputs into the notebooks
          student NOTEBOOK...   write the students' edition: cells tagged 'solution' left out
              --output-dir DIR    where to write it (default: student)
          bench [--cells N]     kernel start-up, first cell and trivial-cell round trip (figures)
          kernel --connection-file FILE   serve as the C# Jupyter kernel
          install-kernel [--dir DIR]      install the kernelspec 'coursenotes-csharp' for the user

        common options:
              --timeout SECONDS   per-cell time limit (default 600): interrupt, then end the kernel
              --parallel N        run N notebooks at once (default 1)
              --quiet             no per-cell progress
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help") { output.WriteLine(Usage); return args.Length == 0 ? 2 : 0; }
        string command = args[0];
        if (command == "kernel") return KernelCommand.Run(args[1..]);
        if (command == "install-kernel") return KernelCommand.Run(["install", .. args[1..]]);
        if (command == "bench")
        {
            KernelBenchmark.Run(KernelLauncher.Self(), int.TryParse(KernelCommand.Option(args, "--cells"), out int n) && n >= 10 ? n : 200, output);
            return 0;
        }
        if (command is not ("execute" or "verify" or "accept" or "student")) { errors.WriteLine($"unknown command {command}\n\n{Usage}"); return 2; }

        Options options;
        try
        {
            options = Options.Parse(args[1..]);
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"{e.Message}\n\n{Usage}");
            return 2;
        }
        if (options.Notebooks.Count == 0) { errors.WriteLine($"no notebook given\n\n{Usage}"); return 2; }
        if (command == "student") return WriteStudentEdition(options, output, errors);

        var execution = new ExecutionOptions(KernelLauncher.Self(), TimeSpan.FromSeconds(options.TimeoutSeconds), options.Parameters,
            Progress: options.Quiet ? null : line => { lock (errors) errors.WriteLine(line); });
        var rows = new ConcurrentDictionary<string, (string Status, double Seconds, string? Detail, int Code)>();
        Parallel.ForEach(options.Notebooks, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, path =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                rows[path] = command == "execute"
                    ? Execute(path, options, execution)
                    : Verify(path, options, execution, accept: command == "accept");
            }
            catch (NotebookFormatException e)
            {
                rows[path] = ("bad input", clock.Elapsed.TotalSeconds, e.Message, 2);
            }
            catch (IOException e)
            {
                rows[path] = ("bad input", clock.Elapsed.TotalSeconds, $"{path}: {e.Message}", 2);
            }
        });

        output.WriteLine();
        output.WriteLine($"{"notebook",-48} {"status",-14} {"time",8}");
        foreach (string path in options.Notebooks)
        {
            var row = rows[path];
            output.WriteLine($"{Path.GetFileName(path),-48} {row.Status,-14} {row.Seconds.ToString("0.0", CultureInfo.InvariantCulture),7}s");
        }
        foreach (string path in options.Notebooks.Where(p => rows[p].Detail is not null))
            errors.WriteLine(rows[path].Detail);
        return rows.Values.Select(r => r.Code).DefaultIfEmpty(0).Max();
    }

    private static int WriteStudentEdition(Options options, TextWriter output, TextWriter errors)
    {
        string folder = options.OutputDirectory ?? "student";
        foreach (string path in options.Notebooks)
        {
            try
            {
                int removed = StudentEdition.Write(path, folder);
                output.WriteLine($"{Path.Combine(folder, Path.GetFileName(path))}: {removed} solution cell(s) left out");
            }
            catch (Exception e) when (e is NotebookFormatException or IOException)
            {
                errors.WriteLine(e is NotebookFormatException ? e.Message : $"{path}: {e.Message}");
                return 2;
            }
        }
        return 0;
    }

    private static (string, double, string?, int) Execute(string path, Options options, ExecutionOptions execution)
    {
        var source = Notebook.Load(path);
        string target = options.InPlace ? path : Path.Combine(options.OutputDirectory ?? Path.Combine("artifacts", "executed"), Path.GetFileName(path));
        string key = ExecutionCache.Key(source, options.Parameters);
        if (!options.Force && File.Exists(target) && ExecutionCache.StoredKey(Notebook.Load(target)) == key)
            return ("cached", 0, null, 0);

        var run = NotebookExecutor.Execute(source, execution);
        if (run.Succeeded)
        {
            ExecutionCache.Store(run.Executed, key);
            run.Executed.Save(target);
            return ("ok", run.Elapsed.TotalSeconds, null, 0);
        }
        // A failed run never replaces the source notebook; elsewhere it is written, to show what happened.
        if (!options.InPlace) run.Executed.Save(target);
        return ("failed", run.Elapsed.TotalSeconds, $"{path}, {run.FirstFailure}", 1);
    }

    private static (string, double, string?, int) Verify(string path, Options options, ExecutionOptions execution, bool accept)
    {
        string configPath = options.ConfigPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "verify.json");
        var config = File.Exists(configPath) ? VerifyConfig.Load(configPath) : new VerifyConfig();
        var verification = Verifier.Verify(path, execution, config);
        if (verification.Passed) return ("outputs match", verification.Run.Elapsed.TotalSeconds, null, 0);
        if (accept && Verifier.Accept(verification))
            return ("accepted", verification.Run.Elapsed.TotalSeconds, verification.Report(), 0);
        return (verification.Run.Succeeded ? "outputs differ" : "failed", verification.Run.Elapsed.TotalSeconds, verification.Report(), 1);
    }

    private sealed record Options(
        List<string> Notebooks, string? OutputDirectory, bool InPlace, bool Force, Dictionary<string, string> Parameters,
        string? ConfigPath, double TimeoutSeconds, int Parallel, bool Quiet)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options([], null, false, false, new Dictionary<string, string>(StringComparer.Ordinal), null, 600, 1, false);
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--output-dir": options = options with { OutputDirectory = Value() }; break;
                    case "--in-place": options = options with { InPlace = true }; break;
                    case "--force": options = options with { Force = true }; break;
                    case "--quiet": options = options with { Quiet = true }; break;
                    case "--config": options = options with { ConfigPath = Value() }; break;
                    case "--timeout":
                        options = options with
                        {
                            TimeoutSeconds = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0
                                ? s : throw new ArgumentException("--timeout needs a positive number of seconds"),
                        };
                        break;
                    case "--parallel":
                        options = options with { Parallel = int.TryParse(Value(), out int n) && n > 0 ? n : throw new ArgumentException("--parallel needs a positive count") };
                        break;
                    case "-p" or "--parameter":
                        string pair = Value();
                        int equals = pair.IndexOf('=');
                        if (equals <= 0) throw new ArgumentException($"a parameter is NAME=VALUE, got {pair}");
                        options.Parameters[pair[..equals]] = pair[(equals + 1)..];
                        break;
                    case var flag when flag.StartsWith('-'): throw new ArgumentException($"unknown option {flag}");
                    default: options.Notebooks.Add(args[i]); break;
                }
            }
            return options;
        }
    }
}
