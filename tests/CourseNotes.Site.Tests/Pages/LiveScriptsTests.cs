using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Tests.Pages;

public class LiveScriptsTests
{
    private const string Live = """
        <div class="output html live"><div id="x"><script type="application/json" class="d">{"w":"AAEC","s":"<\/b> é"}</script><script>go("x");</script></div></div>
        <div class="output html"><script>kept();</script></div>
        """;

    [Fact]
    public void A_live_outputs_scripts_move_to_one_file_named_by_its_content_and_its_data_block_stays_empty_in_place()
    {
        string output = Directory.CreateTempSubdirectory("live-scripts").FullName;
        var page = new PageDocument(Live);
        var files = LiveScripts.Externalize(page.Document, output);

        var file = Assert.Single(files);
        Assert.Matches("^media/live-[0-9a-f]{16}\\.js$", file);
        var live = page.Document.QuerySelector("div.output.html.live")!;
        Assert.Equal(file, live.GetAttribute(LiveScripts.Attribute));
        var data = Assert.Single(live.QuerySelectorAll("script"));
        Assert.Equal("", data.TextContent);
        Assert.True(data.HasAttribute("data-live-data"));
        Assert.Equal("d", data.ClassName);
        // A plain HTML output is not live: its script stays.
        Assert.Contains("<script>kept();</script>", page.Document.Body!.InnerHtml);

        // The file fills the data block (text as it was, JSON string literal), then runs the code, in the page's order.
        string script = File.ReadAllText(Path.Combine(output, file));
        Assert.Equal("""
            document.currentScript.parentNode.querySelectorAll("script[data-live-data]")[0].textContent = "{\"w\":\"AAEC\",\"s\":\"<\\/b> é\"}";
            go("x");
            ;

            """.Replace("\r\n", "\n"), script);

        // The same content gives the same name (the second page reuses the file).
        Assert.Equal(files, LiveScripts.Externalize(new PageDocument(Live).Document, output));
        Assert.Single(Directory.GetFiles(Path.Combine(output, "media")));
    }

    [Fact]
    public void On_the_real_site_chapter_04_carries_no_weights_and_the_handout_loads_no_live_script()
    {
        string chapter = File.ReadAllText(Path.Combine(SiteFixture.Folder, "04-autoencodeurs-variationnels.html"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(chapter, LiveScripts.Attribute + "=\"media/live-").Count);
        Assert.DoesNotContain("{\"mode\":\"plane\"", chapter); // the explorers' data (weights…) lies in their files
        Assert.DoesNotContain("{\"mode\":\"sliders\"", chapter);
        Assert.DoesNotContain("latentExplorer", chapter); // and so does their script
        foreach (bool solutions in new[] { false, true })
        {
            string handout = SiteFixture.Report.Handout.Value.Of(solutions);
            Assert.Contains("latent-explorer-fallback", handout); // paper shows the static picture
            Assert.DoesNotContain(LiveScripts.Attribute, handout);
        }
    }
}
