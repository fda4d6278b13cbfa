using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;
using CourseNotes.Site.Handout;
using CourseNotes.Site.Markdown;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site;

/// <summary>What a build produced.</summary>
/// <param name="Pages">The pages, chapters first.</param>
/// <param name="Formulas">Formulas rendered by KaTeX.</param>
/// <param name="Charts">Charts on all pages.</param>
/// <param name="Elapsed">Wall time of the build.</param>
public sealed record SiteReport(IReadOnlyList<Page> Pages, int Formulas, int Charts, TimeSpan Elapsed)
{
    /// <summary>Active content removed from the prose because the course does not trust its HTML (<see cref="Course.TrustHtml"/>): where, and what.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>
    /// The handout's two editions (<see cref="HandoutPage"/>), made when first asked for: the PDF's intermediate,
    /// which the site does not ship as a page (<see cref="HandoutPdf"/> prints it from memory).
    /// </summary>
    public Lazy<HandoutEditions> Handout { get; init; } = new(() => new HandoutEditions("", ""));
}

/// <summary>
/// Renders the course's executed notebooks (stored outputs, nothing re-run) and Markdown pages into a
/// static folder that works from <c>file://</c> and any static host: one page per chapter, a home page,
/// the search index, and the assets (KaTeX's stylesheet and fonts, plotly.js with its French locale,
/// the site's own CSS and script), every one of them from npm or this project, none from another host.
/// </summary>
public static partial class SiteBuilder
{
    /// <summary>
    /// Builds the site of <paramref name="course"/> into <paramref name="output"/>: in a fresh folder beside it,
    /// swapped in when the build succeeded (<see cref="SiteOutput"/>); an output that is not a previous site
    /// (or is, or holds, the course) throws <see cref="SiteBuildException"/> and nothing is written.
    /// </summary>
    public static SiteReport Build(Course course, string output)
    {
        if (SiteOutput.Unsafe(course.File, output, course.Files) is { } why) throw new SiteBuildException($"{output}: {why}");
        return SiteOutput.Replace(output, staging => Render(course, staging));
    }

    private static SiteReport Render(Course course, string output)
    {
        var clock = Stopwatch.StartNew();
        string modules = NodeModules(course.Root);
        var pages = new List<Page>();
        var formulas = new List<PlacedFormula>();
        var bodies = new List<string>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal); // cell origin → its source, for error lines
        int charts = 0;
        var equations = new EquationNumbering();

        foreach (string file in course.Chapters.Concat(course.Pages))
        {
            int first = formulas.Count;
            int number = course.Chapters.IndexOf(file) + 1;
            var page = new Page { FileName = Path.GetFileNameWithoutExtension(file) + ".html", Source = file, IsChapter = number > 0, Number = number };
            int chartCount = 0;
            string body = page.IsChapter
                ? RenderNotebook(Notebook.Load(Path.Combine(course.Root, file)), page, formulas, sources, () => $"chart-{++chartCount}")
                : RenderMarkdown(File.ReadAllText(Path.Combine(course.Root, file)), file, formulas);
            page.HasCharts = chartCount > 0;
            charts += chartCount;
            equations.Number(formulas, first, formulas.Count, page);
            pages.Add(page);
            bodies.Add(body);
        }

        var rendered = new KatexRenderer(Path.Combine(modules, "katex")).Render(formulas);

