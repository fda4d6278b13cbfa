using System.Text.RegularExpressions;

namespace CourseNotes.Site.Tests.Pages;

/// <summary>Stylesheets are written into each page (no render-blocking request), KaTeX's only where there are formulas.</summary>
public class StylesheetTests
{
    [Fact]
    public void Pages_carry_their_styles_and_every_font_they_name_is_in_the_site()
    {
        foreach (string file in SiteFixture.Pages)
        {
            string html = File.ReadAllText(file), name = Path.GetFileName(file);
            Assert.DoesNotContain("rel=\"stylesheet\"", html);
            Assert.Contains(":focus-visible", html); // the site's own stylesheet
            bool formulas = html.Contains("class=\"katex\"", StringComparison.Ordinal);
            Assert.Equal(formulas, html.Contains("@font-face", StringComparison.Ordinal));
            foreach (Match url in Regex.Matches(html, @"url\((assets/katex/fonts/[^)]+)\)"))
                Assert.True(File.Exists(Path.Combine(SiteFixture.Folder, url.Groups[1].Value)), $"{name}: {url.Groups[1].Value} is missing");
            Assert.DoesNotMatch(@"url\(fonts/", html);
        }
        Assert.DoesNotContain("@font-face", File.ReadAllText(Path.Combine(SiteFixture.Folder, "references.html")));
        Assert.Contains("@font-face", File.ReadAllText(Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html")));
    }

    [Fact]
    public void First_screen_fonts_are_preloaded_over_http_only()
    {
        // From file:// a page's origin is null: Chromium refuses a crossorigin font preload there (a console error),
        // so the preload is added by a script that looks at the protocol, not written into the page.
        string html = File.ReadAllText(Path.Combine(SiteFixture.Folder, "01-modeles-latents.html"));
        Assert.DoesNotContain("<link rel=\"preload\"", html);
        Assert.Contains("if (location.protocol !== 'file:') [\"KaTeX_Main-Regular\"", html);
        foreach (Match font in Regex.Matches(html[..html.IndexOf("</script>", html.IndexOf("location.protocol", StringComparison.Ordinal), StringComparison.Ordinal)], @"""(KaTeX_[\w-]+)"""))
            Assert.True(File.Exists(Path.Combine(SiteFixture.Folder, "assets", "katex", "fonts", font.Groups[1].Value + ".woff2")), font.Value);
    }
}
