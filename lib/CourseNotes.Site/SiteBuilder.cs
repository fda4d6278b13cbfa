using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;
using CourseNotes.Site.Markdown;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site;

/// <summary>What a build produced.</summary>
/// <param name="Pages">The pages, chapters first.</param>
/// <param name="Formulas">Formulas rendered by KaTeX.</param>
/// <param name="Charts">Charts on all pages.</param>
/// <param name="Elapsed">Wall time of the build.</param>
public sealed record SiteReport(IReadOnlyList<Page> Pages, int Formulas, int Charts, TimeSpan Elapsed);

/// <summary>
/// Renders the course's executed notebooks (stored outputs, nothing re-run) and Markdown pages into a
/// static folder that works from <c>file://</c> and any static host: one page per chapter, a home page,
/// the search index, and the assets (KaTeX's stylesheet and fonts, plotly.js with its French locale,
/// the site's own CSS and script), every one of them from npm or this project, none from another host.
/// </summary>
public static partial class SiteBuilder
{
    /// <summary>Builds the site of <paramref name="course"/> into <paramref name="output"/> (emptied first).</summary>
    public static SiteReport Build(Course course, string output)
    {
        var clock = Stopwatch.StartNew();
        string modules = NodeModules(course.Root);
        var pages = new List<Page>();
        var formulas = new List<PlacedFormula>();
        var bodies = new List<string>();
        int charts = 0;

        foreach (string file in course.Chapters.Concat(course.Pages))
        {
            bool chapter = course.Chapters.Contains(file);
            var page = new Page { FileName = Path.GetFileNameWithoutExtension(file) + ".html", Source = file, IsChapter = chapter };
            int chartCount = 0;
            string body = chapter
                ? RenderNotebook(Notebook.Load(Path.Combine(course.Root, file)), file, formulas, () => $"chart-{++chartCount}")
                : RenderMarkdown(File.ReadAllText(Path.Combine(course.Root, file)), file, formulas);
            page.HasCharts = chartCount > 0;
            charts += chartCount;
            pages.Add(page);
            bodies.Add(body);
        }

        var rendered = new KatexRenderer(Path.Combine(modules, "katex")).Render(formulas);
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        for (int i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            string body = MathExtractor.Restore(bodies[i], rendered);
            body = FigureNumbering.Apply(body, page.Source);
            body = CopyImages(body, Path.GetDirectoryName(Path.Combine(course.Root, page.Source))!, output, page.Source);
            page.Body = body;
            ReadHeadings(page);
        }
        foreach (var page in pages)
            File.WriteAllText(Path.Combine(output, page.FileName), PageLayout.Render(course, pages, page, page.Body), Encoding.UTF8);
        File.WriteAllText(Path.Combine(output, "index.html"), PageLayout.Render(course, pages, null, Home(course, pages)), Encoding.UTF8);

        string assets = Directory.CreateDirectory(Path.Combine(output, "assets")).FullName;
        File.WriteAllText(Path.Combine(assets, "search-index.js"), SearchIndex.Script(pages), Encoding.UTF8);
        CopyAssets(modules, assets);
        string downloads = Directory.CreateDirectory(Path.Combine(output, "notebooks")).FullName;
        foreach (string file in course.Chapters) File.Copy(Path.Combine(course.Root, file), Path.Combine(downloads, Path.GetFileName(file)));
        return new SiteReport(pages, formulas.Count, charts, clock.Elapsed);
    }