        // One document model per page; figures are numbered across the course before any reference is resolved.
        var documents = bodies.Select(b => new PageDocument(b)).ToList();
        var figures = new FigureNumbering();
        var removed = new List<string>();
        for (int i = 0; i < pages.Count; i++) figures.Number(documents[i].Document, pages[i]);
        Func<AngleSharp.Dom.IElement, string, string> WhereOn(Page page) => (e, needle) => PageDocument.Origin(e, page.Source, sources, needle);
        foreach (var (page, body) in GeneratedPages(course, pages, documents, WhereOn).ToList())
        {
            pages.Add(page);
            documents.Add(new PageDocument(body));
        }
        var tokened = new string[pages.Count]; // bodies with formulas still as tokens: the handout works on these small documents
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        string Plain(string html) => SearchIndex.PlainText(MathToken().Replace(html, m => formulas[int.Parse(m.Groups[1].Value)].Formula.Tex));
        for (int i = 0; i < pages.Count; i++)
        {
            var (page, document) = (pages[i], documents[i]);
            var Where = WhereOn(page);
            figures.Resolve(document.Document, page, Where);
            equations.Resolve(document.Document, page, Where);
            if (!course.TrustHtml) removed.AddRange(HtmlTrust.Sanitize(document.Document, Where));
            document.PublishCourseFiles(course.Root, Path.GetDirectoryName(Path.Combine(course.Root, page.Source))!, output, Where);
            document.ExtractEmbeddedImages(output);
            document.ExternalizeLiveScripts(output);
            document.ExternalizeChartData(output);
            document.MakeScrollersFocusable();
            document.ReadHeadings(page, Plain);
            tokened[i] = document.Html();
            page.Body = MathExtractor.Restore(tokened[i], rendered);
            page.Summary = MathExtractor.Restore(page.Summary, rendered);
            page.Description = Regex.Replace(SearchIndex.PlainText(page.Summary), @"\s+(?=[,.)])", ""); // formulas read from their MathML: « p(h ∣ x) », not TeX
            for (int h = 0; h < page.Headings.Count; h++)
                page.Headings[h] = page.Headings[h] with { Text = MathExtractor.Restore(page.Headings[h].Text, rendered) };
        }
        var styles = Stylesheets.Read(modules);
        foreach (var page in pages)
            File.WriteAllText(Path.Combine(output, page.FileName), PageLayout.Render(course, pages, page, page.Body, styles), Encoding.UTF8);
        File.WriteAllText(Path.Combine(output, "index.html"), PageLayout.Render(course, pages, null, Home(course, pages), styles), Encoding.UTF8);
        // The handout is the PDF's intermediate, not a page: made when the PDF is printed (or a test reads it), never written here.
        var parts = pages.Select((p, i) => (Page: p, Body: tokened[i])).ToList();
        var handout = new Lazy<HandoutEditions>(() => HandoutPage.Render(course,
            parts.Where(c => c.Page.IsChapter).ToList(),
            parts.Where(c => c.Page.FileName is Glossary.GlossaryLinks.PageName or References.Citations.PageName).OrderBy(c => c.Page.FileName == References.Citations.PageName).ToList(),
            html => MathExtractor.Restore(html, rendered), styles));

