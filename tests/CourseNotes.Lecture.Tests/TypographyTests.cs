using CourseNotes.Lecture.Tests.Typography;
using CourseNotes.Site;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// The course's French typography, in every notebook of the course: the prose of the markdown cells, the
/// French string literals and comments of the C# cells (claim texts, chart titles and labels, printed lines)
/// and the French lines of the stored text outputs. The rule:
/// <list type="bullet">
/// <item>U+00A0 (no-break space) before « : », after « « » and before « » »;</item>
/// <item>U+202F (narrow no-break space) before « ; », « ! », « ? » and before « % » — the library's
/// <c>CourseCulture</c> prints percentages « 51 % » with U+202F (CLDR's French pattern), so the text written
/// by hand does the same and a sentence never mixes two spaces before « % »;</item>
/// <item>never an ordinary space there, and never no space;</item>
/// <item>the apostrophe ’ (U+2019) in French prose, markdown and strings alike; the ASCII ' stays in code
/// (character literals, identifiers) and formulas, which are not checked;</item>
/// <item>a decimal comma in numbers written in prose, strings and outputs (« 0,25 »).</item>
/// </list>
/// Not checked: code spans, formulas, URLs and link targets, citations, HTML attributes other than alt and
/// title, and the titles of cited works in a « Références » cell (see <see cref="MarkdownProse"/>). A fault
/// names the notebook, the cell (c0 first), the place in the cell, the line and the text around it
/// (<see cref="NotebookTypography"/>). <see cref="TypographyCheckerTests"/> shows that each rule can fail.
/// </summary>
public class TypographyTests
{
    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void French_prose_follows_the_course_typography(string name)
    {
        var faults = NotebookTypography.Faults(LectureNotebooks.Load(name), name).ToList();
        Assert.True(faults.Count == 0, $"{faults.Count} typography fault(s) in {name}:\n{string.Join("\n", faults)}");
    }

    /// <summary>The site's own pages (course.yml's <c>pages</c>: Markdown files beside the chapters) follow the same rule.</summary>
    [Fact]
    public void The_sites_own_pages_follow_the_course_typography()
    {
        var course = Course.Load(Path.Combine(Repository.Root, "course.yml"));
        var pages = course.Pages.Where(p => p.EndsWith(".md", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        var faults = new List<string>();
        foreach (string page in pages)
        {
            string[] lines = File.ReadAllText(Path.Combine(Repository.Root, page)).Replace("\r\n", "\n").Split('\n');
            string[] prose = MarkdownProse.Hide(string.Join('\n', lines), bibliography: false).Split('\n');
            for (int l = 0; l < prose.Length; l++)
                foreach (var fault in FrenchTypography.Check(prose[l]))
                    faults.Add($"{page}, line {l + 1}, column {fault.Column + 1}: {fault.Rule}: « {lines[l]} »");
        }
        Assert.True(faults.Count == 0, $"{faults.Count} typography fault(s):\n{string.Join("\n", faults)}");
    }
}
