using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseNotes.Site.Markdown;

/// <summary>A formula to render and where it comes from (notebook and cell), for error messages.</summary>
/// <param name="Formula">The formula.</param>
/// <param name="Origin">« notebook.ipynb, cell 4 ».</param>
public sealed record PlacedFormula(Formula Formula, string Origin);

/// <summary>
/// Renders formulas to HTML at build time with KaTeX from npm (<c>node_modules/katex</c>), all formulas of
/// the site in one <c>node</c> process (about 0.3 s for 200 formulas). A formula KaTeX rejects fails the
/// build with its notebook, cell and TeX.
/// </summary>
public sealed class KatexRenderer(string katexFolder)
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "assets", "katex-render.cjs");

    /// <summary>The HTML of each formula, in order.</summary>
    public IReadOnlyList<string> Render(IReadOnlyList<PlacedFormula> formulas)
    {
        if (formulas.Count == 0) return [];
        if (!File.Exists(Path.Combine(katexFolder, "package.json")))
            throw new SiteBuildException($"{katexFolder} is missing: run `npm ci` at the repository root (KaTeX comes from npm).");
        var input = new JsonArray(formulas.Select(f => (JsonNode)new JsonObject { ["tex"] = f.Formula.Tex, ["display"] = f.Formula.Display }).ToArray());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8, UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(Path.GetFullPath(katexFolder));
        using var node = Process.Start(start) ?? throw new SiteBuildException("node could not be started (Node.js renders the formulas).");
        var stderr = node.StandardError.ReadToEndAsync();
        var stdout = node.StandardOutput.ReadToEndAsync();
        node.StandardInput.Write(input.ToJsonString());
        node.StandardInput.Close();
        node.WaitForExit();
        if (node.ExitCode != 0) throw new SiteBuildException($"KaTeX (node) failed: {stderr.Result}");
        var results = JsonNode.Parse(stdout.Result)!.AsArray();
        var errors = new List<string>();
        var html = new string[formulas.Count];
        for (int i = 0; i < formulas.Count; i++)
        {
            if (results[i]!["error"] is JsonNode error)
                errors.Add($"{formulas[i].Origin}: KaTeX rejects the formula {JsonSerializer.Serialize(formulas[i].Formula.Tex)}: {(string?)error}");
            else html[i] = WithoutTexAnnotation((string)results[i]!["html"]!);
        }
        if (errors.Count > 0) throw new SiteBuildException(string.Join("\n", errors));
        return html;
    }

    private const string Semantics = "<semantics>", SemanticsEnd = "</semantics>", TexAnnotation = "<annotation encoding=\"application/x-tex\">";

    /// <summary>
    /// KaTeX's MathML without the <c>&lt;semantics&gt;</c> wrapper and its <c>&lt;annotation encoding="application/x-tex"&gt;</c>
    /// (the formula's TeX source): never displayed, not what screen readers read (they read the MathML, which stays), and
    /// two elements and about 110 bytes a formula — a twentieth of the handout, which has 726 formulas and is parsed on a phone.
    /// </summary>
    public static string WithoutTexAnnotation(string html)
    {
        int open = html.IndexOf(Semantics, StringComparison.Ordinal);
        int annotation = open < 0 ? -1 : html.IndexOf(TexAnnotation, open, StringComparison.Ordinal);
        int close = annotation < 0 ? -1 : html.IndexOf(SemanticsEnd, annotation, StringComparison.Ordinal);
        if (close < 0) return html;
        return string.Concat(html.AsSpan(0, open), html.AsSpan(open + Semantics.Length, annotation - open - Semantics.Length), html.AsSpan(close + SemanticsEnd.Length));
    }
}
