using System.Text;
using System.Text.RegularExpressions;

namespace CourseNotes.Site.Markdown;

/// <summary>
/// The MyST subset the original Jupyter Book lecture uses, turned into the notebooks' own conventions before
/// Markdig sees the text: <c>```{figure} path</c> with <c>:name:</c> and a caption → an HTML
/// <c>&lt;figure id&gt;</c>; <c>{numref}`name`</c> → a link to <c>#name</c> (numbered later);
/// <c>```{note}</c>, <c>{warning}</c>, <c>{tip}</c> (or <c>:::</c> fences) → a titled admonition box;
/// <c>{eq}`label`</c> and <c>\eqref{label}</c> → a link to the equation (numbered later, <see cref="Pages.EquationNumbering"/>).
/// </summary>
public static partial class MystDirectives
{
    private static readonly Dictionary<string, string> AdmonitionTitles = new(StringComparer.Ordinal)
    {
        ["note"] = "Remarque", ["warning"] = "Attention", ["tip"] = "Astuce", ["important"] = "Important",
    };

    /// <summary>The text with every supported directive and role rewritten; anything else is left as it is.</summary>
    public static string Convert(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var output = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            var open = DirectiveOpening().Match(lines[i]);
            if (!open.Success) { output.Append(Roles(lines[i])).Append('\n'); continue; }
            string fence = open.Groups[1].Value, name = open.Groups[2].Value, argument = open.Groups[3].Value.Trim();
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            var body = new List<string>();
            int j = i + 1;
            for (; j < lines.Length && lines[j].Trim() != fence; j++)
            {
                var option = DirectiveOption().Match(lines[j]);
                if (option.Success && body.Count == 0) options[option.Groups[1].Value] = option.Groups[2].Value.Trim();
                else body.Add(lines[j]);
            }
            if (j == lines.Length) { output.Append(lines[i]).Append('\n'); continue; } // unclosed: leave as written
            string content = Roles(string.Join("\n", body).Trim());
            if (name == "figure")
            {
                string id = options.GetValueOrDefault("name") ?? "";
                output.Append($"\n<figure{(id.Length > 0 ? $" id=\"{Attribute(id)}\"" : "")}>\n<img src=\"{Attribute(argument)}\" alt=\"{Attribute(PlainText(content))}\">\n<figcaption>{content}</figcaption>\n</figure>\n\n");
            }
            else if (AdmonitionTitles.TryGetValue(name, out string? title))
            {
                output.Append($"\n<div class=\"admonition {name}\">\n<p class=\"admonition-title\">{(argument.Length > 0 ? argument : title)}</p>\n\n{content}\n\n</div>\n\n");
            }
            else
            {
                for (int k = i; k <= j; k++) output.Append(lines[k]).Append('\n');
            }
            i = j;
        }
        return output.ToString().TrimEnd('\n');
    }

    private static string Roles(string line) => EquationReference().Replace(
        NumberedReference().Replace(line, m => $"[{m.Groups[1].Value}](#{m.Groups[1].Value})"),
        m => $"<a href=\"#{Attribute(m.Groups["label"].Value)}\" class=\"eq-ref\">{Attribute(m.Groups["label"].Value)}</a>");

    private static string Attribute(string text) => Html.Encode(text);

    private static string PlainText(string markdown) => MarkdownLink().Replace(markdown, "$1");

    [GeneratedRegex(@"^(`{3,}|:{3,})\{(\w+)\}(.*)$")]
    private static partial Regex DirectiveOpening();

    [GeneratedRegex(@"^:(\w+):\s*(.*)$")]
    private static partial Regex DirectiveOption();

    [GeneratedRegex(@"\{numref\}`([^`]+)`")]
    private static partial Regex NumberedReference();

    // MyST's {eq}`label`, or LaTeX's \eqref{label} written in the prose (outside a formula).
    [GeneratedRegex(@"\{eq\}`(?<label>[^`]+)`|(?<!\$)\\eqref\{(?<label>[^}]+)\}(?!\$)")]
    private static partial Regex EquationReference();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();
}
