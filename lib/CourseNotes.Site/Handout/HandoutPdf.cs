using Microsoft.Playwright;

namespace CourseNotes.Site.Handout;

/// <summary>
/// Prints the handout of a built site to PDF with Debian's Chromium (<c>/usr/bin/chromium</c>, or the <c>CHROMIUM</c>
/// variable), driven by Playwright through <c>ExecutablePath</c>: never a downloaded browser. A4, page numbers in the
/// footer, the PDF's outline (bookmarks) from the headings, every chart drawn at the page's width first. Without
/// Chromium it prints nothing and says so.
/// <para>The handout's HTML (<see cref="HandoutPage"/>) is not a file of the site: Chromium reads it from memory at
/// <see cref="Origin"/>, where every other address is answered from the site's folder (its assets, figures, chart data),
/// so its relative addresses and its in-document links work as in the site, and nothing is left behind. Any other
/// address is refused: printing never reaches another host.</para>
/// </summary>
public static class HandoutPdf
{
    /// <summary>The Chromium to drive: <c>$CHROMIUM</c> when set, else Debian's.</summary>
    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where Chromium reads the handout and the site's files (a <c>.localhost</c> name never leaves the machine, and is only ever answered here).</summary>
    public const string Origin = "http://polycopie.localhost/";

    /// <summary>Writes the student's and the teacher's PDF into <paramref name="site"/>; returns the files written (none without Chromium).</summary>
    /// <param name="site">The built site's folder.</param>
    /// <param name="handout">The handout's editions (<see cref="SiteReport.Handout"/>).</param>
    /// <param name="log">Where each PDF and its size is reported.</param>
    public static async Task<IReadOnlyList<string>> PrintAsync(string site, HandoutEditions handout, TextWriter log)
    {
        if (!File.Exists(Chromium))
        {
            log.WriteLine($"PDF handout skipped: no Chromium at {Chromium} (apt-get install chromium); the site itself is complete.");
            return [];
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var written = new List<string>();
        foreach (bool solutions in new[] { false, true })
        {
            var page = await OpenAsync(browser, site, handout, solutions, new ViewportSize { Width = 794, Height = 1123 });
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await page.EvaluateAsync("() => window.COURSE_PREPARE_PRINT ? window.COURSE_PREPARE_PRINT() : null");
            string pdf = Path.Combine(site, HandoutPage.PdfName(solutions));
            string partial = pdf + ".tmp";
            await page.PdfAsync(new PagePdfOptions
            {
                Path = partial, Format = "A4", PrintBackground = true, Outline = true, Tagged = true,
                Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "16mm", Right = "16mm" },
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = "<div style=\"font-size:8px;width:100%;text-align:center;color:#555\"><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>",
            });
            File.Move(partial, pdf, overwrite: true); // atomic: a half-written PDF never carries the final name
            await page.Context.CloseAsync();
            log.WriteLine($"{pdf}: {new FileInfo(pdf).Length / 1024} KiB");
            written.Add(pdf);
        }
        return written;
    }

    /// <summary>Debian's Chromium (<see cref="Chromium"/>), headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium, Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>
    /// Opens an edition of the handout in a new context of <paramref name="browser"/>, at <see cref="Origin"/> with the
    /// files of <paramref name="site"/> behind it, and waits until it is ready (charts in view drawn, fonts loaded);
    /// <paramref name="watch"/> sees the page before it loads (to listen to its errors and requests).
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowser browser, string site, HandoutEditions handout, bool solutions, ViewportSize size, Action<IPage>? watch = null)
    {
        string folder = Path.GetFullPath(site) + Path.DirectorySeparatorChar;
        string html = handout.Of(solutions);
        if (html.Length == 0) throw new SiteBuildException("the handout is empty: build the site first (SiteBuilder.Build).");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = size, ColorScheme = ColorScheme.Light });
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (!route.Request.Url.StartsWith(Origin, StringComparison.Ordinal)) { await route.AbortAsync(); return; }
            string relative = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
            if (relative == HandoutPage.FileName(solutions))
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
                return;
            }
            string file = Path.GetFullPath(Path.Combine(folder, relative));
            if (file.StartsWith(folder, StringComparison.Ordinal) && File.Exists(file)) await route.FulfillAsync(new RouteFulfillOptions { Path = file });
            else await route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "" });
        });
        var page = await context.NewPageAsync();
        watch?.Invoke(page);
        await page.GotoAsync(Origin + HandoutPage.FileName(solutions));
        await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        return page;
    }
}
