using System.Text;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Glossary;

/// <summary>
/// The « Glossaire » page: every French term with its English equivalents, its definition and the chapters that use
/// it, sorted as a French reader looks them up, then the English terms with the French term each one means.
/// </summary>
public static class GlossaryPage
{
    /// <summary>The page's body.</summary>
    /// <param name="glossary">The terms.</param>
    /// <param name="usedBy">For each French term, the pages that use it, in course order.</param>
    public static string Body(TermList glossary, IReadOnlyDictionary<Term, List<Page>> usedBy)
    {
        var html = new StringBuilder("<h1>Glossaire</h1>\n<p>Les termes du cours et leurs équivalents anglais, ceux des articles et des bibliothèques. Dans les chapitres, la première occurrence de chaque terme mène ici<span class=\"screen-only\">&#8239;; la recherche trouve aussi les pages françaises à partir des termes anglais</span>.</p>\n");
        html.Append("<h2 id=\"francais-anglais\">Français → anglais</h2>\n<dl class=\"glossary\">\n");
        foreach (var term in glossary.Terms.OrderBy(t => SearchIndex.Fold(t.French), StringComparer.Ordinal))
        {
            html.Append($"<dt id=\"{Html.Encode(term.Anchor)}\">{Html.Encode(term.French)}</dt>\n<dd><p><span class=\"english\" lang=\"en\">{Html.Encode(string.Join(", ", term.English))}</span>");
            if (term.Definition.Length > 0) html.Append(" — ").Append(Html.Encode(term.Definition));
            html.Append("</p>");
            if (usedBy.TryGetValue(term, out var pages) && pages.Count > 0)
                html.Append("<p class=\"cited-in\">Employé dans\u00a0: ").Append(string.Join(", ", pages.Select(p => p.Link()))).Append(".</p>");
            html.Append("</dd>\n");
        }
        html.Append("</dl>\n<h2 id=\"anglais-francais\">Anglais → français</h2>\n<ul class=\"glossary-english\">\n");
        foreach (var (english, term) in glossary.Terms.SelectMany(t => t.English.Select(e => (English: e, Term: t))).OrderBy(p => SearchIndex.Fold(p.English), StringComparer.Ordinal))
            html.Append($"<li><span lang=\"en\">{Html.Encode(english)}</span>\u00a0: <a href=\"#{Html.Encode(term.Anchor)}\">{Html.Encode(term.French)}</a></li>\n");
        return html.Append("</ul>\n").ToString();
    }
}
