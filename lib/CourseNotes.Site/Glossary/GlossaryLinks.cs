using AngleSharp.Dom;

namespace CourseNotes.Site.Glossary;

/// <summary>
/// Links the first use of each glossary term on a page to its entry on « Glossaire » (a node operation on the
/// page's prose: headings, links, code, formulas, citations and outputs are left alone).
/// </summary>
public static class GlossaryLinks
{
    /// <summary>The glossary page's file name.</summary>
    public const string PageName = "glossaire.html";

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "script", "style", "math", "svg", "summary", "button", "label", "figcaption",
    };

    /// <summary>Links the first use of each term in <paramref name="document"/>; returns the terms used, in order.</summary>
    public static IReadOnlyList<Term> Link(IDocument document, TermList glossary)
    {
        var used = new List<Term>();
        foreach (var term in glossary.Terms)
        {
            var patterns = term.Spellings.Select(TermList.Pattern).ToList();
            foreach (var text in Texts(document.Body!))
            {
                var match = patterns.Select(p => p.Match(text.Data)).Where(m => m.Success).OrderBy(m => m.Index).FirstOrDefault();
                if (match is null) continue;
                var link = document.CreateElement("a");
                link.ClassList.Add("glossary-term");
                link.SetAttribute("href", $"{PageName}#{term.Anchor}");
                link.SetAttribute("title", $"En anglais\u00a0: {string.Join(", ", term.English)}");
                link.TextContent = match.Value;
                var after = text.Split(match.Index);
                after.Data = after.Data[match.Length..];
                after.Before(link);
                used.Add(term);
                break;
            }
        }
        return used;
    }

    // The page's prose text nodes, in document order (recomputed for each term: a link splits a node).
    private static IEnumerable<IText> Texts(IElement root)
    {
        var texts = new List<IText>();
        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t) texts.Add(t);
                else if (child is IElement e && !Skipped.Contains(e.LocalName) && !e.ClassList.Contains("katex") && !e.ClassList.Contains("citation")
                    && !e.ClassList.Contains("output") && !e.ClassList.Contains("admonition-title") && !(e.ClassList.Contains("cell") && e.ClassList.Contains("code")))
                    Walk(e);
            }
        }
        Walk(root);
        return texts;
    }
}
