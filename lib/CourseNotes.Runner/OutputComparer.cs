using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// Compares a cell's stored outputs with fresh ones the way nbval does, and more: per output and MIME
/// type, after sanitising, with a numeric tolerance for the numbers inside text, and Plotly charts by
/// their data and layout rather than their HTML. Returns the first difference in words, or null.
/// </summary>
public static partial class OutputComparer
{
    /// <summary>The first difference between <paramref name="stored"/> and <paramref name="fresh"/> outputs of one cell, or null.</summary>
    public static string? FirstDifference(JsonArray stored, JsonArray fresh, VerifyConfig config, Tolerance tolerance)
    {
        if (stored.Count != fresh.Count)
            return $"{stored.Count} output(s) stored, {fresh.Count} now ({Kinds(stored)} → {Kinds(fresh)})";
        for (int i = 0; i < stored.Count; i++)
        {
            var a = (JsonObject)stored[i]!;
            var b = (JsonObject)fresh[i]!;
            string kind = Kind(a);
            if (kind != Kind(b)) return $"output {i + 1} was {kind}, is now {Kind(b)}";
            string? difference = kind switch
            {
                "stream" => (string?)a["name"] != (string?)b["name"]
                    ? $"stream {(string?)a["name"]} became {(string?)b["name"]}"
                    : Text(NotebookText.Join(a["text"]), NotebookText.Join(b["text"]), config, tolerance),
                "error" => Text($"{(string?)a["ename"]}: {(string?)a["evalue"]}", $"{(string?)b["ename"]}: {(string?)b["evalue"]}", config, tolerance),
                _ => Data(a["data"] as JsonObject ?? [], b["data"] as JsonObject ?? [], config, tolerance),
            };
            if (difference is not null) return $"output {i + 1} ({kind}): {difference}";
        }
        return null;
    }

    private static string Kind(JsonObject output) => (string?)output["output_type"] is "execute_result" ? "display_data" : (string?)output["output_type"] ?? "";

    private static string Kinds(JsonArray outputs) => string.Join(", ", outputs.Select(o => Kind((JsonObject)o!)));

    private static string? Data(JsonObject a, JsonObject b, VerifyConfig config, Tolerance tolerance)
    {
        bool chart = a.ContainsKey(MimeType.Plotly) || b.ContainsKey(MimeType.Plotly);
        var types = a.Select(p => p.Key).Where(t => !(chart && t == MimeType.Html)).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        // The kernel adds a text/plain fallback to every value; an output stored before (or by Polyglot) lacks it.
        bool plainAdded = !a.ContainsKey(MimeType.PlainText) && b.ContainsKey(MimeType.PlainText);
        var freshTypes = b.Select(p => p.Key).Where(t => !(chart && t == MimeType.Html) && !(plainAdded && t == MimeType.PlainText)).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        if (!types.SequenceEqual(freshTypes)) return $"MIME types {string.Join(", ", types)} became {string.Join(", ", freshTypes)}";
        foreach (string type in types)
        {
            if (chart && type == MimeType.Svg) continue; // drawn from the Plotly data, which is compared by value
            string? difference = MimeType.IsJson(type)
                ? Json(a[type], b[type], "", tolerance)
                : type.StartsWith("image/", StringComparison.Ordinal)
                    ? Image(NotebookText.Join(a[type]).Trim(), NotebookText.Join(b[type]).Trim(), tolerance)
                    : Text(NotebookText.Join(a[type]), NotebookText.Join(b[type]), config, tolerance);
            if (difference is not null) return $"{type}: {difference}";
        }
        return null;
    }

