using Microsoft.Playwright;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests;

/// <summary>
/// The site in a real browser: Debian's Chromium driven by Playwright for .NET through ExecutablePath
/// (never `playwright install`). Skips locally without /usr/bin/chromium; .ci/run installs it.
/// </summary>
public class BrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = Arguments });

    [Fact]
    public async Task Every_page_loads_without_error_draws_its_charts_and_shows_its_math()
    {
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        string folder = SiteFixture.Folder;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        foreach (string path in SiteFixture.Pages)
        {
            string name = Path.GetFileName(path);
            var page = await browser.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
            page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} {request.Failure}");
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                    problems.Add($"request to another host: {request.Url}");
            };
            await page.GotoAsync(new Uri(path).AbsoluteUri);
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            int charts = await page.Locator("div.chart").CountAsync();
            Assert.Equal(charts, await page.Locator("div.chart:has(svg.main-svg)").CountAsync());
            if (name.StartsWith('0'))
            {
                var formula = page.Locator(".katex").First;
                var box = await formula.BoundingBoxAsync();
                Assert.True(box is { Width: > 0, Height: > 0 }, $"{name}: the first formula is not shown");
            }
            Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Search_finds_an_accented_word_from_its_unaccented_form()
    {
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(SiteFixture.Folder, "index.html")).AbsoluteUri);
        await page.FillAsync("#search-input", "inference variationnelle");
        var first = page.Locator("#search-results li a").First;
        await first.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("Inférence variationnelle", await page.Locator("#search-results").InnerTextAsync());
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(".html", StringComparison.Ordinal));
        await page.FillAsync("#search-input", "zzzintrouvable");
        Assert.Contains("Aucun résultat", await page.Locator("#search-results").InnerTextAsync());
    }
}
