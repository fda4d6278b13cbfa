using System.Text;

namespace CourseNotes.Site.Pages;

/// <summary>
/// The HTML around every page: header with the course title and the search box, a sidebar table of contents
/// (chapters, and the current chapter's sections), the in-page outline, previous/next links and the
/// notebook download link. French labels; no resource from another host.
/// </summary>
public static class PageLayout
{
    /// <summary>The whole HTML document of <paramref name="page"/> (null for the home page) with <paramref name="body"/>.</summary>
    public static string Render(Course course, IReadOnlyList<Page> pages, Page? page, string body)
    {
        string title = page is null ? course.Title : $"{page.Title} — {course.Title}";
        bool charts = page?.HasCharts == true;
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{E(course.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="assets/katex/katex.min.css">
            <link rel="stylesheet" href="assets/site.css">
            <script src="assets/search-index.js" defer></script>
            {(charts ? "<script src=\"assets/plotly-basic.min.js\" defer></script>\n<script src=\"assets/plotly-locale-fr.js\" defer></script>\n" : "")}<script src="assets/site.js" defer></script>
            </head>
            <body>
            <header class="site-header">
            <a class="site-title" href="index.html">{E(course.Title)}</a>
            <form class="search" role="search" onsubmit="return false">
            <label for="search-input" class="visually-hidden">Rechercher dans le cours</label>
            <input id="search-input" type="search" placeholder="Rechercher…" autocomplete="off">
            <div id="search-results" class="search-results" aria-live="polite"></div>
            </form>
            </header>
            <div class="layout">
            <nav class="toc" aria-label="Sommaire">
            <p class="toc-title">Sommaire</p>
            <ol>

            """);
        foreach (var chapter in pages)
        {
            bool current = chapter == page;
            html.Append($"<li{(current ? " class=\"current\"" : "")}><a href=\"{E(chapter.FileName)}\"{(current ? " aria-current=\"page\"" : "")}>{E(chapter.Title)}</a>");
            if (current && chapter.Headings.Any(h => h.Level == 2))
            {
                html.Append("<ol>");
                foreach (var h in chapter.Headings.Where(h => h.Level == 2)) html.Append($"<li><a href=\"#{E(h.Id)}\">{h.Text}</a></li>");
                html.Append("</ol>");
            }
            html.Append("</li>\n");
        }
        html.Append("</ol>\n</nav>\n<main>\n").Append(body);
        if (page is not null) html.Append(Footer(pages, page));
        html.Append("</main>\n");
        if (page is not null && page.Headings.Count > 0)
        {
            html.Append("<nav class=\"outline\" aria-label=\"Sur cette page\">\n<p class=\"toc-title\">Sur cette page</p>\n<ul>\n");
            foreach (var h in page.Headings) html.Append($"<li class=\"level-{h.Level}\"><a href=\"#{E(h.Id)}\">{h.Text}</a></li>\n");
            html.Append("</ul>\n</nav>\n");
        }
        html.Append($"</div>\n<footer class=\"site-footer\"><p>{E(course.Author)}</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Footer(IReadOnlyList<Page> pages, Page page)
    {
        int index = pages.ToList().IndexOf(page);
        var html = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages voisines\">\n");
        if (index > 0) html.Append($"<a class=\"previous\" rel=\"prev\" href=\"{E(pages[index - 1].FileName)}\">← Précédent : {E(pages[index - 1].Title)}</a>\n");
        if (index + 1 < pages.Count) html.Append($"<a class=\"next\" rel=\"next\" href=\"{E(pages[index + 1].FileName)}\">Suivant : {E(pages[index + 1].Title)} →</a>\n");
        html.Append("</nav>\n");
        var help = pages.FirstOrDefault(p => !p.IsChapter);
        if (page.IsChapter)
            html.Append($"<p class=\"download\"><a href=\"notebooks/{E(Path.GetFileName(page.Source))}\" download>Télécharger le notebook (.ipynb)</a>{(help is null ? "" : $" · <a href=\"{E(help.FileName)}\">{E(help.Title)}</a>")}</p>\n");
        return html.ToString();
    }

    private static string E(string text) => Html.Encode(text);
}
