using System.Text;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site.References;

/// <summary>
/// The « Références » page: every work of the bibliography, sorted by author then year, with its DOI and arXiv
/// id as links and the chapters that cite it; each entry's anchor (<c>#ref-kingma2014</c>) is what citations link to.
/// </summary>
public static class ReferencesPage
{
    /// <summary>The page's body.</summary>
    /// <param name="bibliography">The works.</param>
    /// <param name="citedBy">For each key, the pages that cite it, in course order.</param>
    public static string Body(Bibliography bibliography, IReadOnlyDictionary<string, List<Page>> citedBy)
    {
        var html = new StringBuilder("<h1>Références</h1>\n<p>Les travaux cités dans le cours, avec leur DOI ou leur identifiant arXiv. Dans les chapitres, une citation mène ici<span class=\"screen-only\">&#8239;; survolée ou atteinte au clavier, elle montre la référence complète</span>.</p>\n<ol class=\"references\">\n");
        // Sorted on the folded names (no accents, no case), as a French reader looks them up; the site runs without ICU.
        foreach (var work in bibliography.Works.OrderBy(w => SearchIndex.Fold(w.Label), StringComparer.Ordinal).ThenBy(w => w.Year))
        {
            html.Append($"<li id=\"{Html.Encode(work.Anchor)}\"><p>{work.Html(links: true)}</p>");
            if (citedBy.TryGetValue(work.Id, out var pages) && pages.Count > 0)
                html.Append("<p class=\"cited-in\">Cité dans\u00a0: ").Append(string.Join(", ", pages.Select(p => p.Link()))).Append(".</p>");
            html.Append("</li>\n");
        }
        return html.Append("</ol>\n").ToString();
    }
}
