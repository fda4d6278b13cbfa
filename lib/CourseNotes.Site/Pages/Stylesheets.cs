using System.Text.RegularExpressions;

namespace CourseNotes.Site.Pages;

/// <summary>
/// The site's stylesheet and KaTeX's, written into each page's <c>&lt;head&gt;</c> rather than linked: a linked
/// stylesheet blocks the first paint for a round trip each (two on a phone's network before anything shows), the
/// two together are about 10 KB compressed, and KaTeX's goes only into pages that have formulas. KaTeX's font
/// addresses are rewritten to <c>assets/katex/fonts/</c>, where the fonts are copied; the older font formats
/// (woff, ttf) are cut, every browser that runs the course taking woff2.
/// </summary>
public sealed partial class Stylesheets
{
    /// <summary>The site's own stylesheet.</summary>
    public string Site { get; }

    /// <summary>KaTeX's stylesheet, font addresses relative to the site's root.</summary>
    public string Katex { get; }

    private Stylesheets(string site, string katex) { Site = site; Katex = katex; }

    /// <summary>Reads the site's stylesheet (beside this assembly) and KaTeX's (from <paramref name="modules"/>).</summary>
    public static Stylesheets Read(string modules)
    {
        string site = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "site.css"));
        string katex = KatexForRoot(File.ReadAllText(Path.Combine(modules, "katex", "dist", "katex.min.css")));
        return new Stylesheets(site, katex);
    }

    /// <summary>KaTeX's stylesheet with woff2 fonts only (kept where the stylesheet lies, <c>fonts/…</c>).</summary>
    public static string KatexWoff2(string css) => OlderFontSources().Replace(css, "");

    private static string KatexForRoot(string css) => KatexWoff2(css).Replace("url(fonts/", "url(assets/katex/fonts/", StringComparison.Ordinal);

    /// <summary>
    /// The <c>&lt;style&gt;</c> elements of a page; KaTeX's only when <paramref name="html"/> has a formula, followed by
    /// a script that preloads the KaTeX fonts its first screens use (<see cref="FirstFonts"/>) when the page is served
    /// over http(s). Not a plain <c>&lt;link rel="preload" as="font" crossorigin&gt;</c>: fonts are fetched in CORS
    /// mode, and from <c>file://</c> (the site opens from a folder) a page's origin is null, so Chromium refuses such a
    /// preload with a console error; there the fonts load as KaTeX's <c>@font-face</c> rules ask, when text needs them.
    /// (<c>document.fonts.load</c>, tried instead, started the downloads only after the body was parsed: 1.8 s late on
    /// a slow phone, a layout shift of 0.15 on chapter 1.)
    /// </summary>
    public string Head(string html)
    {
        if (!html.Contains("class=\"katex\"", StringComparison.Ordinal)) return $"<style>{Site}</style>";
        string fonts = string.Join(",", FirstFonts(html).Select(f => $"\"{f}\""));
        return $"<style>{Katex}</style>\n<script>{PreloadScript.Replace("FONTS", fonts, StringComparison.Ordinal)}</script>\n<style>{Site}</style>";
    }

    private const string PreloadScript =
        "if (location.protocol !== 'file:') [FONTS].forEach(f => { const l = document.createElement('link'); " +
        "l.rel = 'preload'; l.as = 'font'; l.type = 'font/woff2'; l.crossOrigin = 'anonymous'; " +
        "l.href = 'assets/katex/fonts/' + f + '.woff2'; document.head.append(l); });";

    /// <summary>How far into a page's body its first screens reach, in characters of HTML (KaTeX's markup included).</summary>
    public const int FirstScreens = 60_000;

    // KaTeX's fonts and the markup that needs each (its stylesheet gives these classes these fonts).
    private static readonly (string Font, string[] Markers)[] Fonts =
    [
        ("KaTeX_Main-Regular", ["class=\"katex\""]),
        ("KaTeX_Math-Italic", ["mathnormal"]),
        ("KaTeX_Math-BoldItalic", ["boldsymbol"]),
        ("KaTeX_Main-Bold", ["mathbf", "textbf"]),
        ("KaTeX_Size1-Regular", ["small-op", "delimsizing size1"]),
        ("KaTeX_Size2-Regular", ["large-op", "delimsizing size2"]),
        ("KaTeX_AMS-Regular", ["amsrm", "mathbb"]),
        ("KaTeX_Caligraphic-Regular", ["mathcal"]),
    ];

    /// <summary>
    /// The KaTeX fonts that the first <see cref="FirstScreens"/> characters of <paramref name="html"/> use. KaTeX's fonts
    /// load only when text in them is laid out, and its stylesheet holds that text invisible until then (<c>font-display:
    /// block</c>), laid out with another font's widths: when the fonts arrive, the first screen's formulas change width, their
    /// lines break anew and everything below moves (a layout shift of 0.13 on chapter 1 on a slow phone). Preloaded from the
    /// page's head (<see cref="Head"/>), they load with the page and are there for its first layout when the CPU keeps up
    /// (Lighthouse's mobile run: no shift on any page); on a heavily loaded machine they can still come after it.
    /// </summary>
    public static IEnumerable<string> FirstFonts(string html)
    {
        string first = html.Length > FirstScreens ? html[..FirstScreens] : html;
        return Fonts.Where(f => f.Markers.Any(m => first.Contains(m, StringComparison.Ordinal))).Select(f => f.Font);
    }

    [GeneratedRegex(@",\s*url\([^)]+\.(?:woff|ttf)\)\s*format\(""(?:woff|truetype)""\)")]
    private static partial Regex OlderFontSources();
}
