using Microsoft.Playwright;

namespace CourseNotes.Site.Handout;

/// <summary>
/// Prints the handout pages of a built site to PDF with Debian's Chromium (<c>/usr/bin/chromium</c>, or the
/// <c>CHROMIUM</c> variable), driven by Playwright through <c>ExecutablePath</c>: never a downloaded browser.
/// A4, page numbers in the footer, the PDF's outline (bookmarks) from the headings, every chart drawn at the
/// page's width first. Without Chromium it prints nothing and says so.
/// </summary>
public static class HandoutPdf
{
    /// <summary>The Chromium to drive: <c>$CHROMIUM</c> when set, else Debian's.</summary>
    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Writes the student's and the teacher's PDF beside the handout pages in <paramref name="site"/>; returns the files written (none without Chromium).</summary>
    public static async Task<IReadOnlyList<string>> PrintAsync(string site, TextWriter log)
    {
        if (!File.Exists(Chromium))
        {
            log.WriteLine($"PDF handout skipped: no Chromium at {Chromium} (apt-get install chromium); the site itself is complete.");
            return [];
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var written = new List<string>();
        foreach (bool solutions in new[] { false, true })
        {
            string html = Path.Combine(site, HandoutPage.FileName(solutions));
            if (!File.Exists(html)) throw new SiteBuildException($"{html} is missing: build the site first.");
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 794, Height = 1123 } });
            await page.GotoAsync(new Uri(Path.GetFullPath(html)).AbsoluteUri);
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
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
            await page.CloseAsync();
            log.WriteLine($"{pdf}: {new FileInfo(pdf).Length / 1024} KiB");
            written.Add(pdf);
        }
        return written;
    }
}
