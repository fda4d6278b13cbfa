using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Browser;

/// <summary>
/// Every page of the real site through axe-core (WCAG 2.0/2.1 A and AA), on a phone and a laptop, light and dark,
/// with its solutions and chart tables open and every chart drawn: zero violations. Also the page never
/// scrolls sideways on a phone, and the keyboard has a skip link and a visible focus.
/// </summary>
public class AccessibilityTests
{
    [Fact]
    public async Task Every_page_has_no_axe_violation_on_a_phone_and_a_laptop_in_light_and_dark()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        Requirements.That(SitePages.AxeInstalled, "needs axe-core: run `npm ci` at the repository root");
        string folder = SiteFixture.Folder;
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var failures = new List<string>();
        foreach (string path in SiteFixture.Pages)
            foreach (var size in new[] { SitePages.Phone, SitePages.Laptop })
                foreach (string theme in new[] { "light", "dark" })
                {
                    var page = await SitePages.OpenAsync(browser, path, size, theme);
                    await SitePages.ShowEverythingAsync(page);
                    foreach (string violation in await SitePages.AxeViolationsAsync(page))
                        failures.Add($"{Path.GetFileName(path)} {size.Width}px {theme}: {violation}");
                    await page.Context.CloseAsync();
                }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Axe_finds_the_violations_the_review_found_on_a_page_that_has_them()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        Requirements.That(SitePages.AxeInstalled, "needs axe-core: run `npm ci` at the repository root");
        string file = Path.Combine(Path.GetTempPath(), $"axe-{Guid.NewGuid():N}.html");
        File.WriteAllText(file, """
            <!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main>
            <pre style="width:100px;overflow-x:auto">une ligne de code bien plus longue que sa boîte, qui défile de côté</pre>
            <div role="img" aria-label="graphique"><button>Zoom</button></div>
            <p style="color:#6a737d;background:#f5f7fa">commentaire</p></main></body></html>
            """);
        try
        {
            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await SitePages.OpenAsync(browser, file, SitePages.Laptop, "light", waitForReady: false);
            string violations = string.Join("\n", await SitePages.AxeViolationsAsync(page));
            Assert.Contains("scrollable-region-focusable", violations);
            Assert.Contains("nested-interactive", violations);
            Assert.Contains("color-contrast", violations);
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task No_page_scrolls_sideways_on_a_phone(int width)
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var failures = new List<string>();
        foreach (string path in SiteFixture.Pages)
        {
            var page = await SitePages.OpenAsync(browser, path, (width, 800), "light");
            await SitePages.ShowEverythingAsync(page);
            int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width)
            {
                string culprit = await page.EvaluateAsync<string>("""
                    w => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w + 1)
                      .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).slice(0, 5).join(', ')
                    """, width);
                failures.Add($"{Path.GetFileName(path)}: {scrollWidth}px wide ({culprit})");
            }
            await page.Context.CloseAsync();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_keyboard_reaches_a_visible_skip_link_first_and_every_scroller_is_focusable()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await SitePages.OpenAsync(browser, Path.Combine(SiteFixture.Folder, "02-divergence-kl.html"), SitePages.Laptop, "light");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Aller au contenu", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        Assert.True(box is { Y: >= 0, Height: > 0 }, "the focused skip link is on screen");
        Assert.Equal("3px", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("contenu", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('pre, .math.display')].filter(e => e.tabIndex < 0).length"));
        await page.Context.CloseAsync();
    }
}
