using System.Text.Json;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Pages;

/// <summary>Only course files are published, and scripts in the prose need the course's trust (issue 14, item 5).</summary>
public sealed class CourseFilesTests : IDisposable
{
    // Inside the repository, so that its node_modules is found as Node.js would find it.
    private readonly string _outside = Path.Combine(Repository.Root, "artifacts", "test-site-" + Guid.NewGuid().ToString("N"));
    private string Folder => Path.Combine(_outside, "course");
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0];

    public CourseFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "notebooks"));
        Directory.CreateDirectory(Path.Combine(Folder, "images"));
        File.WriteAllBytes(Path.Combine(Folder, "images", "forme.png"), Png);
        File.WriteAllBytes(Path.Combine(_outside, "secret.png"), Png); // beside the course, not in it
        File.WriteAllText(Path.Combine(Folder, "images", "notes.txt"), "pas une image");
    }

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    private static string Cell(string markdown) =>
        $"{{ \"cell_type\": \"markdown\", \"metadata\": {{}}, \"source\": {JsonSerializer.Serialize(markdown)} }}";

    private static string HtmlOutput(string html) =>
        $"{{ \"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {{}}, \"source\": \"Show();\", \"outputs\": [ {{ \"output_type\": \"display_data\", \"metadata\": {{}}, \"data\": {{ \"text/html\": {JsonSerializer.Serialize(html)} }} }} ] }}";

    private SiteReport Build(string trust, params string[] cells)
    {
        Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
        File.WriteAllText(Path.Combine(Folder, "notebooks", "01-a.ipynb"),
            "{ \"cells\": [" + string.Join(",", cells) + "], \"metadata\": { \"kernelspec\": { \"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\" } }, \"nbformat\": 4, \"nbformat_minor\": 4 }");
        File.WriteAllText(Path.Combine(Folder, "course.yml"), $"title: Essai\n{trust}chapters:\n  - notebooks/01-a.ipynb\n");
        return SiteBuilder.Build(Course.Load(Path.Combine(Folder, "course.yml")), Path.Combine(Folder, "_site"));
    }

    private string Page() => File.ReadAllText(Path.Combine(Folder, "_site", "01-a.html"));

    [Fact]
    public void An_image_of_the_course_is_copied_into_media()
    {
        Build("", Cell("# Un\n\n![Une forme](../images/forme.png)"));
        Assert.Contains("src=\"media/forme.png\"", Page());
        Assert.True(File.Exists(Path.Combine(Folder, "_site", "media", "forme.png")));
    }

    [Theory]
    [InlineData("markdown", "![fuite](../../secret.png)", "../../secret.png", "outside the course folder")]
    [InlineData("markdown", "<img src=\"/etc/hostname\" alt=\"x\">", "/etc/hostname", "absolute path")]
    [InlineData("markdown", "![x](file:///etc/hostname)", "file:///etc/hostname", "file: is not allowed")]
    [InlineData("markdown", "![x](%2E%2E/%2E%2E/secret.png)", "%2E%2E/%2E%2E/secret.png", "outside the course folder")]
    [InlineData("markdown", "![x](../images/notes.txt)", "../images/notes.txt", "is not an image")]
    [InlineData("markdown", "![x](https://example.org/x.png)", "https://example.org/x.png", "another host")]
    [InlineData("markdown", "[le secret](../../secret.png)", "../../secret.png", "outside the course folder")]
    [InlineData("output", "<img src=\"../../secret.png\">", "../../secret.png", "outside the course folder")]
    [InlineData("output", "<img src=\"/etc/hostname\">", "/etc/hostname", "absolute path")]
    [InlineData("output", "<img srcset=\"../images/forme.png 1x, ../../secret.png 2x\">", "../../secret.png", "outside the course folder")]
    public void A_file_outside_the_course_or_not_an_image_fails_the_build_naming_notebook_cell_and_path(string where, string html, string path, string reason)
    {
        string cell = where == "markdown" ? Cell("Texte.\n\n" + html) : HtmlOutput(html);
        var e = Assert.Throws<SiteBuildException>(() => Build("", Cell("# Un"), cell));
        Assert.Contains($"notebooks/01-a.ipynb, cell 2", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains(reason, e.Message);
        if (where == "markdown") Assert.Contains("cell 2, line 3", e.Message);
        Assert.False(File.Exists(Path.Combine(Folder, "_site", "media", "secret.png")));
    }

    [Fact]
    public void A_symbolic_link_inside_the_course_to_a_file_outside_fails_the_build()
    {
        File.CreateSymbolicLink(Path.Combine(Folder, "images", "lien.png"), Path.Combine(_outside, "secret.png"));
        var e = Assert.Throws<SiteBuildException>(() => Build("", Cell("# Un\n\n![x](../images/lien.png)")));
        Assert.Contains("notebooks/01-a.ipynb, cell 1, line 3", e.Message);
        Assert.Contains("outside the course folder", e.Message);
    }

    [Fact]
    public void Scripts_in_the_prose_are_removed_and_reported_unless_the_course_trusts_its_html_and_outputs_keep_theirs()
    {
        string prose = Cell("# Un\n\n<script>window.prose = 1;</script>\n\n[clic](javascript:alert(1)) <a href=\"JaVa&#9;script:alert(2)\">b</a> <span onclick=\"alert(3)\">c</span>");
        string output = HtmlOutput("<div id=\"explorer\"></div><script>window.output = 1;</script>");

        var report = Build("", prose, output);
        string page = Page();
        Assert.DoesNotContain("window.prose", page);
        Assert.DoesNotContain("alert(", page);
        // Produced by the course's own code: kept, in the output's own script file (LiveScripts).
        var live = System.Text.RegularExpressions.Regex.Match(page, "data-live-script=\"(media/live-[0-9a-f]+\\.js)\"");
        Assert.True(live.Success, "the output's script file is not named on the page");
        Assert.Contains("window.output = 1;", File.ReadAllText(Path.Combine(Folder, "_site", live.Groups[1].Value)));
        Assert.Equal(4, report.Removed.Count);
        Assert.All(report.Removed, line => Assert.StartsWith("notebooks/01-a.ipynb, cell 1", line));
        Assert.Contains(report.Removed, line => line.Contains("<script> removed", StringComparison.Ordinal) && line.Contains("line 3", StringComparison.Ordinal));

        report = Build("trust_html: true\n", prose, output);
        page = Page();
        Assert.Contains("window.prose = 1;", page);
        Assert.Contains("javascript:alert(1)", page);
        Assert.Contains("onclick=\"alert(3)\"", page);
        Assert.Empty(report.Removed);
    }

    [Fact]
    public void The_course_does_not_trust_its_html_by_default()
    {
        File.WriteAllText(Path.Combine(Folder, "course.yml"), "title: Essai\nchapters:\n  - notebooks/01-a.ipynb\n");
        File.WriteAllText(Path.Combine(Folder, "notebooks", "01-a.ipynb"), "{}");
        Assert.False(Course.Load(Path.Combine(Folder, "course.yml")).TrustHtml);
        Assert.False(Course.Load(Path.Combine(Repository.Root, "course.yml")).TrustHtml);
    }
}
