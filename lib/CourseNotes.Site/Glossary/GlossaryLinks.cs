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
        if (glossary.Terms.Count == 0) return used;
        // One walk, one scan per text node; a node's first uses are linked from its end so that earlier offsets hold.
        foreach (var text in Texts(document.Body!))
        {
            var firsts = new List<(System.Text.RegularExpressions.Match Match, Term Term)>();
            foreach (System.Text.RegularExpressions.Match match in glossary.Matcher.Matches(text.Data))
            {
                var term = glossary.TermAt(match);
                if (used.Contains(term)) continue;
                used.Add(term);
                firsts.Add((match, term));
            }
            for (int i = firsts.Count - 1; i >= 0; i--)
            {
                var (match, term) = firsts[i];
                var link = document.CreateElement("a");
                link.ClassList.Add("glossary-term");
                link.SetAttribute("href", $"{PageName}#{term.Anchor}");
                link.SetAttribute("title", $"En anglais\u00a0: {string.Join(", ", term.English)}");
                link.TextContent = match.Value;
                var after = text.Split(match.Index);
                after.Data = after.Data[match.Length..];
                after.Before(link);
            }
        }
        return [.. glossary.Terms.Where(used.Contains)];
    }

    // The page's prose text nodes, in document order.
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