    /// <summary>
    /// Two base64 images agree when their bytes are equal, or when both are greyscale PNGs of the same size
    /// whose mean absolute grey-level difference is at most 255 × the relative tolerance (so the default
    /// 1e-6 demands identical pixels, and a cell's looser tolerance absorbs another CPU's rounding).
    /// </summary>
    private static string? Image(string stored, string fresh, Tolerance tolerance)
    {
        if (stored == fresh) return null;
        byte[] a, b;
        try { (a, b) = (Convert.FromBase64String(stored), Convert.FromBase64String(fresh)); }
        catch (FormatException) { return "the image differs"; }
        if (PngGreyscale.TryRead(a) is not { } x || PngGreyscale.TryRead(b) is not { } y) return "the image differs";
        if ((x.Width, x.Height) != (y.Width, y.Height)) return $"the image was {x.Width}×{x.Height}, is now {y.Width}×{y.Height}";
        double mean = 0;
        for (int i = 0; i < x.Pixels.Length; i++) mean += Math.Abs(x.Pixels[i] - y.Pixels[i]);
        mean /= x.Pixels.Length;
        return mean <= 255 * tolerance.Relative ? null
            : $"the image differs: mean grey-level difference {mean.ToString("0.###", CultureInfo.InvariantCulture)} > {(255 * tolerance.Relative).ToString("0.###", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Compares two texts line by line after sanitising; numbers within tolerance are equal.</summary>
    public static string? Text(string stored, string fresh, VerifyConfig config, Tolerance tolerance)
    {
        var a = config.Sanitize(stored).TrimEnd('\n').Split('\n');
        var b = config.Sanitize(fresh).TrimEnd('\n').Split('\n');
        for (int line = 0; line < Math.Max(a.Length, b.Length); line++)
        {
            string x = line < a.Length ? a[line] : "(no line)";
            string y = line < b.Length ? b[line] : "(no line)";
            if (!LineAgrees(x, y, tolerance))
                return $"line {line + 1}\n    stored: {Clip(x)}\n    fresh:  {Clip(y)}";
        }
        return null;
    }

    private static bool LineAgrees(string a, string b, Tolerance tolerance)
    {
        if (a == b) return true;
        var na = Number().Matches(a);
        var nb = Number().Matches(b);
        if (na.Count != nb.Count || na.Count == 0) return false;
        if (Number().Replace(a, "#") != Number().Replace(b, "#")) return false;
        for (int i = 0; i < na.Count; i++)
            if (!tolerance.Agrees(Parse(na[i].Value), Parse(nb[i].Value))) return false;
        return true;
    }

    private static string? Json(JsonNode? a, JsonNode? b, string path, Tolerance tolerance)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (string key in x.Select(p => p.Key).Union(y.Select(p => p.Key)).OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (!x.ContainsKey(key) || !y.ContainsKey(key)) return $"{path}/{key} is only in the {(x.ContainsKey(key) ? "stored" : "fresh")} output";
                    if (Json(x[key], y[key], $"{path}/{key}", tolerance) is { } d) return d;
                }
                return null;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count) return $"{path} has {x.Count} items stored, {y.Count} now";
                for (int i = 0; i < x.Count; i++)
                    if (Json(x[i], y[i], $"{path}/{i}", tolerance) is { } d) return d;
                return null;
            case (JsonValue x, JsonValue y) when x.TryGetValue(out double u) && y.TryGetValue(out double v):
                return tolerance.Agrees(u, v) ? null : $"{path}: {VerifyConfig.Format(u)} became {VerifyConfig.Format(v)}";
            default:
                return JsonNode.DeepEquals(a, b) ? null : $"{path}: {Clip(a?.ToJsonString() ?? "null")} became {Clip(b?.ToJsonString() ?? "null")}";
        }
    }

    // A token of Number() as a double: the minus sign U+2212 as '-', group separators dropped, the decimal comma as '.'.
    private static double Parse(string number) => double.Parse(
        number.Replace('\u2212', '-').Replace("\u202F", "").Replace("\u2009", "").Replace("\u00A0", "").Replace(',', '.'),
        NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>
    /// A number in printed text, English or French. The rule, in order:
    /// <list type="number">
    /// <item>French digit groups: 1 to 3 digits, then groups of exactly 3 after a narrow no-break, thin or
    /// no-break space (U+202F, U+2009, U+00A0; never a plain space, so « 1 2 3 » stays three numbers),
    /// with an optional decimal comma: « 60 000 », « 1 234,5 ».</item>
    /// <item>A decimal comma: digits, a comma, digits, with no space after the comma, unless the comma
    /// belongs to a list — digits followed by another « ,digit » or preceded by « digit, » — so
    /// « 0,62 » is one number and « 1,2,3 » three. A two-item list written without a space, « f(1,2) »,
    /// reads as one number, 1.2: both outputs are read by the same rule, so a change beyond the tolerance is
    /// still seen; C# itself prints lists and tuples with a space after the comma (« (1, 2) »).</item>
    /// <item>Else a decimal point: « 0.62 », « .5 », « 1e-3 ».</item>
    /// </list>
    /// A sign may be '-', '+' or the minus sign U+2212 (« −1,5 »); an exponent may follow.
    /// </summary>
    [GeneratedRegex(@"[-+\u2212]?(?:\d{1,3}(?:[\u202F\u2009\u00A0]\d{3}(?!\d))+(?:,\d+)?|(?<!\d,)\d+,\d+(?!,\d)|\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")]
    private static partial Regex Number();
}
