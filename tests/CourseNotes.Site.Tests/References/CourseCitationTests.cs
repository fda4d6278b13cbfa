using System.Text.RegularExpressions;
using Microsoft.Playwright;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.References;

/// <summary>The course's own citations on its real site.</summary>
public class CourseCitationTests
{
    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    [Fact]
    public void Every_citation_of_the_course_resolves_to_an_entry_with_an_identifier_and_none_is_left_as_a_key()
    {
        var references = Parser.ParseDocument(File.ReadAllText(Path.Combine(SiteFixture.Folder, "references.html")));
        var entries = references.QuerySelectorAll("ol.references > li").ToDictionary(li => li.Id!, li => li);
        int citations = 0;
        foreach (string file in SiteFixture.Pages)
        {
            var page = Parser.ParseDocument(File.ReadAllText(file));
            foreach (var link in page.QuerySelectorAll(".citation > a"))
            {
                citations++;
                string id = link.GetAttribute("href")!.Split('#')[1];
                Assert.True(entries.ContainsKey(id), $"{Path.GetFileName(file)}: {link.TextContent} links to #{id}, not on the references page");
            }
            foreach (var prose in page.QuerySelectorAll("main p, main li, main figcaption"))
            {
                if (prose.Closest("pre, code, .cell.code") is not null) continue;
                Assert.DoesNotMatch(@"(?<![\w.])@[a-z]+\d{4}\b", prose.TextContent);
            }
        }
        Assert.True(citations >= 30, $"only {citations} citations");
        // The works the issue named, with their identifiers.
        Assert.Contains("arXiv:1312.6114", entries["ref-kingma2014"].TextContent);
        Assert.Contains("openreview.net", entries["ref-higgins2017"].InnerHtml);
        Assert.Contains("papers.nips.cc", entries["ref-sohn2015"].InnerHtml);
        Assert.Contains("arXiv:1509.00519", entries["ref-burda2016"].TextContent);
        Assert.All(entries.Values, li => Assert.NotNull(li.QuerySelector(".cited-in a"))); // no work listed that the course does not cite
        var chapter4 = Parser.ParseDocument(File.ReadAllText(Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html")));
        Assert.Contains("proposé en même temps par Kingma et Welling (2014) et par Rezende et al. (2014)", Regex.Replace(Text(chapter4), @"\s+", " "));
    }

    private static string Text(AngleSharp.Dom.IDocument page)
    {
        var copy = (AngleSharp.Dom.IElement)page.Body!.Clone();
        foreach (var card in copy.QuerySelectorAll(".cite-card").ToList()) card.Remove();
        return copy.TextContent;
    }

    [Fact]
    public async Task A_citation_card_shows_on_hover_and_on_keyboard_focus_and_Escape_hides_it()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await Browser.SitePages.OpenAsync(browser, Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html"), Browser.SitePages.Laptop, "light");
        var citation = page.Locator(".citation").First;
        var card = citation.Locator(".cite-card");
        Assert.False(await card.IsVisibleAsync());
        await citation.Locator("a").HoverAsync();
        Assert.True(await card.IsVisibleAsync());
        Assert.Contains("Auto-Encoding Variational Bayes", await card.InnerTextAsync());
        await page.Mouse.MoveAsync(0, 0);
        await citation.Locator("a").FocusAsync();
        Assert.True(await card.IsVisibleAsync());
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await card.IsVisibleAsync());
        await citation.Locator("a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("references.html#ref-kingma2014", StringComparison.Ordinal));
    }
}
