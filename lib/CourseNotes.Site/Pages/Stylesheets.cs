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

    /// <summary>The <c>&lt;style&gt;</c> elements of a page; KaTeX's only when <paramref name="html"/> has a formula.</summary>
    public string Head(string html) =>
        (html.Contains("class=\"katex\"", StringComparison.Ordinal) ? $"<style>{Katex}</style>\n" : "") + $"<style>{Site}</style>";

    [GeneratedRegex(@",\s*url\([^)]+\.(?:woff|ttf)\)\s*format\(""(?:woff|truetype)""\)")]
    private static partial Regex OlderFontSources();
}
