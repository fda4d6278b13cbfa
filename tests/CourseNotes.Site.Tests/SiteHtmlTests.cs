using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CourseNotes.Site.Pages;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests;

/// <summary>HTML checks on every page of the real site (AngleSharp): links, resources, math, charts, search.</summary>
public partial class SiteHtmlTests
{
    private static readonly HtmlParser Parser = new();

    private static IDocument Parse(string path) => Parser.ParseDocument(File.ReadAllText(path));

    private static bool External(string url) => url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("//", StringComparison.Ordinal);

    [Fact]
    public void The_site_has_a_home_page_the_chapters_in_order_and_the_help_page()
    {
        string folder = SiteFixture.Folder;
        var home = Parse(Path.Combine(folder, "index.html"));
        Assert.Equal("fr", home.DocumentElement.GetAttribute("lang"));
        var course = Course.Load(Path.Combine(Repository.Root, "course.yml"));
        Assert.Equal(
            course.Chapters.Select(c => Path.ChangeExtension(Path.GetFileName(c), ".html")),
            home.QuerySelectorAll("ol.chapters > li > a").Select(a => a.GetAttribute("href")!));
        Assert.True(File.Exists(Path.Combine(folder, "ouvrir-dans-vscode.html")));
        Assert.All(SiteFixture.Report.Pages.Where(p => p.IsChapter), p => Assert.True(File.Exists(Path.Combine(folder, "notebooks", Path.GetFileName(p.Source)))));
    }

