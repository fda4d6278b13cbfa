using System.Text.RegularExpressions;

namespace CourseNotes.Site.Markdown;

/// <summary>One formula of a page: its TeX, whether it is displayed on its own line, and where it starts.</summary>
/// <param name="Tex">The TeX between the dollars.</param>
/// <param name="Display">True for <c>$$…$$</c>.</param>
/// <param name="Line">The 1-based line of the Markdown text where it starts (0 when unknown).</param>
/// <param name="Label">The equation's label (<c>\label{eq-x}</c> inside it, or MyST's <c>(eq-x)=</c> on the line before), or null.</param>
public sealed record Formula(string Tex, bool Display, int Line = 0, string? Label = null);

/// <summary>
/// Takes the formulas out of Markdown before Markdig parses it, leaving alphanumeric tokens that Markdig
/// passes through untouched; <see cref="Restore"/> puts the rendered HTML back. This sidesteps Markdig's
/// math pitfalls (a <c>$$\begin{align}</c> with the fence on the content line is not math to Markdig, and
/// <c>\\</c> turns into <c>\</c>). Code blocks and code spans are left alone: a dollar there is code.
/// </summary>
public static partial class MathExtractor
{
    /// <summary>The Markdown with tokens in place of formulas, and the formulas in order.</summary>
    public static (string Markdown, List<Formula> Formulas) Extract(string markdown)
    {
        var code = new List<string>();
        string masked = CodeBlockOrSpan().Replace(markdown, m => { code.Add(m.Value); return $"codeph{code.Count - 1}x"; });
        var formulas = new List<Formula>();
        string source = masked;
        masked = DisplayMath().Replace(source, m =>
        {
            // A label: \label{…} inside (KaTeX rejects it: taken out, the number is added as a \tag later) or MyST's (label)= just before.
            string tex = m.Groups[1].Value.Trim();
            var inner = LabelCommand().Match(tex);
            string? label = inner.Success ? inner.Groups[1].Value : m.Groups["myst"].Success ? m.Groups["myst"].Value : null;
            if (inner.Success) tex = LabelCommand().Replace(tex, "").Trim();
            formulas.Add(new Formula(tex, true, Label: label));
            string token = Token(formulas.Count - 1);
            string id = label is null ? "" : $" id=\"{Html.Encode(label)}\"";
            int lineStart = source.LastIndexOf('\n', Math.Max(0, m.Index - 1)) + 1;
            bool ownLine = m.Index == 0 || string.IsNullOrWhiteSpace(source[lineStart..m.Index]) || m.Groups["myst"].Success;
            // On its own line: an HTML block (blank lines around), which Markdig leaves as it is.
            return ownLine ? $"\n<div class=\"math display\"{id}>{token}</div>\n\n" : $"<span class=\"math display\"{id}>{token}</span>";
        });
        masked = InlineMath().Replace(masked, m => { formulas.Add(new Formula(m.Groups[1].Value, false)); return Token(formulas.Count - 1); });
        string restored = CodeToken().Replace(masked, m => code[int.Parse(m.Groups[1].Value)]);
        return (restored, Locate(markdown, formulas));
    }

    // Lines, for error messages: each formula's TeX is looked up in the original text, in order, one cursor
    // for display formulas and one for inline ones (they are extracted in two passes).
    private static List<Formula> Locate(string markdown, List<Formula> formulas)
    {
        int displayFrom = 0, inlineFrom = 0;
        return formulas.Select(f =>
        {
            ref int from = ref f.Display ? ref displayFrom : ref inlineFrom;
            int at = markdown.IndexOf(f.Tex, from, StringComparison.Ordinal);
            if (at < 0 && f.Label is not null) at = markdown.IndexOf(f.Label, from, StringComparison.Ordinal); // its \label was taken out
            if (at < 0) return f;
            from = at + f.Tex.Length;
            return f with { Line = 1 + markdown.AsSpan(0, at).Count('\n') };
        }).ToList();
    }

    /// <summary>Replaces each token in <paramref name="html"/> by the rendering of its formula.</summary>
    public static string Restore(string html, IReadOnlyList<string> rendered) =>
        MathToken().Replace(html, m => rendered[int.Parse(m.Groups[1].Value)]);

    private static string Token(int index) => $"mathph{index}x";

    [GeneratedRegex(@"^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$|`+[^`\n]+`+", RegexOptions.Multiline)]
    private static partial Regex CodeBlockOrSpan();

    [GeneratedRegex(@"(?:^\((?<myst>[\w:.-]+)\)=[ \t]*\n[ \t]*)?\$\$([\s\S]+?)\$\$", RegexOptions.Multiline)]
    private static partial Regex DisplayMath();

    [GeneratedRegex(@"\\label\{([^}]+)\}")]
    private static partial Regex LabelCommand();

    [GeneratedRegex(@"(?<![\\$\w])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![\w$])")]
    private static partial Regex InlineMath();

    [GeneratedRegex(@"codeph(\d+)x")]
    private static partial Regex CodeToken();

    [GeneratedRegex(@"mathph(\d+)x")]
    private static partial Regex MathToken();
}
