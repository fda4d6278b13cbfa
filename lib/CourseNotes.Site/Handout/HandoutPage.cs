using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Handout;

/// <summary>The handout's two HTML documents, which Chromium prints to PDF (<see cref="HandoutPdf"/>).</summary>
/// <param name="Student">The student's edition: no solutions.</param>
/// <param name="Teacher">The teacher's edition: every solution open.</param>
public sealed record HandoutEditions(string Student, string Teacher)
{
    /// <summary>The document of an edition.</summary>
    public string Of(bool solutions) => solutions ? Teacher : Student;
}

/// <summary>
/// The whole course as one document, for paper: a cover (title, author, edition), a table of contents, every chapter
/// (« Chapitre N ») with its figures and equations as numbered on the site, then the glossary and the bibliography.
/// Ids are prefixed with their part (<c>c3-…</c>, <c>references-…</c>) so that they stay unique, and every link between
/// chapters, to a glossary term or to a cited work points inside the document. The teacher's edition has the
/// solutions open, the student's edition none.
/// <para>It is the PDF's intermediate, not a page of the site: about 1.8 MB and 43,000 elements (most of them KaTeX's),
/// far too heavy for a phone, and nothing a reader needs on screen (each chapter page prints on its own with the
/// print stylesheet). The site links the PDFs; <see cref="HandoutPdf"/> serves this document to Chromium from memory.</para>
/// </summary>
public static class HandoutPage
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The handout's name for an edition: the PDF's name without its extension, and the address Chromium reads it at.</summary>
    public static string FileName(bool solutions) => solutions ? "polycopie-enseignant.html" : "polycopie-etudiant.html";

    /// <summary>The PDF's file name of an edition.</summary>
    public static string PdfName(bool solutions) => Path.ChangeExtension(FileName(solutions), ".pdf");

    /// <summary>The handout's HTML documents: the student's edition (no solutions) and the teacher's (solutions open).</summary>
    /// <param name="course">The course.</param>
    /// <param name="chapters">The chapters' pages and bodies, formulas still as tokens (small documents to work on).</param>
    /// <param name="appendices">Pages printed after the chapters, unnumbered (the glossary, the references), bodies as for <paramref name="chapters"/>.</param>
    /// <param name="restore">Puts the rendered formulas in place of their tokens.</param>
    /// <param name="styles">The stylesheets written into the head.</param>
    public static HandoutEditions Render(Course course, IReadOnlyList<(Page Page, string Body)> chapters, IReadOnlyList<(Page Page, string Body)> appendices,
        Func<string, string> restore, Stylesheets styles)
    {
        var toc = new StringBuilder("<nav class=\"handout-toc\" aria-labelledby=\"handout-toc-title\"><h2 id=\"handout-toc-title\">Table des matières</h2><ol>");
        StringBuilder student = new(), teacher = new();
        var parts = chapters.Concat(appendices).ToList();
        var files = parts.ToDictionary(c => c.Page.FileName, c => Prefix(c.Page), StringComparer.Ordinal);
        bool charts = false;
        foreach (var (part, body) in parts)
        {
            // Parsed once for both editions: the teacher's first, then the same document without its solutions.
            string prefix = files[part.FileName];
            var document = Parser.ParseDocument($"<!DOCTYPE html><html><body>{body}</body></html>");
            Prefix(document, prefix, files);
            foreach (var table in document.QuerySelectorAll("details.chart-table").ToList()) table.Remove();
            // Paper shows a live output's static picture: its script (written for the site's ids) is not loaded.
            foreach (var live in document.QuerySelectorAll($"[{LiveScripts.Attribute}]")) live.RemoveAttribute(LiveScripts.Attribute);
            var title = document.QuerySelector("h1");
            if (title is not null) title.Id = prefix + "titre";
            string opening;
            if (part.IsChapter)
            {
                toc.Append($"<li><a href=\"#{prefix}titre\">Chapitre {part.Number}. {Html.Encode(part.Title)}</a><ol>");
                foreach (var h in part.Headings.Where(h => h.Level == 2)) toc.Append($"<li><a href=\"#{prefix}{Html.Encode(h.Id)}\">{h.Text}</a></li>");
                toc.Append("</ol></li>");
                opening = $"<article class=\"handout-chapter\" aria-labelledby=\"{prefix}titre\"><p class=\"chapter-number\">Chapitre {part.Number}</p>\n";
            }
            else
            {
                toc.Append($"<li><a href=\"#{prefix}titre\">{Html.Encode(part.Title)}</a></li>");
                opening = $"<article class=\"handout-chapter handout-appendix\" aria-labelledby=\"{prefix}titre\">\n";
            }
            var solutions = document.QuerySelectorAll("details.solution").ToList();
            foreach (var solution in solutions) solution.SetAttribute("open", "");
            charts |= document.QuerySelector("div.chart") is not null;
            teacher.Append(opening).Append(document.Body!.InnerHtml).Append("</article>\n");
            foreach (var solution in solutions) solution.Remove();
            student.Append(opening).Append(document.Body!.InnerHtml).Append("</article>\n");
        }
        toc.Append("</ol></nav>\n");
        return new HandoutEditions(Document(course, false, toc.ToString(), restore(student.ToString()), charts, styles), Document(course, true, toc.ToString(), restore(teacher.ToString()), charts, styles));
    }

    // A chapter's ids become « c3-… »; an appendix's are prefixed with its page's name (« references-… »).
    private static string Prefix(Page page) => page.IsChapter ? $"c{page.Number}-" : Path.GetFileNameWithoutExtension(page.FileName) + "-";

    private static string Document(Course course, bool solutions, string toc, string body, bool charts, Stylesheets styles)
    {
        string edition = solutions ? "Édition enseignant, avec les solutions des exercices" : "Édition étudiant, sans les solutions";
        return $"""
            <!DOCTYPE html>
            <html lang="{Html.Encode(course.Language)}" data-theme="light">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Encode(course.Title)} — polycopié ({(solutions ? "enseignant" : "étudiant")})</title>
            <meta name="description" content="{Html.Encode(course.Title)} : le cours entier, à imprimer. {edition}.">
            <link rel="icon" href="data:,">
            {styles.Head(body)}
            <script src="assets/site.js" defer></script>
            </head>
            <body class="handout"{(charts ? " data-plotly=\"assets/plotly-basic.min.js assets/plotly-locale-fr.js\"" : "")}>
            <main>
            <header class="handout-cover">
            <h1 class="handout-title">{Html.Encode(course.Title)}</h1>
            <p class="subtitle">{Html.Encode(course.Subtitle)}</p>
            <p>{Html.Encode(course.Author.Replace(" ;", "\u00a0;"))}</p>
            <p class="edition">{edition}</p>
            <p>{(course.Build.Version.Length > 0 ? $"Version {Html.Encode(course.Build.Version)}" : "")}{(course.Build.Date is null ? "" : $", {course.Build.FrenchDate}")}</p>
            </header>
            {toc}{body}</main>
            </body>
            </html>

            """;
    }


    // Every id becomes prefix + id; links to an id of this part or to another part (a chapter, the glossary, the references) point inside the handout.
    private static void Prefix(IDocument document, string prefix, IReadOnlyDictionary<string, string> files)
    {
        foreach (var element in document.QuerySelectorAll("[id]")) element.Id = prefix + element.Id;
        foreach (var element in document.QuerySelectorAll("[data-chart]")) element.SetAttribute("data-chart", prefix + element.GetAttribute("data-chart"));
        foreach (var element in document.QuerySelectorAll("[aria-describedby]")) element.SetAttribute("aria-describedby", prefix + element.GetAttribute("aria-describedby"));
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            string href = link.GetAttribute("href")!;
            int hash = href.IndexOf('#');
            string file = hash < 0 ? href : href[..hash], anchor = hash < 0 ? "" : href[(hash + 1)..];
            if (file.Length == 0 && anchor.Length > 0) link.SetAttribute("href", "#" + prefix + anchor);
            else if (files.TryGetValue(file, out string? other)) link.SetAttribute("href", "#" + other + (anchor.Length > 0 ? anchor : "titre"));
        }
    }
}
