using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseNotes.Site.Pages;

/// <summary>
/// The client-side search index: one entry per page section (split at second-level headings) with its
/// text, written as a script (<c>assets/search-index.js</c>) because <c>fetch()</c> of a local file is
/// blocked under <c>file://</c>. Text is stored folded (lower case, accents removed), so that « inference »
/// finds « inférence »; the page folds the query the same way.
/// </summary>
public static partial class SearchIndex
{
    // Accented letters of French (and a few neighbours) and their base letters; the page script uses the same table.
    private const string Accented = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyy";

    /// <summary>Lower case without diacritics, œ/æ spelt out: the search's comparison form (« Inférence » → « inference »).</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            int i = Accented.IndexOf(c);
            if (i >= 0) folded.Append(Plain[i]);
            else if (c == 'œ') folded.Append("oe");
            else if (c == 'æ') folded.Append("ae");
            else folded.Append(c);
        }
        return folded.ToString();
    }

    /// <summary>
    /// The script that defines <c>window.COURSE_SEARCH</c> for <paramref name="pages"/>. A section that uses a French term of
    /// <paramref name="glossary"/> carries its English terms (folded, in <c>also</c>): « posterior collapse » finds « effondrement a posteriori ».
    /// </summary>
    public static string Script(IEnumerable<Page> pages, Glossary.TermList? glossary = null)
    {
        var terms = glossary ?? Glossary.TermList.None;
        var entries = new JsonArray();
        foreach (var page in pages)
        {
            var parts = SectionStart().Split(page.Body);
            string anchor = "", title = page.Title;
            foreach (string part in parts)
            {
                var heading = SectionHeading().Match(part);
                if (heading.Success) { anchor = heading.Groups[1].Value; title = PlainText(heading.Groups[2].Value); }
                string text = PlainText(part);
                if (text.Length == 0) continue;
                var entry = new JsonObject
                {
                    ["page"] = page.Title, ["section"] = title,
                    ["url"] = page.FileName + (anchor.Length > 0 ? "#" + anchor : ""),
                    ["text"] = text, ["folded"] = Fold(text),
                };
                string also = terms.Terms.Count == 0 ? "" : string.Join(" | ", terms.Matcher.Matches(text).Select(terms.TermAt).Distinct().Select(t => Fold(string.Join(" | ", t.English))));
                if (also.Length > 0) entry["also"] = also;
                entries.Add(entry);
            }
        }
        string json = entries.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("</", "<\\/");
        return $"window.COURSE_SEARCH = {json};\n";
    }

    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "li", "h1", "h2", "h3", "h4", "pre", "div", "td", "th", "tr", "section", "figure", "figcaption", "summary", "details", "blockquote", "br",
    };

    /// <summary>
    /// Readable text of an HTML fragment: scripts dropped, each formula read from its MathML (so « ≠ » stays « ≠ »,
    /// where KaTeX's visual rendering draws « = » and a slash), blocks separated by a space, spaces collapsed.
    /// </summary>
    public static string PlainText(string html)
    {
        var document = Parser.ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var text = new StringBuilder();
        Append(document.Body!, text);
        return Space().Replace(text.ToString(), " ").Trim();
    }

    private static void Append(AngleSharp.Dom.INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is AngleSharp.Dom.IText t) { text.Append(t.Data); continue; }
            if (child is not AngleSharp.Dom.IElement e) continue;
            if (e.LocalName is "script" or "style" or "annotation" || e.ClassList.Contains("katex-html") || e.ClassList.Contains("cite-card")) continue;
            if (e.ClassList.Contains("katex")) { text.Append(' '); Append(e, text); text.Append(' '); continue; }
            Append(e, text);
            if (Blocks.Contains(e.LocalName)) text.Append(' ');
        }
    }

    [GeneratedRegex(@"(?=<h2 id="")")]
    private static partial Regex SectionStart();

    [GeneratedRegex(@"^<h2 id=""([^""]+)"">([\s\S]*?)</h2>")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