    [Fact]
    public void Every_internal_link_and_anchor_resolves()
    {
        string folder = SiteFixture.Folder;
        var documents = SiteFixture.Pages.ToDictionary(p => Path.GetFileName(p)!, Parse);
        foreach (var (name, document) in documents)
            foreach (var link in document.QuerySelectorAll("a[href]"))
            {
                string href = link.GetAttribute("href")!;
                if (External(href) || href.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                if (href.EndsWith(".pdf", StringComparison.Ordinal)) continue; // printed by the Pdf step (HandoutTests checks them)
                string file = href.Split('#')[0], anchor = href.Contains('#') ? Uri.UnescapeDataString(href.Split('#', 2)[1]) : "";
                string target = file.Length == 0 ? name : file;
                Assert.True(File.Exists(Path.Combine(folder, target)), $"{name}: link to missing {href}");
                if (anchor.Length > 0)
                    Assert.True(documents[target].GetElementById(anchor) is not null, $"{name}: no #{anchor} in {target}");
            }
    }

    [Fact]
    public void No_resource_comes_from_another_host_and_every_local_one_exists()
    {
        string folder = SiteFixture.Folder;
        foreach (string page in SiteFixture.Pages)
        {
            var document = Parse(page);
            var urls = document.QuerySelectorAll("link[href]").Select(e => e.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("script[src], img[src], iframe[src], source[src], video[src], audio[src]").Select(e => e.GetAttribute("src")!));
            foreach (string url in urls.Where(u => !u.StartsWith("data:", StringComparison.Ordinal)))
            {
                Assert.False(External(url), $"{Path.GetFileName(page)} loads {url} from another host");
                Assert.True(File.Exists(Path.Combine(folder, url)), $"{Path.GetFileName(page)}: {url} is missing");
            }
        }
        foreach (string css in Directory.GetFiles(folder, "*.css", SearchOption.AllDirectories))
            foreach (Match url in CssUrl().Matches(File.ReadAllText(css)))
            {
                Assert.False(External(url.Groups[1].Value), $"{css} loads {url.Groups[1].Value}");
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(css)!, url.Groups[1].Value)), $"{css}: {url.Groups[1].Value} is missing");
            }
    }

    [Fact]
    public void Math_is_rendered_and_no_formula_is_left_raw()
    {
        Assert.True(SiteFixture.Report.Formulas > 150, $"only {SiteFixture.Report.Formulas} formulas");
        foreach (string page in SiteFixture.Pages)
        {
            var document = Parse(page);
            string name = Path.GetFileName(page);
            Assert.Empty(document.QuerySelectorAll(".katex-error"));
            string text = document.QuerySelector("main")!.TextContent;
            Assert.DoesNotContain("mathph", text);
            Assert.DoesNotContain("$$", document.QuerySelectorAll("main .cell.markdown").Select(e => e.TextContent).DefaultIfEmpty("").Aggregate((a, b) => a + b));
            if (name.StartsWith('0')) Assert.NotEmpty(document.QuerySelectorAll(".katex"));
        }
        var elbo = Parse(Path.Combine(SiteFixture.Folder, "03-inference-variationnelle.html"));
        Assert.True(elbo.QuerySelectorAll(".katex-display").Length >= 4, "the derivation of the ELBO has four displayed formulas");
    }

    [Fact]
    public void Every_chart_has_its_data_and_only_chart_pages_load_plotly()
    {
        int charts = 0;
        foreach (string page in SiteFixture.Pages.Where(p => SiteFixture.Report.Pages.Any(r => r.FileName == Path.GetFileName(p))))
        {
            var document = Parse(page);
            var divs = document.QuerySelectorAll("div.chart");
            foreach (var div in divs)
            {
                var data = document.QuerySelector($"script.chart-data[data-chart=\"{div.Id}\"]");
                Assert.NotNull(data);
                // The data lies in its own file (media/chart-….js), loaded when the chart is drawn; the page's block is empty.
                Assert.Equal("", data!.TextContent);
                string file = Path.Combine(SiteFixture.Folder, data.GetAttribute("data-src")!);
                var traces = JsonNode.Parse(ChartData.Json(File.ReadAllText(file)))!["data"]!.AsArray();
                Assert.NotEmpty(traces);
                Assert.All(traces, t => Assert.NotEmpty(t!["y"]!.AsArray()));
                charts++;
            }
            // plotly.js is loaded by the page's script when a chart comes into view: named on the body, never in a script tag.
            string? plotly = document.Body!.GetAttribute("data-plotly");
            Assert.Equal(divs.Length > 0, plotly is not null);
            Assert.Null(document.QuerySelector("script[src*=plotly]"));
            foreach (string file in (plotly ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                Assert.True(File.Exists(Path.Combine(SiteFixture.Folder, file)), $"{file} is missing");
            Assert.All(document.QuerySelectorAll("figure.output.chart"), f => Assert.StartsWith("Figure ", f.QuerySelector("figcaption")!.TextContent));
        }
        Assert.Equal(SiteFixture.Report.Charts, charts);
        Assert.True(charts >= 10);
    }

    [Fact]
    public void Figures_are_numbered_by_chapter_and_solutions_collapsed_and_labelled_with_their_exercise()
    {
        var chapter = Parse(Path.Combine(SiteFixture.Folder, "01-modeles-latents.html"));
        Assert.Equal("Figure 1.1", chapter.QuerySelector("a.figure-ref")!.TextContent);
        Assert.StartsWith("Figure 1.1\u00a0:", chapter.QuerySelector("#fig-paysage figcaption")!.TextContent);
        Assert.Equal("Solution de l’exercice 1.1", chapter.QuerySelector("details.solution > summary")!.TextContent);
        foreach (var page in SiteFixture.Report.Pages.Where(p => p.IsChapter))
        {
            var document = Parse(Path.Combine(SiteFixture.Folder, page.FileName));
            var numbers = document.QuerySelectorAll("figure .figure-number").Select(n => n.TextContent.TrimEnd('\u00a0', ':')).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => $"Figure {page.Number}.{n}"), numbers);
            Assert.All(document.QuerySelectorAll("details.solution > summary"), s => Assert.Matches($@"^Solution de l’exercice {page.Number}\.\d+$", s.TextContent));
            Assert.All(document.QuerySelectorAll("figure.output img"), i => Assert.True(i.GetAttribute("alt")!.Length > 10 && i.HasAttribute("width"), $"{page.FileName}: {i.GetAttribute("alt")}"));
        }
        Assert.Equal(SiteFixture.Report.Pages.Where(p => p.IsChapter).Count(), SiteFixture.Report.Pages.Select(p => p.Number).Where(n => n > 0).Distinct().Count());
        Assert.All(SiteFixture.Pages.Where(p => Path.GetFileName(p).StartsWith('0')), p =>
        {
            var solutions = Parse(p).QuerySelectorAll("details.solution");
            Assert.NotEmpty(solutions);
            Assert.All(solutions, s => Assert.False(s.HasAttribute("open")));
        });
    }

    [Fact]
    public void The_search_index_is_a_script_with_folded_text()
    {
        string index = File.ReadAllText(Path.Combine(SiteFixture.Folder, "assets", "search-index.js"));
        Assert.StartsWith("window.COURSE_SEARCH = [", index);
        Assert.Contains("inference variationnelle", index);
        Assert.Contains("Inférence variationnelle", index);
    }

    [GeneratedRegex(@"url\(([^)""']+)\)")]
    private static partial Regex CssUrl();
}
