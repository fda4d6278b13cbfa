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
public sealed record Sanitizer(Regex Pattern, string Replacement);

/// <summary>
/// How the verifier compares outputs: the numeric tolerance for numbers inside text outputs and the
/// sanitisers. Read from a JSON file (<c>verify.json</c> beside the notebooks by default):
/// <code>{ "tolerance": { "relative": 1e-6, "absolute": 1e-9 },
///   "sanitizers": [ { "pattern": "…", "replacement": "…" } ] }</code>
/// A cell can override the tolerance in metadata.coursenotes.tolerance.
/// </summary>
public sealed class VerifyConfig
{
    /// <summary>The sanitisers every configuration starts with: the formatter's &lt;style&gt; block, #!time's wall time, CR-LF.</summary>
    public static IReadOnlyList<Sanitizer> DefaultSanitizers { get; } =
    [
        new(new Regex(@"<style>[\s\S]*?</style>", RegexOptions.Compiled), ""),
        new(new Regex(@"Wall time: [0-9.]+ ?ms", RegexOptions.Compiled), "Wall time: …"),
        new(new Regex("\r\n", RegexOptions.Compiled), "\n"),
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
            json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new NotebookFormatException(path, $"not a verifier configuration: {e.Message}");
        }
        var tolerance = json["tolerance"] is JsonObject t
            ? new Tolerance((double?)t["relative"] ?? 1e-6, (double?)t["absolute"] ?? 1e-9)
            : new Tolerance(1e-6, 1e-9);
        var sanitizers = DefaultSanitizers.ToList();
        foreach (var item in json["sanitizers"] as JsonArray ?? [])
        {
            string pattern = (string?)item?["pattern"] ?? throw new NotebookFormatException(path, "a sanitizer has no pattern.");
            try
            {
                sanitizers.Add(new Sanitizer(new Regex(pattern, RegexOptions.Compiled), (string?)item!["replacement"] ?? ""));
            }
            catch (ArgumentException e)
            {
                throw new NotebookFormatException(path, $"the sanitizer pattern {pattern} is not a valid regular expression: {e.Message}");
            }
        }
        return new VerifyConfig { Tolerance = tolerance, Sanitizers = sanitizers };
    }

    /// <summary>The tolerance for <paramref name="cell"/>: its own metadata.coursenotes.tolerance, else the configuration's.</summary>
    public Tolerance For(NotebookCell cell) => cell.Metadata[CourseNotesMetadata.Section]?[CourseNotesMetadata.Tolerance] is JsonObject t
        ? new Tolerance((double?)t["relative"] ?? Tolerance.Relative, (double?)t["absolute"] ?? Tolerance.Absolute)
        : Tolerance;

    /// <summary>Applies every sanitiser to <paramref name="text"/>.</summary>
    public string Sanitize(string text) => Sanitizers.Aggregate(text, (s, z) => z.Pattern.Replace(s, z.Replacement));

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
