using System.Text;
using System.Text.RegularExpressions;

namespace CourseNotes.Site.Pages;

/// <summary>
/// C# syntax highlighting at build time: comments, strings (verbatim, interpolated, raw), characters,
/// numbers, keywords, type-like names and directives (<c>#r</c>, <c>#!time</c>) become spans with classes
/// (<c>tok-comment</c>, <c>tok-string</c>, …) that the site's stylesheet colours. No script in the page.
/// </summary>
public static partial class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "init", "int", "interface", "internal",
        "is", "lock", "long", "nameof", "namespace", "new", "not", "null", "object", "operator", "out", "override", "params",
        "private", "protected", "public", "readonly", "record", "ref", "required", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "var", "virtual", "void", "volatile", "when", "where", "while", "with", "yield",
        "and", "or",
    ];

    /// <summary>The HTML (escaped, with token spans) of <paramref name="code"/>.</summary>
    public static string Highlight(string code)
    {
        var html = new StringBuilder();
        int position = 0;
        foreach (Match token in Token().Matches(code))
        {
            html.Append(Html.Encode(code[position..token.Index]));
            string kind = token.Groups["comment"].Success ? "comment"
                : token.Groups["directive"].Success ? "directive"
                : token.Groups["string"].Success ? "string"
                : token.Groups["number"].Success ? "number"
                : Keywords.Contains(token.Value) ? "keyword"
                : char.IsUpper(token.Value[0]) ? "type" : "";
            string text = Html.Encode(token.Value);
            html.Append(kind.Length > 0 ? $"<span class=\"tok-{kind}\">{text}</span>" : text);
            position = token.Index + token.Length;
        }
        html.Append(Html.Encode(code[position..]));
        return html.ToString();
    }

    [GeneratedRegex("""
        (?<comment>//[^\n]*|/\*[\s\S]*?\*/)
        |(?<directive>^[ \t]*\#[!a-z]+[^\n]*)
        |(?<string>\$?"{3,}[\s\S]*?"{3,}|\$?@"(?:[^"]|"")*"|@?\$"(?:[^"\\\n]|\\.)*"|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)')
        |(?<number>\b\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?[fFdDmMlL]?\b)
        |(?<word>\b[A-Za-z_]\w*\b)
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.Multiline)]
    private static partial Regex Token();
}
