using Microsoft.Playwright;
using CourseNotes.Site.Glossary;
using CourseNotes.Site.Pages;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Glossary;

public class GlossaryTests
{
    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    [Fact]
    public void A_term_matches_whatever_the_apostrophe_dash_case_and_spaces_but_only_as_a_whole_word()
    {
        var pattern = TermList.Pattern("écart d'amortissement");
        Assert.Matches(pattern, "L’Écart d’amortissement vaut");
        Assert.Matches(pattern, "écart d'amortissement");
        Assert.Matches(TermList.Pattern("divergence de Kullback–Leibler"), "la divergence de\u00a0Kullback-Leibler");
        Assert.DoesNotMatch(TermList.Pattern("débit"), "débits");
        Assert.DoesNotMatch(TermList.Pattern("ELBO"), "ELBOs");
    }

    [Theory]
    [InlineData("- fr: a\n  en: [b]\n- fr: a\n  en: [c]\n", "g.yml, entry 2 (a): the term appears twice")]
    [InlineData("- fr: a\n", "g.yml, entry 1 (a): the entry has no English term")]
    [InlineData("- en: [b]\n", "g.yml, entry 1: the entry has no French term")]
    [InlineData("- fr: a\n  en: [b\n", "g.yml, line")]
    [InlineData("- fr: a\n  english: [b]\n", "g.yml, line 2")]
    public void A_malformed_glossary_names_the_file_and_the_entry(string yaml, string message)
    {
        var e = Assert.Throws<SiteBuildException>(() => TermList.Parse(yaml, "g.yml"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Only_the_first_use_in_prose_is_linked_and_headings_code_and_links_are_left_alone()
    {
        var terms = TermList.Parse("- fr: effondrement a posteriori\n  en: [posterior collapse]\n- fr: unité active\n  en: [active unit]\n  forms: [unités actives]\n", "g.yml");
        var page = new PageDocument("<h2>L’effondrement a posteriori</h2><p><code>effondrement a posteriori</code> puis l’<em>effondrement a posteriori</em> et encore l’effondrement a posteriori, 20 unités actives.</p>");
        var used = GlossaryLinks.Link(page.Document, terms);
        Assert.Equal(["effondrement a posteriori", "unité active"], used.Select(t => t.French));
        var links = page.Document.QuerySelectorAll("a.glossary-term").ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal("glossaire.html#g-effondrement-a-posteriori", links[0].GetAttribute("href"));
        Assert.Equal("em", links[0].ParentElement!.LocalName);
        Assert.Equal("unités actives", links[1].TextContent);
        // The text itself is unchanged.
        Assert.Equal("L’effondrement a posteriorieffondrement a posteriori puis l’effondrement a posteriori et encore l’effondrement a posteriori, 20 unités actives.", page.Document.Body!.TextContent);
    }

    [Fact]
    public void The_course_glossary_page_lists_both_directions_links_first_uses_and_feeds_the_search()
    {
        var glossary = Parser.ParseDocument(File.ReadAllText(Path.Combine(SiteFixture.Folder, "glossaire.html")));
        Assert.Equal("Glossaire", glossary.QuerySelector("main h1")!.TextContent);
        var collapse = glossary.GetElementById("g-effondrement-a-posteriori")!;
        Assert.Equal("effondrement a posteriori", collapse.TextContent);
        Assert.Contains("posterior collapse", collapse.NextElementSibling!.TextContent);
        Assert.Contains("chapitre 5", collapse.NextElementSibling!.TextContent);
        Assert.Contains(glossary.QuerySelectorAll(".glossary-english li"), li => li.TextContent == "amortization gap\u00a0: écart d'amortissement");
        Assert.Contains(glossary.QuerySelectorAll(".glossary-english li"), li => li.TextContent == "evidence\u00a0: vraisemblance marginale");

        var chapter = Parser.ParseDocument(File.ReadAllText(Path.Combine(SiteFixture.Folder, "05-diagnostics-vae.html")));
        var links = chapter.QuerySelectorAll("main a.glossary-term").ToList();
        Assert.Single(links, a => a.GetAttribute("href") == "glossaire.html#g-effondrement-a-posteriori");
        Assert.All(links, a => Assert.NotNull(glossary.GetElementById(a.GetAttribute("href")!.Split('#')[1])));

        string index = File.ReadAllText(Path.Combine(SiteFixture.Folder, "assets", "search-index.js"));
        Assert.Contains("posterior collapse", index);
    }

    [Fact]
    public async Task An_English_query_finds_the_French_page()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(SiteFixture.Folder, "index.html")).AbsoluteUri);
        await page.FillAsync("#search-input", "posterior collapse");
        var results = page.Locator("#search-results li a");
        await results.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var hrefs = await results.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Contains(hrefs, h => h.StartsWith("05-diagnostics-vae.html", StringComparison.Ordinal));
        await page.FillAsync("#search-input", "amortization gap");
        await page.Locator("#search-results li a[href^='05-diagnostics-vae.html']").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
    }
}
