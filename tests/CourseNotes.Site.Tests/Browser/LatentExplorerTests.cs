using Microsoft.Playwright;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Browser;

/// <summary>
/// The latent explorers of notebook 04 (CourseNotes.Vae.Explorer.LatentExplorer) in Debian's Chromium, on the page the
/// site renders and on Jupyter's own nbconvert HTML export of the committed notebook: they start when scrolled into
/// view, with no console error and no request to another host; the page's decode of the reference codes matches
/// TorchSharp's (written in the output) within 1/255 per pixel, on the canvas too; the
/// mouse and the arrow keys move the point or a slider, change the image and its description.
/// </summary>
public class LatentExplorerTests
{
    private static string Notebook => Path.Combine(Repository.Root, "notebooks", "04-autoencodeurs-variationnels.ipynb");

    [Fact]
    public async Task The_explorers_run_on_the_site_page_and_match_torchsharp()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        string path = Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html");
        await CheckAsync(path, "site");
    }

    [Fact]
    public async Task On_the_site_each_explorer_loads_its_own_file_of_at_most_500_kb_when_it_comes_near_the_screen()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        string path = Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var lives = page.Locator("div.output.html.live");
        Assert.Equal(2, await lives.CountAsync());
        var files = new List<string>();
        for (int n = 0; n < 2; n++)
        {
            string file = (await lives.Nth(n).GetAttributeAsync("data-live-script"))!;
            Assert.StartsWith("media/live-", file);
            long size = new FileInfo(Path.Combine(SiteFixture.Folder, file)).Length;
            TestContext.Current.TestOutputHelper?.WriteLine($"explorer {n + 1}: {file}, {size} bytes");
            Assert.InRange(size, 10_000, 500_000);
            files.Add(file);
        }
        // The page itself carries neither weights nor script: its data blocks are empty until the file fills them.
        Assert.Equal(0, await page.Locator("div.output.html.live script:not([src])").EvaluateAllAsync<int>("s => s.filter(e => e.textContent.length > 0).length"));
        Assert.DoesNotContain(requested, url => url.Contains("/media/live-", StringComparison.Ordinal));
        await lives.Nth(0).ScrollIntoViewIfNeededAsync();
        await page.WaitForSelectorAsync("div.latent-explorer[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Contains(requested, url => url.EndsWith(files[0], StringComparison.Ordinal));
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_explorers_run_in_the_nbconvert_html_export_and_match_torchsharp()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        Requirements.PythonModules("nbconvert");
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // The basic template: the notebook's cells and outputs only (the full templates load require.js and MathJax from a CDN).
        var (code, output) = Requirements.Run(Requirements.DebianPython,
            ["-m", "nbconvert", "--to", "html", "--template", "basic", "--output-dir", folder, "--output", "chapitre.html", Notebook], TimeSpan.FromMinutes(3));
        Assert.True(code == 0, output);
        string body = File.ReadAllText(Path.Combine(folder, "chapitre.html"));
        string page = Path.Combine(folder, "page.html");
        File.WriteAllText(page, $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>nbconvert</title><link rel=\"icon\" href=\"data:,\"></head><body>{body}</body></html>");
        await CheckAsync(page, "nbconvert");
    }

    private static async Task CheckAsync(string path, string where)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                problems.Add($"request to another host: {request.Url}");
        };
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        var explorers = page.Locator("div.latent-explorer");
        Assert.Equal(2, await explorers.CountAsync());
        // Lazy: an explorer below the first screen has not started.
        Assert.Null(await explorers.Nth(1).GetAttributeAsync("data-started"));
        var output = TestContext.Current.TestOutputHelper;
        for (int n = 0; n < 2; n++)
        {
            var explorer = explorers.Nth(n);
            string id = (await explorer.GetAttributeAsync("id"))!;
            await explorer.ScrollIntoViewIfNeededAsync();
            await page.WaitForSelectorAsync($"#{id}[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

            // Exactness: the page's decode and its canvas against TorchSharp's reference decodes.
            var gaps = await explorer.EvaluateAsync<double[]>(ReferenceGaps);
            Assert.True(gaps[0] <= 1.0 / 255, $"{where}, {id}: the page's decode differs from TorchSharp's by {gaps[0]} > 1/255");
            Assert.True(gaps[1] <= 1, $"{where}, {id}: the canvas differs from TorchSharp's decode by {gaps[1]} grey levels");

            // The decode's speed is measured by the site benchmark (bench/CourseNotes.SiteBenchmark), not asserted here.
            output?.WriteLine($"{where}, {id}: largest gap to TorchSharp {gaps[0] * 255:F3}/255 (decode), {gaps[1]} grey level(s) (canvas)");

            // Keyboard: three steps right move the point (or the first slider) by 0.3 and change the image and its description.
            bool plane = await explorer.Locator("canvas.latent-explorer-plane").CountAsync() == 1;
            var control = plane ? explorer.Locator("canvas.latent-explorer-plane") : explorer.Locator("input.latent-explorer-slider").First;
            // The first slider is the coordinate of largest KL; k is its place among the page's free coordinates.
            int k = plane ? 0 : int.Parse((await control.GetAttributeAsync("data-coordinate"))!);
            await explorer.EvaluateAsync("e => e.latentExplorer.show(e.latentExplorer.point().map(v => 0 * v + 0.5))");
            string before = await Picture(explorer);
            var start = await explorer.EvaluateAsync<double[]>("e => e.latentExplorer.point()");
            string description = (await explorer.Locator("canvas.latent-explorer-image").GetAttributeAsync("aria-label"))!;
            await control.FocusAsync();
            for (int i = 0; i < 3; i++) await page.Keyboard.PressAsync("ArrowRight");
            var moved = await explorer.EvaluateAsync<double[]>("e => e.latentExplorer.point()");
            Assert.Equal(start[k] + 0.3, moved[k], 6);
            Assert.NotEqual(before, await Picture(explorer));
            Assert.NotEqual(description, await explorer.Locator("canvas.latent-explorer-image").GetAttributeAsync("aria-label"));
            Assert.StartsWith("Image décodée en h", (await explorer.Locator("canvas.latent-explorer-image").GetAttributeAsync("aria-label"))!);
            if (!plane) Assert.Equal("0,80", await control.GetAttributeAsync("aria-valuetext"));

            // Mouse: a drag on the plane (or on the slider) moves the point there and redraws.
            string afterKeys = await Picture(explorer);
            var box = (await control.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width * 0.2f, box.Y + box.Height / 2);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + box.Width * 0.25f, box.Y + box.Height * (plane ? 0.8f : 0.5f), new MouseMoveOptions { Steps = 4 });
            await page.Mouse.UpAsync();
            var dragged = await explorer.EvaluateAsync<double[]>("e => e.latentExplorer.point()");
            Assert.True(dragged[k] < 0, $"{where}, {id}: the drag to the left quarter left h at {dragged[k]}");
            if (plane) Assert.True(dragged[1] < -1, $"{where}, {id}: the drag to the lower part left h₂ at {dragged[1]}");
            Assert.NotEqual(afterKeys, await Picture(explorer));
        }
        Assert.True(problems.Count == 0, $"{where}:\n{string.Join("\n", problems)}");
        await context.CloseAsync();
    }

    // The decoded image's pixels, as a string.
    private static Task<string> Picture(ILocator explorer) => explorer.EvaluateAsync<string>(
        "e => { const c = e.querySelector('canvas.latent-explorer-image'); return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).join(); }");

    // [largest |page decode − TorchSharp| over the reference codes, largest |canvas − 255 · TorchSharp| in grey levels].
    internal const string ReferenceGaps = """
        e => {
          const data = JSON.parse(e.querySelector('script.latent-explorer-data').textContent);
          const canvas = e.querySelector('canvas.latent-explorer-image'), context = canvas.getContext('2d');
          let decodeGap = 0, canvasGap = 0;
          data.reference.points.forEach((point, n) => {
            const raw = atob(data.reference.images[n]);
            const reference = new Float64Array(raw.length / 2);
            for (let i = 0; i < reference.length; i++) reference[i] = (raw.charCodeAt(2 * i) | raw.charCodeAt(2 * i + 1) << 8) / 65535;
            const decoded = e.latentExplorer.decode(point);
            e.latentExplorer.show(point);
            const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < reference.length; i++) {
              decodeGap = Math.max(decodeGap, Math.abs(decoded[i] - reference[i]));
              canvasGap = Math.max(canvasGap, Math.abs(pixels[4 * i] - Math.round(255 * reference[i])));
            }
          });
          return [decodeGap, canvasGap];
        }
        """;
}
