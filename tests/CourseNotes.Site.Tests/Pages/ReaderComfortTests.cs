using CourseNotes.Site.Pages;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Pages;

/// <summary>« Lancer ce chapitre », the footer's licence, version and date, meta descriptions (issue 15, item 8).</summary>
public class ReaderComfortTests
{
    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    [Fact]
    public void The_date_comes_from_SOURCE_DATE_EPOCH_else_from_the_last_commit_never_from_the_clock()
    {
        var fixedDate = BuildInfo.Read(Repository.Root, "2.1", "1772409600"); // 2026-03-02 00:00 UTC
        Assert.Equal(("2.1", "2\u00a0mars\u00a02026"), (fixedDate.Version, fixedDate.FrenchDate));
        Assert.Equal("1er\u00a0décembre\u00a02026", new BuildInfo("", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)).FrenchDate);

        var fromGit = BuildInfo.Read(Repository.Root, "", null);
        if (fromGit.Date is null) Requirements.That(false, "needs the repository's git history (git log)");
        var again = BuildInfo.Read(Repository.Root, "", null);
        Assert.Equal(fromGit, again);
        Assert.Matches("^[0-9a-f]{12}$", fromGit.Version);

        string outside = Directory.CreateTempSubdirectory("coursenotes-nogit-").FullName;
        try { Assert.Equal(new BuildInfo("", null), BuildInfo.Read(outside, "", null)); }
        finally { Directory.Delete(outside); }
    }

    [Fact]
    public void Every_page_has_a_description_and_a_footer_with_licence_version_and_date_and_chapters_say_how_to_run_them()
    {
        foreach (string file in SiteFixture.Pages)
        {
            var page = Parser.ParseDocument(File.ReadAllText(file));
            string name = Path.GetFileName(file);
            string description = page.QuerySelector("meta[name=description]")?.GetAttribute("content") ?? "";
            Assert.True(description.Length is > 40 and <= 160, $"{name}: description of {description.Length} characters");
            Assert.DoesNotContain("\\", description); // no TeX left in it
            var footer = page.QuerySelector("footer.site-footer");
            Assert.True(footer is not null, $"{name} has no footer");
            Assert.Contains("Licence\u00a0:", footer!.TextContent);
            Assert.Matches(@"version \S+ · construit le \d", footer.TextContent);
            Assert.NotNull(footer.QuerySelector("time[datetime]"));
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, @"^\d\d-")) continue;
            var panel = page.QuerySelector("main details.launch")!;
            Assert.Equal("Lancer ce chapitre", panel.QuerySelector("summary")!.TextContent);
            Assert.Equal("h1", panel.PreviousElementSibling!.LocalName);
            Assert.Contains("git clone", panel.TextContent);
            Assert.Contains("dotnet cake", panel.TextContent);
            Assert.Contains("install-kernel", panel.TextContent);
            Assert.Contains("notebooks/" + Path.ChangeExtension(name, ".ipynb"), panel.TextContent);
            Assert.Contains("édition étudiant", panel.TextContent);
            Assert.True(File.Exists(Path.Combine(SiteFixture.Folder, "notebooks", Path.ChangeExtension(name, ".ipynb"))));
        }
    }

    /// <summary>
    /// The text the site writes around the chapters (header, menus, pager, footer, « Lancer ce chapitre », the download
    /// line, figure captions, the summaries of folded blocks) follows the course's typography, as the chapters do: U+00A0
    /// before « : », U+202F before « ; ! ? ». Code and the cards of cited works (titles in their own language) are not
    /// checked. (The launch panel once put U+202F before its colons.)
    /// </summary>
    [Fact]
    public void The_sites_own_text_puts_the_course_spaces_before_double_punctuation()
    {
        var faults = new List<string>();
        foreach (string file in SiteFixture.Pages)
        {
            var page = Parser.ParseDocument(File.ReadAllText(file));
            foreach (var part in page.QuerySelectorAll("header, nav, footer, main details.launch, main p.download, main figcaption, main summary"))
                foreach (var text in AngleSharp.Dom.NodeExtensions.GetDescendants(part).OfType<AngleSharp.Dom.IText>())
                {
                    if (text.ParentElement?.Closest("pre, code, .cite-card") is not null) continue; // code, and cited works in their own language
                    string data = text.Data;
                    for (int i = 1; i < data.Length; i++)
                    {
                        // a French colon, semicolon, exclamation or question mark: followed by a space or the end
                        if (data[i] is not (':' or ';' or '!' or '?') || (i + 1 < data.Length && !char.IsWhiteSpace(data[i + 1]))) continue;
                        char wanted = data[i] == ':' ? '\u00a0' : '\u202f';
                        if (data[i - 1] != wanted)
                            faults.Add($"{Path.GetFileName(file)} {part.LocalName}: « {data.Trim()} » (U+{(int)data[i - 1]:X4} before « {data[i]} »)");
                    }
                }
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults.Distinct()));
    }

    [Fact]
    public void The_students_edition_is_offered_when_the_course_has_it_and_two_builds_give_the_same_bytes()
    {
        Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
        string folder = Path.Combine(Repository.Root, "artifacts", "test-site-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        Directory.CreateDirectory(Path.Combine(folder, "student"));
        string notebook = "{ \"cells\": [ { \"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# Un\\n\\nTexte du chapitre, assez long pour une description de page.\" } ], \"metadata\": { \"kernelspec\": { \"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\" } }, \"nbformat\": 4, \"nbformat_minor\": 4 }";
        File.WriteAllText(Path.Combine(folder, "notebooks", "01-a.ipynb"), notebook);
        File.WriteAllText(Path.Combine(folder, "student", "01-a.ipynb"), notebook);
        File.WriteAllText(Path.Combine(folder, "course.yml"), "title: Essai\nrepository: https://example.org/cours/vae.git\nlicense: CC BY 4.0\nversion: '1.0'\nstudent_edition: student\nchapters:\n  - notebooks/01-a.ipynb\n");
        try
        {
            SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site"));
            string first = File.ReadAllText(Path.Combine(folder, "_site", "01-a.html"));
            var page = Parser.ParseDocument(first);
            Assert.Contains("git clone https://example.org/cours/vae.git\ncd vae", page.QuerySelector("details.launch")!.TextContent);
            Assert.Equal("notebooks/etudiant/01-a.ipynb", page.QuerySelector("details.launch a[href*=etudiant]")!.GetAttribute("href"));
            Assert.True(File.Exists(Path.Combine(folder, "_site", "notebooks", "etudiant", "01-a.ipynb")));
            Assert.Contains("Licence\u00a0: CC BY 4.0 · version 1.0", page.QuerySelector("footer")!.TextContent);

            SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site"));
            Assert.Equal(first, File.ReadAllText(Path.Combine(folder, "_site", "01-a.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
