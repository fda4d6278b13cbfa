using System.Text;

namespace CourseNotes.Site.Pages;

/// <summary>
/// The HTML around every page: header with the course title and the search box, a sidebar table of contents
/// (chapters, and the current chapter's sections), the in-page outline, previous/next links and the
/// notebook download link. French labels; no resource from another host.
/// </summary>
public static class PageLayout
{
    /// <summary>The whole HTML document of <paramref name="page"/> (null for the home page) with <paramref name="body"/>; <paramref name="styles"/> go into its head.</summary>
    public static string Render(Course course, IReadOnlyList<Page> pages, Page? page, string body, Stylesheets styles)
    {
        string title = page is null ? course.Title : $"{page.Title} — {course.Title}";
        bool charts = page?.HasCharts == true;
        var html = new StringBuilder();
        string description = page is null ? course.Subtitle : page.Description;
        if (description.Length > 160) description = description[..description.LastIndexOf(' ', 157)] + "…";
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{E(course.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <meta name="description" content="{E(description)}">
            <meta name="color-scheme" content="light dark">
            <link rel="icon" href="data:,">
            <script>{ThemeBootstrap}</script>
            {styles.Head(body)}
            <script src="assets/site.js" defer></script>
            </head>
            <body data-search-index="assets/search-index.js"{(charts ? " data-plotly=\"assets/plotly-basic.min.js assets/plotly-locale-fr.js\"" : "")}>
            <a class="skip-link" href="#contenu">Aller au contenu</a>
            <header class="site-header">
            <button type="button" class="toc-toggle" aria-controls="sommaire" aria-expanded="false"><span aria-hidden="true">☰</span><span class="toc-toggle-label"> Sommaire</span></button>
            <a class="site-title" href="index.html">{E(course.Title)}</a>
            <form class="search" role="search" onsubmit="return false">
            <label for="search-input" class="visually-hidden">Rechercher dans le cours</label>
            <input id="search-input" type="search" placeholder="Rechercher…" autocomplete="off" aria-describedby="search-status">
            <p id="search-status" class="visually-hidden" aria-live="polite"></p>
            <div id="search-results" class="search-results"></div>
            </form>
            <button type="button" class="theme-toggle" aria-pressed="false" title="Basculer entre thème clair et thème sombre"><span aria-hidden="true">◐</span><span class="visually-hidden">Thème sombre</span></button>
            </header>
            <div class="layout">
            <nav class="toc" id="sommaire" aria-label="Sommaire">
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
        html.Append("</ol>\n</nav>\n<main id=\"contenu\" tabindex=\"-1\">\n").Append(page?.IsChapter == true ? WithLaunchPanel(course, page, body) : body);
        if (page is not null) html.Append(Footer(course, pages, page));
        html.Append("</main>\n");
        if (page is not null && page.Headings.Count > 0)
        {
            html.Append("<nav class=\"outline\" aria-label=\"Sur cette page\">\n<p class=\"toc-title\">Sur cette page</p>\n<ul>\n");
            foreach (var h in page.Headings) html.Append($"<li class=\"level-{h.Level}\"><a href=\"#{E(h.Id)}\">{h.Text}</a></li>\n");
            html.Append("</ul>\n</nav>\n");
        }
        html.Append($"</div>\n{SiteFooter(course)}</body>\n</html>\n");
        return html.ToString();
    }

    // Author, licence, version and build date (from git or SOURCE_DATE_EPOCH: the same sources give the same bytes).
    private static string SiteFooter(Course course)
    {
        var parts = new List<string> { E(course.Author.Replace(" ;", "\u00a0;")) };
        parts.Add($"Licence\u00a0: {(course.License.Length > 0 ? E(course.License) : "non précisée")}");
        if (course.Build.Version.Length > 0) parts.Add($"version {E(course.Build.Version)}");
        if (course.Build.Date is { } date) parts.Add($"construit le <time datetime=\"{date.UtcDateTime:yyyy-MM-dd}\">{course.Build.FrenchDate}</time>");
        return $"<footer class=\"site-footer\"><p>{string.Join(" · ", parts)}</p></footer>\n";
    }

    // The panel goes right after the chapter's title.
    private static string WithLaunchPanel(Course course, Page page, string body)
    {
        string panel = LaunchPanel.Html(course, page, course.StudentNotebook(page.Source) is not null);
        int end = body.IndexOf("</h1>", StringComparison.Ordinal);
        return end < 0 ? panel + body : body[..(end + 5)] + "\n" + panel + body[(end + 5)..];
    }

    private static string Footer(Course course, IReadOnlyList<Page> pages, Page page)
    {
        int index = pages.ToList().IndexOf(page);
        var html = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages voisines\">\n");
        if (index > 0) html.Append($"<a class=\"previous\" rel=\"prev\" href=\"{E(pages[index - 1].FileName)}\">← Précédent\u00a0: {E(pages[index - 1].Title)}</a>\n");
        if (index + 1 < pages.Count) html.Append($"<a class=\"next\" rel=\"next\" href=\"{E(pages[index + 1].FileName)}\">Suivant\u00a0: {E(pages[index + 1].Title)} →</a>\n");
        html.Append("</nav>\n");
        var help = pages.FirstOrDefault(p => !p.IsChapter);
        if (page.IsChapter)
            html.Append($"<p class=\"download\"><a href=\"notebooks/{E(Path.GetFileName(page.Source))}\" download>Télécharger le notebook (.ipynb)</a>{(course.StudentNotebook(page.Source) is null ? "" : $" · <a href=\"notebooks/etudiant/{E(Path.GetFileName(page.Source))}\" download>édition étudiant</a>")}{(help is null ? "" : $" · <a href=\"{E(help.FileName)}\">{E(help.Title)}</a>")}</p>\n");
        return html.ToString();
    }

    // Before the stylesheet, so that the first paint has the right colours: the reader's remembered theme,
    // and the class that lets the stylesheet fold the table of contents into a drawer (only with the script).
    // Served over HTTP the choice is a cookie, which comes with the page: the first localStorage access of a visit is a
    // synchronous round trip to the browser's storage (8–40 ms measured here in a fresh profile, four times that on
    // Lighthouse's phone) that would hold the parser before the first paint. From file://, which keeps no cookie, localStorage.
    private const string ThemeBootstrap =
        "(function(){var d=document.documentElement;d.classList.add('js');try{var c=/(?:^|; )coursenotes-theme=(dark|light)(?:;|$)/.exec(document.cookie),t=c?c[1]:location.protocol==='file:'?localStorage.getItem('coursenotes-theme'):null;if(t==='dark'||t==='light')d.setAttribute('data-theme',t);}catch(e){}})();";

    private static string E(string text) => Html.Encode(text);
}
