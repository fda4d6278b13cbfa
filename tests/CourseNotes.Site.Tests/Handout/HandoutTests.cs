using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CourseNotes.Site.Handout;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Handout;

/// <summary>The handout: the whole course in one document per edition (not a page of the site), and their PDFs printed by Chromium with an outline.</summary>
public partial class HandoutTests
{
    [Fact]
    public void The_teacher_edition_has_every_solution_open_and_the_student_edition_none_with_ids_unique()
    {
        var parser = new HtmlParser();
        var teacher = parser.ParseDocument(Handout.Teacher);
        var student = parser.ParseDocument(Handout.Student);
        int solutions = SiteFixture.Pages.Where(p => Path.GetFileName(p).StartsWith('0')).Sum(p => parser.ParseDocument(File.ReadAllText(p)).QuerySelectorAll("details.solution").Length);
        Assert.True(solutions > 0);
        Assert.Equal(solutions, teacher.QuerySelectorAll("details.solution[open]").Length);
        Assert.Empty(student.QuerySelectorAll("details.solution"));
        int chapters = SiteFixture.Report.Pages.Count(p => p.IsChapter);
        Assert.Equal(chapters, teacher.QuerySelectorAll("article.handout-chapter:not(.handout-appendix)").Length);
        Assert.Equal(["Glossaire", "Références"], teacher.QuerySelectorAll("article.handout-appendix h1").Select(h => h.TextContent));
        Assert.Equal(chapters + 2, teacher.QuerySelectorAll(".handout-toc > ol > li").Length);
        foreach (var edition in new[] { teacher, student })
        {
            var ids = edition.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            foreach (var link in edition.QuerySelectorAll("a[href^='#']"))
                Assert.NotNull(edition.GetElementById(link.GetAttribute("href")![1..]));
        }
    }

    [Fact]
    public void The_handout_is_not_a_page_of_the_site_and_on_paper_every_link_stays_inside_it()
    {
        // The PDF's intermediate only (1.8 MB, far too heavy for a phone): never written into the site, never linked.
        string folder = SiteFixture.Folder;
        foreach (bool solutions in new[] { false, true })
            Assert.False(File.Exists(Path.Combine(folder, HandoutPage.FileName(solutions))), HandoutPage.FileName(solutions));
        foreach (string page in SiteFixture.Pages)
            Assert.DoesNotContain("polycopie-", string.Concat(new HtmlParser().ParseDocument(File.ReadAllText(page)).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).Where(h => !h!.EndsWith(".pdf", StringComparison.Ordinal))));
        var home = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(folder, "index.html")));
        Assert.Equal([HandoutPage.PdfName(false), HandoutPage.PdfName(true)], home.QuerySelectorAll(".handout-links a").Select(a => a.GetAttribute("href")));

        var teacher = new HtmlParser().ParseDocument(Handout.Teacher);
        // Citations lead to the bibliography printed at the end, glossary terms to the glossary, chapters to chapters: no
        // link to a page of the site, which a reader of the PDF does not have.
        var links = teacher.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(links, h => h.StartsWith("#references-ref-", StringComparison.Ordinal));
        Assert.Contains(links, h => h.StartsWith("#glossaire-g-", StringComparison.Ordinal));
        Assert.All(links, h => Assert.True(h.StartsWith('#') || h.StartsWith("http", StringComparison.Ordinal), h));
        // What it loads comes from the site's folder, where Chromium finds it when printing.
        var urls = teacher.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!)
            .Concat(teacher.QuerySelectorAll("script[data-src]").Select(e => e.GetAttribute("data-src")!))
            .Concat((teacher.Body!.GetAttribute("data-plotly") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(urls.Count > 10);
        Assert.All(urls, u => Assert.True(File.Exists(Path.Combine(folder, u)), $"{u} is missing"));
    }

    [Fact]
    public async Task The_handout_draws_every_chart_without_error_and_has_no_axe_violation()
    {
        Requirements.That(File.Exists(HandoutPdf.Chromium), "needs Chromium (apt-get install chromium)");
        Requirements.That(Browser.SitePages.AxeInstalled, "needs axe-core: run `npm ci` at the repository root");
        string folder = SiteFixture.Folder;
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await HandoutPdf.LaunchAsync(playwright);
        var problems = new List<string>();
        var page = await HandoutPdf.OpenAsync(browser, folder, Handout, solutions: true, new Microsoft.Playwright.ViewportSize { Width = 794, Height = 1123 }, opened =>
        {
            opened.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
            opened.PageError += (_, error) => problems.Add($"page error: {error}");
            opened.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} {request.Failure}");
        });
        await Browser.SitePages.ShowEverythingAsync(page);
        // Every chart of the course drawn (the PDF shows them all), from the site's own files.
        Assert.Equal(SiteFixture.Report.Charts, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('div.chart.drawn')].filter(d => d.querySelector('svg.main-svg')).length"));
        problems.AddRange(await Browser.SitePages.AxeViolationsAsync(page));
        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static HandoutEditions Handout => SiteFixture.Report.Handout.Value;

    [Fact]
    public async Task Chromium_prints_both_editions_to_PDF_with_the_chapters_in_the_outline()
    {
        Requirements.That(File.Exists(HandoutPdf.Chromium), "needs Chromium (apt-get install chromium)");
        string folder = SiteFixture.Folder;
        var log = new StringWriter();
        var files = await HandoutPdf.PrintAsync(folder, Handout, log);
        Assert.Equal([Path.Combine(folder, HandoutPage.PdfName(false)), Path.Combine(folder, HandoutPage.PdfName(true))], files);
        var sizes = files.Select(f => new FileInfo(f).Length).ToList();
        Assert.True(sizes[1] > sizes[0], "the teacher's edition, with the solutions, is the longer one");
        Assert.Empty(Directory.GetFiles(folder, "polycopie-*.html")); // printed from memory: nothing left in the site
        foreach (string pdf in files)
        {
            byte[] bytes = File.ReadAllBytes(pdf);
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
            string raw = Encoding.Latin1.GetString(bytes);
            var titles = OutlineTitle().Matches(raw).Select(m => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(m.Groups[1].Value)))
                .Concat(PlainTitle().Matches(raw).Select(m => m.Groups[1].Value)).ToList();
            Assert.Contains(titles, t => t.Contains("Table des matières", StringComparison.Ordinal));
            Assert.Contains(titles, t => t == "Glossaire");
            Assert.Contains(titles, t => t == "Références");
            // Chromium builds the outline from the laid-out text: a heading broken over two lines loses the space there.
            static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            foreach (var chapter in SiteFixture.Report.Pages.Where(p => p.IsChapter))
                Assert.Contains(titles, t => Squeezed(t) == Squeezed(chapter.Title));
        }
    }

    [GeneratedRegex(@"/Title <FEFF((?:[0-9A-Fa-f]{4})+)>")]
    private static partial Regex OutlineTitle();

    [GeneratedRegex(@"/Title \(([^)]*)\)")]
    private static partial Regex PlainTitle();
}
