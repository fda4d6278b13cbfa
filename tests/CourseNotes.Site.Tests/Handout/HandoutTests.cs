using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CourseNotes.Site.Handout;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Handout;

/// <summary>The handout: one page per edition in the site, and their PDFs printed by Chromium with an outline.</summary>
public partial class HandoutTests
{
    [Fact]
    public void The_teacher_edition_has_every_solution_open_and_the_student_edition_none_with_ids_unique()
    {
        var parser = new HtmlParser();
        var teacher = parser.ParseDocument(File.ReadAllText(Path.Combine(SiteFixture.Folder, HandoutPage.FileName(true))));
        var student = parser.ParseDocument(File.ReadAllText(Path.Combine(SiteFixture.Folder, HandoutPage.FileName(false))));
        int solutions = SiteFixture.Pages.Where(p => Path.GetFileName(p).StartsWith('0')).Sum(p => parser.ParseDocument(File.ReadAllText(p)).QuerySelectorAll("details.solution").Length);
        Assert.True(solutions > 0);
        Assert.Equal(solutions, teacher.QuerySelectorAll("details.solution[open]").Length);
        Assert.Empty(student.QuerySelectorAll("details.solution"));
        int chapters = SiteFixture.Report.Pages.Count(p => p.IsChapter);
        Assert.Equal(chapters, teacher.QuerySelectorAll("article.handout-chapter").Length);
        Assert.Equal(chapters, teacher.QuerySelectorAll(".handout-toc > ol > li").Length);
        var ids = teacher.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var link in teacher.QuerySelectorAll("a[href^='#']"))
            Assert.NotNull(teacher.GetElementById(link.GetAttribute("href")![1..]));
    }

    [Fact]
    public async Task Chromium_prints_both_editions_to_PDF_with_the_chapters_in_the_outline()
    {
        Requirements.That(File.Exists(HandoutPdf.Chromium), "needs Chromium (apt-get install chromium)");
        string folder = SiteFixture.Folder;
        var log = new StringWriter();
        var files = await HandoutPdf.PrintAsync(folder, log);
        Assert.Equal([Path.Combine(folder, HandoutPage.PdfName(false)), Path.Combine(folder, HandoutPage.PdfName(true))], files);
        var sizes = files.Select(f => new FileInfo(f).Length).ToList();
        Assert.True(sizes[1] > sizes[0], "the teacher's edition, with the solutions, is the longer one");
        foreach (string pdf in files)
        {
            byte[] bytes = File.ReadAllBytes(pdf);
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
            string raw = Encoding.Latin1.GetString(bytes);
            var titles = OutlineTitle().Matches(raw).Select(m => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(m.Groups[1].Value)))
                .Concat(PlainTitle().Matches(raw).Select(m => m.Groups[1].Value)).ToList();
            Assert.Contains(titles, t => t.Contains("Table des matières", StringComparison.Ordinal));
            // Chromium builds the outline from the laid-out text: a heading broken over two lines loses the space there.
            static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            foreach (var chapter in SiteFixture.Report.Pages.Where(p => p.IsChapter))
                Assert.Contains(titles, t => Squeezed(t) == Squeezed(chapter.Title));
        }
    }

    [GeneratedRegex(@"/Title <FEFF((?:[0-9A-Fa-f]{4})+)>")]
    private static partial Regex OutlineTitle();

    [GeneratedRegex(@"/Title \(([^)]*)\)")]
    private static partial Regex PlainTitle();
}
