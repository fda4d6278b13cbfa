using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>Numbers a and b are equal when |a − b| ≤ Absolute + Relative · max(|a|, |b|).</summary>
public sealed record Tolerance(double Relative, double Absolute)
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> agree within this tolerance.</summary>
    public bool Agrees(double a, double b) =>
        a.Equals(b) || Math.Abs(a - b) <= Absolute + Relative * Math.Max(Math.Abs(a), Math.Abs(b));
}

/// <summary>A regular expression replaced in every text output before comparing (nbval's sanitisers).</summary>
/// <param name="Pattern">The expression, with a match time limit (<see cref="VerifyConfig.SanitizerTimeout"/>).</param>
/// <param name="Replacement">What each match becomes.</param>
/// <param name="Origin">Where it was written (the configuration file), or null for the defaults.</param>
public sealed record Sanitizer(Regex Pattern, string Replacement, string? Origin = null);

/// <summary>
/// How the verifier compares outputs: the numeric tolerance for numbers inside text outputs and the
/// sanitisers. Read from a JSON file (<c>verify.json</c> beside the notebooks by default):
/// <code>{ "tolerance": { "relative": 1e-6, "absolute": 1e-9 },
///   "sanitizers": [ { "pattern": "…", "replacement": "…" } ] }</code>
/// A cell can override the tolerance in metadata.coursenotes.tolerance. Tolerances are numbers ≥ 0 (a
/// string, a negative number or an unknown key is an error naming the file, or the notebook and cell);
/// each sanitiser match has a time limit, so a backtracking pattern is reported instead of hanging.
/// </summary>
public sealed class VerifyConfig
{
    /// <summary>The longest one sanitiser match may take before it is reported as a backtracking pattern.</summary>
    public static readonly TimeSpan SanitizerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The sanitisers every configuration starts with: the formatter's &lt;style&gt; block, #!time's wall time, CR-LF.</summary>
    public static IReadOnlyList<Sanitizer> DefaultSanitizers { get; } =
    [
        new(new Regex(@"<style>[\s\S]*?</style>", RegexOptions.Compiled, SanitizerTimeout), ""),
        new(new Regex(@"Wall time: [0-9.]+ ?ms", RegexOptions.Compiled, SanitizerTimeout), "Wall time: …"),
        new(new Regex("\r\n", RegexOptions.Compiled, SanitizerTimeout), "\n"),
    ];

    /// <summary>The tolerance for numbers in text outputs.</summary>
    public Tolerance Tolerance { get; init; } = new(1e-6, 1e-9);

    /// <summary>The sanitisers, defaults first.</summary>
    public IReadOnlyList<Sanitizer> Sanitizers { get; init; } = DefaultSanitizers;

    /// <summary>Reads a configuration file; a malformed one throws <see cref="NotebookFormatException"/> naming it.</summary>
    public static VerifyConfig Load(string path)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidOperationException("the file holds null");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new NotebookFormatException(path, $"not a verifier configuration: {e.Message}");
        }
        foreach (var (key, _) in json)
            if (key is not ("tolerance" or "sanitizers")) throw new NotebookFormatException(path, $"unknown key \"{key}\" (known: tolerance, sanitizers).");
        var defaults = new VerifyConfig().Tolerance;
        var tolerance = json.ContainsKey("tolerance") ? ReadTolerance(json["tolerance"], defaults, "tolerance", problem => new NotebookFormatException(path, problem)) : defaults;
        var sanitizers = DefaultSanitizers.ToList();
        if (json["sanitizers"] is not (null or JsonArray)) throw new NotebookFormatException(path, "sanitizers is not a list.");
        var list = json["sanitizers"] as JsonArray ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            string where = $"sanitizers[{i}]";
            if (list[i] is not JsonObject item) throw new NotebookFormatException(path, $"{where} is not an object with a pattern and a replacement.");
            string pattern = Text(item["pattern"]) ?? throw new NotebookFormatException(path, $"{where} has no pattern (a string).");
            string replacement = item["replacement"] is null ? "" : Text(item["replacement"]) ?? throw new NotebookFormatException(path, $"{where}.replacement is not a string.");
            try
            {
                sanitizers.Add(new Sanitizer(new Regex(pattern, RegexOptions.Compiled, SanitizerTimeout), replacement, path));
            }
            catch (ArgumentException e)
            {
                throw new NotebookFormatException(path, $"the sanitizer pattern {pattern} is not a valid regular expression: {e.Message}");
            }
        }
        return new VerifyConfig { Tolerance = tolerance, Sanitizers = sanitizers };
    }

    /// <summary>
    /// The tolerance for the code cell <paramref name="cell"/> (1-based <paramref name="number"/>) of the
    /// notebook <paramref name="notebook"/>: its own metadata.coursenotes.tolerance, else the configuration's;
    /// a malformed one throws <see cref="NotebookFormatException"/> naming the notebook and the cell.
    /// </summary>
    public Tolerance For(NotebookCell cell, string notebook, int number)
    {
        var section = cell.Metadata[CourseNotesMetadata.Section];
        if (section is not JsonObject own || !own.ContainsKey(CourseNotesMetadata.Tolerance)) return Tolerance;
        return ReadTolerance(own[CourseNotesMetadata.Tolerance], Tolerance, $"metadata.{CourseNotesMetadata.Section}.{CourseNotesMetadata.Tolerance}",
            problem => new NotebookFormatException(notebook, problem, cell: number));
    }

    /// <summary>Applies every sanitiser to <paramref name="text"/>; a pattern past its time limit throws <see cref="RegexMatchTimeoutException"/>.</summary>
    public string Sanitize(string text) => Sanitizers.Aggregate(text, (s, z) => z.Pattern.Replace(s, z.Replacement));

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // { "relative": number ≥ 0, "absolute": number ≥ 0 }, each optional (the fallback's value then).
    private static Tolerance ReadTolerance(JsonNode? node, Tolerance fallback, string name, Func<string, Exception> error)
    {
        if (node is not JsonObject json) throw error($"{name} is not an object like {{ \"relative\": 1e-6, \"absolute\": 1e-9 }}.");
        foreach (var (key, _) in json)
            if (key is not ("relative" or "absolute")) throw error($"{name} has an unknown key \"{key}\" (known: relative, absolute).");
        double Read(string key, double otherwise)
        {
            if (!json.ContainsKey(key)) return otherwise;
            var value = json[key];
            if (value is not JsonValue number || number.GetValueKind() != System.Text.Json.JsonValueKind.Number || !number.TryGetValue(out double x))
                throw error($"{name}.{key} is {value?.ToJsonString() ?? "null"}, not a number: write it without quotes, e.g. 1e-6.");
            if (!(x >= 0) || double.IsInfinity(x)) throw error($"{name}.{key} is {Format(x)}: a tolerance is a finite number ≥ 0.");
            return x;
        }
        return new Tolerance(Read("relative", fallback.Relative), Read("absolute", fallback.Absolute));
    }

    private static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String) return null;
        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return null; // a lone surrogate escape
        }
    }
}