    // Like Node.js: the nearest node_modules folder at or above the course file (the repository root's).
    private static string NodeModules(string root)
    {
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "node_modules"))) return Path.Combine(dir.FullName, "node_modules");
        return Path.Combine(root, "node_modules"); // missing: the KaTeX step names it and says to run npm ci
    }

    private static string RenderNotebook(Notebook notebook, string file, List<PlacedFormula> formulas, Func<string> chartIds)
    {
        var html = new StringBuilder();
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            string origin = $"{file}, cell {i + 1}";
            if (cell.CellType == "markdown")
            {
                html.Append("<section class=\"cell markdown\">\n").Append(RenderMarkdown(cell.Source, origin, formulas)).Append("</section>\n");
            }
            else if (cell.CellType == "code")
            {
                string code = $"<pre class=\"source\"><code class=\"language-csharp\">{CSharpHighlighter.Highlight(cell.Source)}</code></pre>\n{OutputRenderer.Render(cell.Outputs, chartIds)}";
                html.Append(cell.HasTag(CellTag.Solution)
                    ? $"<details class=\"cell code solution\">\n<summary>Solution</summary>\n{code}</details>\n"
                    : $"<div class=\"cell code\">\n{code}</div>\n");
            }
        }
        return html.ToString();
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

    private static void ReadHeadings(Page page)
    {
        foreach (Match h in HeadingElement().Matches(page.Body))
        {
            int level = h.Groups[1].Value[0] - '0';
            if (level == 1 && page.Title.Length == 0) page.Title = SearchIndex.PlainText(h.Groups[3].Value);
            else if (level is 2 or 3) page.Headings.Add(new Heading(level, h.Groups[2].Value, InnerText(h.Groups[3].Value)));
        }
        if (page.Title.Length == 0) page.Title = Path.GetFileNameWithoutExtension(page.Source);
        var summary = FirstParagraph().Matches(page.Body).Select(m => m.Groups[1].Value).FirstOrDefault(p => !p.StartsWith("<em>", StringComparison.Ordinal));
        page.Summary = summary ?? "";
    }

    // Heading text for navigation: formulas keep their rendering, links are flattened.
    private static string InnerText(string html) => Anchor().Replace(html, "$1");

    private static string Home(Course course, IReadOnlyList<Page> pages)
    {
        var html = new StringBuilder($"<h1>{Html.Encode(course.Title)}</h1>\n<p class=\"subtitle\">{Html.Encode(course.Subtitle)}</p>\n<ol class=\"chapters\">\n");
        foreach (var page in pages.Where(p => p.IsChapter))
            html.Append($"<li><a href=\"{Html.Encode(page.FileName)}\">{Html.Encode(page.Title)}</a><p>{page.Summary}</p></li>\n");
        html.Append("</ol>\n");
        foreach (var page in pages.Where(p => !p.IsChapter))
            html.Append($"<p class=\"help-link\"><a href=\"{Html.Encode(page.FileName)}\">{Html.Encode(page.Title)}</a></p>\n");
        return html.ToString();
    }

    // Local images referenced by the prose are copied under media/ and their src rewritten.
    private static string CopyImages(string html, string sourceFolder, string output, string origin) => ImageSource().Replace(html, m =>
    {
        string src = WebUtility.HtmlDecode(m.Groups[1].Value);
        if (src.StartsWith("data:", StringComparison.Ordinal) || src.Contains("://", StringComparison.Ordinal)) return m.Value;
        string file = Path.GetFullPath(Path.Combine(sourceFolder, src));
        if (!File.Exists(file)) throw new SiteBuildException($"{origin}: the image {src} does not exist.");
        string media = Directory.CreateDirectory(Path.Combine(output, "media")).FullName;
        File.Copy(file, Path.Combine(media, Path.GetFileName(file)), overwrite: true);
        return $"<img src=\"media/{Html.Encode(Path.GetFileName(file))}\"";
    });

    private static void CopyAssets(string modules, string assets)
    {
        string own = Path.Combine(AppContext.BaseDirectory, "assets");
        foreach (string name in new[] { "site.css", "site.js" }) File.Copy(Path.Combine(own, name), Path.Combine(assets, name));

        string katex = Path.Combine(modules, "katex", "dist");
        string katexOut = Directory.CreateDirectory(Path.Combine(assets, "katex", "fonts")).Parent!.FullName;
        // Browsers that run the course take woff2, the first source of every @font-face: the woff and ttf
        // sources are cut from the stylesheet and their files not copied, so every url() in it resolves.
        File.WriteAllText(Path.Combine(katexOut, "katex.min.css"),
            OlderFontSources().Replace(File.ReadAllText(Path.Combine(katex, "katex.min.css")), ""));
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

    [GeneratedRegex(@",\s*url\([^)]+\.(?:woff|ttf)\)\s*format\(""(?:woff|truetype)""\)")]
    private static partial Regex OlderFontSources();

    [GeneratedRegex(@"id=""([^""]*)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"-{2,}")]
    private static partial Regex Dashes();

    [GeneratedRegex(@"<h([1-3]) id=""([^""]+)"">([\s\S]*?)</h\1>")]
    private static partial Regex HeadingElement();

    [GeneratedRegex(@"<p>([\s\S]*?)</p>")]
    private static partial Regex FirstParagraph();

    [GeneratedRegex(@"<a [^>]*>([\s\S]*?)</a>")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<img src=""([^""]+)""")]
    private static partial Regex ImageSource();
}
