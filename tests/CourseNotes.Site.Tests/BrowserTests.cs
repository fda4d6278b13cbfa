using Microsoft.Playwright;
using CourseNotes.Site.Tests.Browser;
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
    public async Task Every_page_loads_without_error_and_draws_each_chart_when_it_comes_into_view_in_light_and_dark()
    {
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        string folder = SiteFixture.Folder;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        foreach (string path in SiteFixture.Pages)
            foreach (string theme in new[] { "light", "dark" })
            {
                string name = $"{Path.GetFileName(path)} ({theme})";
                var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
                });
                var page = await context.NewPageAsync();
                var problems = new List<string>();
                page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
                page.PageError += (_, error) => problems.Add($"page error: {error}");
                page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} {request.Failure}");
                var requested = new List<string>();
                page.Request += (_, request) =>
                {
                    requested.Add(request.Url);
                    if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                        problems.Add($"request to another host: {request.Url}");
                };
                await page.GotoAsync(new Uri(path).AbsoluteUri);
                await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                var charts = page.Locator("div.chart");
                int count = await charts.CountAsync();
                // Lazy: a chart far below the first screen is not drawn until the reader gets there.
                if (count > 0)
                {
                    var last = await charts.Nth(count - 1).BoundingBoxAsync();
                    if (last is { Y: > 2000 })
                    {
                        Assert.False(await charts.Nth(count - 1).EvaluateAsync<bool>("e => e.classList.contains('drawn')"), $"{name}: the last chart was drawn at load");
                        // Nor was its data (its own file) loaded.
                        string file = (await charts.Nth(count - 1).EvaluateAsync<string>("e => document.querySelector(`script.chart-data[data-chart='${e.id}']`).getAttribute('data-src')"))!;
                        Assert.DoesNotContain(requested, url => url.EndsWith("/" + file, StringComparison.Ordinal));
                    }
                }
                await page.EvaluateAsync("() => document.querySelectorAll('details.solution').forEach(d => d.open = true)");
                // Every page follows the system (the handout, printed light, is not a page: HandoutTests).
                string shown = await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')");
                Assert.Equal(theme, shown);
                string paper = shown == "dark" ? "rgb(28, 33, 41)" : "rgb(255, 255, 255)";
                for (int i = 0; i < count; i++)
                {
                    var chart = charts.Nth(i);
                    await chart.ScrollIntoViewIfNeededAsync();
                    await page.WaitForSelectorAsync($"#{await chart.GetAttributeAsync("id")}.drawn svg.main-svg", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                    Assert.Equal(paper, await chart.EvaluateAsync<string>("e => e.querySelector('svg.main-svg').style.background"));
                    // No button that uploads the chart to Plotly's cloud or opens Chart Studio.
                    Assert.Equal("", await chart.EvaluateAsync<string>("e => [...e.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title') || '').filter(t => /share|partag|cloud|studio/i.test(t)).join()"));
                }
                if (Path.GetFileName(path).StartsWith('0'))
                {
                    var box = await page.Locator("main .katex").First.BoundingBoxAsync();
                    Assert.True(box is { Width: > 0, Height: > 0 }, $"{name}: the first formula is not shown");
                }
                Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
                await context.CloseAsync();
            }
    }

    [Fact]
    public async Task The_theme_toggle_recolours_the_page_and_its_charts_and_is_remembered()
    {
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        string path = Path.Combine(SiteFixture.Folder, "02-divergence-kl.html");
        var page = await SitePages.OpenAsync(browser, path, SitePages.Laptop, "light");
        await SitePages.ShowEverythingAsync(page);
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.ClickAsync(".theme-toggle");
        Assert.Equal("true", await page.GetAttributeAsync(".theme-toggle", "aria-pressed"));
        Assert.Equal("rgb(20, 24, 30)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('div.chart.drawn')].every(c => c.dataset.themeDrawn === 'dark')");
        Assert.Equal("rgb(28, 33, 41)", await page.EvaluateAsync<string>("() => document.querySelector('div.chart.drawn svg.main-svg').style.background"));
        // The page's localStorage write reaches the browser's storage asynchronously; a reader does not reload within
        // milliseconds, and on a loaded machine (seen once at load 40) a reload that quick can precede the write.
        await page.WaitForTimeoutAsync(1000);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Equal("dark", await page.GetAttributeAsync("html", "data-theme"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Over_http_the_theme_choice_is_a_cookie_and_the_page_reads_no_storage_at_load()
    {
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        string folder = SiteFixture.Folder;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        // The site's files served from an http:// address (Playwright answers the requests: no server, no network).
        await context.RouteAsync("http://localhost/**", route =>
            route.FulfillAsync(new RouteFulfillOptions { Path = Path.Combine(folder, new Uri(route.Request.Url).AbsolutePath.TrimStart('/')) }));
        var page = await context.NewPageAsync();
        await page.GotoAsync("http://localhost/02-divergence-kl.html");
        await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.ClickAsync(".theme-toggle");
        Assert.Contains("coursenotes-theme=dark", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        // document.cookie answers from the page's own copy; the next request carries the cookie once the browser's
        // cookie store has it (asynchronous): wait for that, as the reader's next click would.
        await WaitForThemeCookieAsync(context, "dark");
        await page.GotoAsync("http://localhost/03-inference-variationnelle.html");
        Assert.Equal("dark", await page.GetAttributeAsync("html", "data-theme"));
        await page.ClickAsync(".theme-toggle");
        await WaitForThemeCookieAsync(context, "light");
        await page.ReloadAsync();
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        await context.CloseAsync();
    }

    static async Task WaitForThemeCookieAsync(IBrowserContext context, string theme)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
            if ((await context.CookiesAsync()).Any(c => c.Name == "coursenotes-theme" && c.Value == theme)) return;
        Assert.Fail($"the theme cookie never reached the browser's store as {theme}");
    }

    [Fact]
    public async Task Search_ranks_title_hits_first_shows_the_count_and_finds_an_accented_word_from_its_unaccented_form()
    {
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(SiteFixture.Folder, "index.html")).AbsoluteUri);
        await page.FillAsync("#search-input", "inference variationnelle");
        var first = page.Locator("#search-results li a").First;
        await first.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.StartsWith("Inférence variationnelle", await first.Locator("strong").InnerTextAsync());
        Assert.Matches(@"^\d+ résultats?", await page.Locator("#search-results .result-count").InnerTextAsync());
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(".html", StringComparison.Ordinal));
        // The new page loads its search index when the reader types, so the answer comes asynchronously: wait for it.
        await page.FillAsync("#search-input", "zzzintrouvable");
        await page.Locator("#search-results").GetByText("Aucun résultat").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("Aucun résultat", await page.Locator("#search-results").InnerTextAsync());
    }
}
