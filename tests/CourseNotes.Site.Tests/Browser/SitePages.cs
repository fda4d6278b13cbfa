using Microsoft.Playwright;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Browser;

/// <summary>Opening the real site's pages in Chromium at a given size and theme, everything shown (solutions open, charts drawn).</summary>
public static class SitePages
{
    /// <summary>A phone (iPhone 12–15 class) and a laptop.</summary>
    public static readonly (int Width, int Height) Phone = (390, 844), Laptop = (1366, 900);

    /// <summary>A new page at <paramref name="size"/> in <paramref name="theme"/> ("light" or "dark", the system's preference).</summary>
    public static async Task<IPage> OpenAsync(IBrowser browser, string path, (int Width, int Height) size, string theme, bool waitForReady = true)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        if (waitForReady)
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        return page;
    }

    /// <summary>Opens every solution and chart-data table and draws every chart, as a reader who looked at everything would see the page.</summary>
    public static async Task ShowEverythingAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await page.EvaluateAsync("() => window.COURSE_DRAW_ALL ? window.COURSE_DRAW_ALL() : null");
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    /// <summary>axe-core's violations of WCAG 2.0/2.1 A and AA on the page as it is, one line per rule with its first nodes.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        string axe = Path.Combine(Repository.Root, "node_modules", "axe-core", "axe.min.js");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        return await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
              .violations.map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')).join(' | '))
            """);
    }

    /// <summary>True when axe-core is installed (npm ci).</summary>
    public static bool AxeInstalled => File.Exists(Path.Combine(Repository.Root, "node_modules", "axe-core", "axe.min.js"));
}
