using Microsoft.Playwright;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Browser;

/// <summary>
/// What a review of the real site on a 390 px phone, in the dark and on paper found, each kept fixed: a chart's legend
/// ran 17 px off the screen (chapter 4's long series names), the « Copier » button covered the code's first line, the
/// drawer's links were 18 px tall, the « Lancer ce chapitre » panel was printed, and a figure drawn on white glared on
/// the dark page.
/// </summary>
public class PhoneAndPaperTests
{
    [Fact]
    public async Task On_a_phone_every_legend_stays_inside_its_chart_and_no_copy_button_covers_code()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var failures = new List<string>();
        int legends = 0, buttons = 0;
        foreach (string path in SiteFixture.Pages)
        {
            var page = await SitePages.OpenAsync(browser, path, SitePages.Phone, "light");
            await SitePages.ShowEverythingAsync(page);
            string name = Path.GetFileName(path);
            var outside = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('div.chart.drawn')].flatMap(c => {
                  const legend = c.querySelector('g.legend');
                  if (!legend) return [];
                  const box = c.getBoundingClientRect(), l = legend.getBoundingClientRect();
                  return l.left >= box.left - 1 && l.right <= box.right + 1 ? ['ok'] : [`${c.id}: legend ${Math.round(l.left)}–${Math.round(l.right)} px, chart ${Math.round(box.left)}–${Math.round(box.right)} px`];
                })
                """);
            legends += outside.Length;
            failures.AddRange(outside.Where(o => o != "ok").Select(o => $"{name}: {o}"));
            var covered = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.source-wrapper')].map((w, i) => {
                  const pre = w.querySelector('pre.source'), button = w.querySelector('button.copy');
                  if (!pre || !button) return 'ok';
                  const codeTop = pre.getBoundingClientRect().top + parseFloat(getComputedStyle(pre).paddingTop);
                  const bottom = button.getBoundingClientRect().bottom;
                  return bottom <= codeTop + 0.5 ? 'ok' : `code block ${i + 1}: button bottom ${Math.round(bottom)} px, code top ${Math.round(codeTop)} px`;
                })
                """);
            buttons += covered.Length;
            failures.AddRange(covered.Where(o => o != "ok").Select(o => $"{name}: {o}"));
            await page.Context.CloseAsync();
        }
        Assert.True(legends > 0 && buttons > 0, $"nothing measured: {legends} legends, {buttons} code blocks");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task On_a_phone_the_drawers_links_are_targets_at_least_24_px_tall()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await SitePages.OpenAsync(browser, Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html"), SitePages.Phone, "light");
        var heights = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.toc a')].map(a => a.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.True(heights.Min() >= 24, $"the shortest link of the drawer is {heights.Min():0.#} px tall");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Images_are_dimmed_in_the_dark_and_paper_shows_neither_the_launch_panel_nor_a_dimmed_image()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        string chapter = Path.Combine(SiteFixture.Folder, "01-modeles-latents.html");
        foreach (string theme in new[] { "light", "dark" })
        {
            var page = await SitePages.OpenAsync(browser, chapter, SitePages.Laptop, theme);
            const string filter = "() => getComputedStyle(document.querySelector('main figure img')).filter";
            Assert.Equal(theme == "dark" ? "brightness(0.85)" : "none", await page.EvaluateAsync<string>(filter));
            Assert.Equal("block", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('details.launch')).display"));
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('details.launch')).display"));
            Assert.Equal("none", await page.EvaluateAsync<string>(filter));
            await page.Context.CloseAsync();
        }
    }
}