        string assets = Directory.CreateDirectory(Path.Combine(output, "assets")).FullName;
        File.WriteAllText(Path.Combine(assets, "search-index.js"), SearchIndex.Script(pages, Terms(course)), Encoding.UTF8);
        CopyAssets(modules, assets);
        string downloads = Directory.CreateDirectory(Path.Combine(output, "notebooks")).FullName;
        foreach (string file in course.Chapters) File.Copy(Path.Combine(course.Root, file), Path.Combine(downloads, Path.GetFileName(file)));
        foreach (string file in course.Chapters)
            if (course.StudentNotebook(file) is { } studentCopy)
                File.Copy(studentCopy, Path.Combine(Directory.CreateDirectory(Path.Combine(downloads, "etudiant")).FullName, Path.GetFileName(file)));
        return new SiteReport(pages, formulas.Count, charts, clock.Elapsed) { Removed = removed, Handout = handout };
    }

    // Pages made from the course's data files, after its own pages: the references (citations are rendered on every page first).
    private static IEnumerable<(Page Page, string Body)> GeneratedPages(Course course, List<Page> pages, List<PageDocument> documents,
        Func<Page, Func<AngleSharp.Dom.IElement, string, string>> where)
    {
        var bibliography = course.Bibliography.Length > 0 ? References.Bibliography.Load(Path.Combine(course.Root, course.Bibliography), course.Bibliography) : References.Bibliography.None;
        var citedBy = new Dictionary<string, List<Page>>(StringComparer.Ordinal);
        for (int i = 0; i < pages.Count; i++)
            foreach (string key in References.Citations.Render(documents[i].Document, bibliography, where(pages[i])))
                (citedBy.TryGetValue(key, out var list) ? list : citedBy[key] = []).Add(pages[i]);
        if (course.Bibliography.Length > 0)
            yield return (new Page { FileName = References.Citations.PageName, Source = course.Bibliography, IsChapter = false }, References.ReferencesPage.Body(bibliography, citedBy));
        if (course.Glossary.Length == 0) yield break;
        var usedBy = new Dictionary<Glossary.Term, List<Page>>();
        for (int i = 0; i < pages.Count; i++)
            if (pages[i].IsChapter)
                foreach (var term in Glossary.GlossaryLinks.Link(documents[i].Document, Terms(course)))
                    (usedBy.TryGetValue(term, out var list) ? list : usedBy[term] = []).Add(pages[i]);
        yield return (new Page { FileName = Glossary.GlossaryLinks.PageName, Source = course.Glossary, IsChapter = false }, Glossary.GlossaryPage.Body(Terms(course), usedBy));
    }

    // The course's glossary, read once per build.
    private static Glossary.TermList Terms(Course course) =>
        course.Glossary.Length == 0 ? Glossary.TermList.None : GlossaryCache.GetValue(course, c => Glossary.TermList.Load(Path.Combine(c.Root, c.Glossary), c.Glossary));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Course, Glossary.TermList> GlossaryCache = new();

    // Like Node.js: the nearest node_modules folder at or above the course file (the repository root's).
    private static string NodeModules(string root)
    {
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "node_modules"))) return Path.Combine(dir.FullName, "node_modules");
        return Path.Combine(root, "node_modules"); // missing: the KaTeX step names it and says to run npm ci
    }

    private static string RenderNotebook(Notebook notebook, Page page, List<PlacedFormula> formulas, Dictionary<string, string> sources, Func<string> chartIds)
    {
        var html = new StringBuilder();
        string heading = "", paragraph = "";
        int exercises = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            string origin = $"{page.Source}, cell {i + 1}";
            sources[origin] = cell.Source;
            if (cell.CellType == "markdown")
            {
                html.Append($"<section class=\"cell markdown\" data-origin=\"{Html.Encode(origin)}\">\n").Append(RenderMarkdown(cell.Source, origin, formulas)).Append("</section>\n");
                (heading, paragraph) = Introduction(cell.Source, heading);
            }
            else if (cell.CellType == "code" && !cell.HasTag(CellTag.Starter))
            {
                string outputs = OutputRenderer.Render(cell.Outputs, chartIds, CellFigure.Of(cell), ImageDescription.From(heading, paragraph));
                string code = $"<pre class=\"source\"><code class=\"language-csharp\">{CSharpHighlighter.Highlight(cell.Source)}</code></pre>\n{outputs}";
                if (cell.HasTag(CellTag.Solution))
                {
                    var stated = ExerciseComment().Match(cell.Source);
                    int exercise = stated.Success ? int.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : exercises + 1;
                    exercises = Math.Max(exercises, exercise);
                    html.Append($"<details class=\"cell code solution\" data-origin=\"{Html.Encode(origin)}\">\n<summary>Solution de l’exercice {page.Number}.{exercise}</summary>\n{code}</details>\n");
                }
                else if (IsSetup(cell))
                    html.Append($"<details class=\"cell code setup\" data-origin=\"{Html.Encode(origin)}\">\n<summary>Cellule de préparation (références et espaces de noms)</summary>\n{code}</details>\n");
                else html.Append($"<div class=\"cell code\" data-origin=\"{Html.Encode(origin)}\">\n{code}</div>\n");
            }
        }
        return html.ToString();
    }

    // A setup cell (folded on the page): only #r/#i directives, using lines and blank lines, and no output.
    private static bool IsSetup(CourseNotes.Notebooks.NotebookCell cell) =>
        cell.Outputs.Count == 0 && cell.Source.Split('\n').All(l => l.Trim() is "" || l.TrimStart().StartsWith("#r ", StringComparison.Ordinal)
            || l.TrimStart().StartsWith("#i ", StringComparison.Ordinal) || l.TrimStart().StartsWith("using ", StringComparison.Ordinal));

    // The last heading and the last paragraph of a markdown cell: what introduces the output of the code cells after it.
    private static (string Heading, string Paragraph) Introduction(string markdown, string heading)
    {
        string paragraph = "";
        foreach (string block in markdown.Replace("\r\n", "\n").Split("\n\n"))
        {
            string text = block.Trim();
            if (text.StartsWith('#')) { heading = text.TrimStart('#').Trim(); paragraph = ""; }
            else if (text.Length > 0) paragraph = text;
        }
        return (heading, paragraph);
    }

    private static string RenderMarkdown(string markdown, string origin, List<PlacedFormula> formulas)
    {
        var (text, found) = MathExtractor.Extract(MystDirectives.Convert(markdown));
        // Tokens are numbered per call; renumber them into the site-wide list.
        int offset = formulas.Count;
        formulas.AddRange(found.Select(f => new PlacedFormula(f, f.Line > 0 ? $"{origin}, line {f.Line}" : origin)));
        string html = MarkdownRenderer.ToHtml(text);
        // A heading with a formula gets an id with the formula's token in it: drop the token from ids.
        html = IdAttribute().Replace(html, m => $"id=\"{Dashes().Replace(MathToken().Replace(m.Groups[1].Value, ""), "-").Trim('-')}\"");
        return MathToken().Replace(html, m => $"mathph{int.Parse(m.Groups[1].Value) + offset}x");
    }

    private static string Home(Course course, IReadOnlyList<Page> pages)
    {
        var html = new StringBuilder($"<h1>{Html.Encode(course.Title)}</h1>\n<p class=\"subtitle\">{Html.Encode(course.Subtitle)}</p>\n<ol class=\"chapters\">\n");
        foreach (var page in pages.Where(p => p.IsChapter))
            html.Append($"<li><a href=\"{Html.Encode(page.FileName)}\">{Html.Encode(page.Title)}</a><p>{page.Summary}</p></li>\n");
        html.Append("</ol>\n");
        html.Append($"""
            <section class="handout-links" aria-labelledby="polycopie"><h2 id="polycopie">Le polycopié</h2>
            <p>Tout le cours en un PDF à imprimer ({HandoutContents(pages)})&#160;: <a href="{HandoutPage.PdfName(false)}">édition étudiant</a> (sans les solutions) ou <a href="{HandoutPage.PdfName(true)}">édition enseignant</a> (avec les solutions), produit par <code>dotnet cake --target=Pdf</code>.
            Chaque chapitre s’imprime aussi seul depuis le navigateur.</p>
            </section>

            """);
        foreach (var page in pages.Where(p => !p.IsChapter))
            html.Append($"<p class=\"help-link\"><a href=\"{Html.Encode(page.FileName)}\">{Html.Encode(page.Title)}</a></p>\n");
        return html.ToString();
    }

    // What the PDF holds, for the home page: « couverture, table des matières, chapitres numérotés, glossaire et références ».
    private static string HandoutContents(IReadOnlyList<Page> pages)
    {
        var parts = new List<string> { "couverture", "table des matières", "chapitres numérotés" };
        if (pages.Any(p => p.FileName == Glossary.GlossaryLinks.PageName)) parts.Add("glossaire");
        if (pages.Any(p => p.FileName == References.Citations.PageName)) parts.Add("références");
        return string.Join(", ", parts.SkipLast(1)) + " et " + parts[^1];
    }

    private static void CopyAssets(string modules, string assets)
    {
        string own = Path.Combine(AppContext.BaseDirectory, "assets");
        File.Copy(Path.Combine(own, "site.css"), Path.Combine(assets, "site.css"));
        // The script's comment lines and indentation are for the reader of the source (a fifth of its compressed bytes).
        var lines = File.ReadAllLines(Path.Combine(own, "site.js")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(assets, "site.js"), string.Join("\n", lines) + "\n", new UTF8Encoding(false));

        string katex = Path.Combine(modules, "katex", "dist");
        string katexOut = Directory.CreateDirectory(Path.Combine(assets, "katex", "fonts")).Parent!.FullName;
        // Browsers that run the course take woff2, the first source of every @font-face: the woff and ttf
        // sources are cut from the stylesheet and their files not copied, so every url() in it resolves.
        File.WriteAllText(Path.Combine(katexOut, "katex.min.css"), Stylesheets.KatexWoff2(File.ReadAllText(Path.Combine(katex, "katex.min.css"))));
        foreach (string font in Directory.GetFiles(Path.Combine(katex, "fonts"), "*.woff2"))
            File.Copy(font, Path.Combine(katexOut, "fonts", Path.GetFileName(font)));

        string plotly = Path.Combine(modules, "plotly.js-basic-dist-min", "plotly-basic.min.js");
        if (!File.Exists(plotly)) throw new SiteBuildException($"{plotly} is missing: run `npm ci` at the repository root.");
        File.Copy(plotly, Path.Combine(assets, "plotly-basic.min.js"));
        // plotly.js-locales ships CommonJS modules: wrap the French one so that it registers itself in the page.
        string locale = File.ReadAllText(Path.Combine(modules, "plotly.js-locales", "fr.js"));
        File.WriteAllText(Path.Combine(assets, "plotly-locale-fr.js"),
            $"(function () {{ var module = {{ exports: {{}} }}; var exports = module.exports;\n{locale}\nPlotly.register(module.exports); }})();\n");
    }

    [GeneratedRegex(@"mathph(\d+)x")]
    private static partial Regex MathToken();

    [GeneratedRegex(@"id=""([^""]*)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"^\s*//\s*Exercice\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex ExerciseComment();

    [GeneratedRegex(@"-{2,}")]
    private static partial Regex Dashes();
}
