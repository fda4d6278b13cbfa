using System.Globalization;

namespace CourseNotes.Runner;

/// <summary>The options of execute, verify, accept and student; a mistake throws <see cref="UsageException"/>.</summary>
public sealed record RunnerOptions(
    List<string> Notebooks, string? OutputDirectory, bool InPlace, bool Force, Dictionary<string, string> Parameters,
    string? ConfigPath, double TimeoutSeconds, int Parallel, bool Quiet)
{
    /// <summary>The longest per-cell time limit accepted: one day.</summary>
    public const double MaxTimeoutSeconds = 86_400;

    /// <summary>The most notebooks run at once.</summary>
    public const int MaxParallel = 64;

    /// <summary>Which command accepts which option (the common ones: every command).</summary>
    private static readonly Dictionary<string, string[]> OptionsOf = new()
    {
        ["execute"] = ["--output-dir", "--in-place", "--force", "-p", "--parameter"],
        ["verify"] = ["--config"],
        ["accept"] = ["--config"],
        ["student"] = ["--output-dir"],
    };

    private static readonly string[] Common = ["--timeout", "--parallel", "--quiet"];

    /// <summary>Parses the arguments that follow <paramref name="command"/>.</summary>
    public static RunnerOptions Parse(string command, string[] args)
    {
        var options = new RunnerOptions([], null, false, false, new Dictionary<string, string>(StringComparer.Ordinal), null, 600, 1, false);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg.StartsWith('-') && arg.Length > 1)
            {
                if (!Common.Contains(arg) && !OptionsOf.Values.Any(o => o.Contains(arg)))
                    throw new UsageException($"unknown option {arg}");
                if (!Common.Contains(arg) && !OptionsOf[command].Contains(arg))
                    throw new UsageException($"{arg} does not apply to {command}");
            }
            string Value()
            {
                if (i + 1 >= args.Length || args[i + 1].Length == 0) throw new UsageException($"{arg} needs a value");
                return args[++i];
            }
            switch (arg)
            {
                case "--output-dir": options = options with { OutputDirectory = Value() }; break;
                case "--in-place": options = options with { InPlace = true }; break;
                case "--force": options = options with { Force = true }; break;
                case "--quiet": options = options with { Quiet = true }; break;
                case "--config":
                    string config = Value();
                    if (!File.Exists(config)) throw new UsageException($"--config {config}: no such file");
                    options = options with { ConfigPath = config };
                    break;
                case "--timeout":
                    string seconds = Value();
                    options = options with
                    {
                        TimeoutSeconds = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 && s <= MaxTimeoutSeconds
                            ? s : throw new UsageException($"--timeout needs a number of seconds above 0 and at most {MaxTimeoutSeconds:0}, got {seconds}"),
                    };
                    break;
                case "--parallel":
                    string count = Value();
                    options = options with
                    {
                        Parallel = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and <= MaxParallel
                            ? n : throw new UsageException($"--parallel needs a whole number from 1 to {MaxParallel}, got {count}"),
                    };
                    break;
                case "-p" or "--parameter":
                    string pair = Value();
                    int equals = pair.IndexOf('=');
                    if (equals < 0) throw new UsageException($"{arg} takes NAME=VALUE, got {pair}");
                    string name = pair[..equals];
                    if (!CourseNotes.Runner.Parameters.IsValidName(name))
                        throw new UsageException($"{arg} {pair}: the parameter name \"{name}\" is not a C# identifier");
                    if (!options.Parameters.TryAdd(name, pair[(equals + 1)..]))
                        throw new UsageException($"{arg} {pair}: the parameter {name} is given twice");
                    break;
                default: options.Notebooks.Add(arg); break;
            }
        }
        if (options.InPlace && options.OutputDirectory is not null) throw new UsageException("--in-place and --output-dir exclude each other");
        if (options.Notebooks.Count == 0) throw new UsageException("no notebook given");
        // A missing notebook, or a folder, is that notebook's row (bad input, exit code 2): the others still run.
        if (options.Notebooks.Distinct(StringComparer.Ordinal).Count() != options.Notebooks.Count)
            throw new UsageException("a notebook is given twice");
        return options;
    }
}
