using System.Net;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// Every lecture back-link in the library's XML docs, <c>Taught in &lt;a href="../../notebooks/X.ipynb"&gt;X.ipynb&lt;/a&gt;,
/// section « H »</c>, points to a notebook that exists and names one of its markdown headings: the text after the
/// <c>#</c>s, equal to H once runs of spaces and non-breaking spaces are made one space and ’ is read as '.
/// </summary>
public partial class LectureBackLinkTests
{
    /// <summary>One notebook link of a <c>Taught in</c> remark and the headings quoted after it.</summary>
    public sealed record BackLink(string Source, int Line, string Notebook, string LinkText, IReadOnlyList<string> Sections)
    {
        public override string ToString() => $"{Path.GetRelativePath(Repository.Root, Source)}:{Line} → {Notebook} « {string.Join(" », « ", Sections)} »";
    }

    /// <summary>The back-links of every .cs file under lib/ (build outputs excluded), in file order.</summary>
    public static IReadOnlyList<BackLink> All()
    {
        var links = new List<BackLink>();
        string lib = Path.Combine(Repository.Root, "lib");
        foreach (string file in Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(lib, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "bin" or "obj")) continue;
            links.AddRange(InFile(file));
        }
        return links;
    }

    /// <summary>
    /// The back-links of one file: each <c>&lt;remarks&gt;</c> of its <c>///</c> comments that says "Taught in" is
    /// split at its notebook links; the « … » quotes between a link and the next one are that notebook's sections.
    /// </summary>
    public static IEnumerable<BackLink> InFile(string file)
    {
        string[] lines = File.ReadAllLines(file);
        // The doc comment text with, for each character, the line it came from.
        var text = new System.Text.StringBuilder();
        var lineOf = new List<int>();
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            if (!trimmed.StartsWith("///", StringComparison.Ordinal)) { text.Append('\n'); lineOf.Add(i + 1); continue; }
            string content = trimmed[3..] + " ";
            text.Append(content);
            lineOf.AddRange(Enumerable.Repeat(i + 1, content.Length));
        }
        string doc = text.ToString();
        foreach (Match remark in Remarks().Matches(doc))
        {
            if (!remark.Value.Contains("Taught in", StringComparison.Ordinal)) continue;
            var anchors = NotebookAnchor().Matches(remark.Value);
            int line = lineOf[remark.Index];
            if (anchors.Count == 0)
            {
                yield return new BackLink(file, line, "", "", []);
                continue;
            }
            for (int a = 0; a < anchors.Count; a++)
            {
                int from = anchors[a].Index + anchors[a].Length;
                int to = a + 1 < anchors.Count ? anchors[a + 1].Index : remark.Value.Length;
                var sections = Quoted().Matches(remark.Value[from..to]).Select(q => WebUtility.HtmlDecode(q.Groups[1].Value)).ToList();
                yield return new BackLink(file, lineOf[remark.Index + anchors[a].Index], anchors[a].Groups[1].Value, anchors[a].Groups[2].Value.Trim(), sections);
            }
        }
    }

    /// <summary>The markdown headings of a notebook (lines of markdown cells starting with 1–6 '#' then a space, outside code fences), normalised.</summary>
    public static IReadOnlySet<string> Headings(Notebook notebook)
    {
        var headings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells.Where(c => c.CellType == "markdown"))
        {
            bool fenced = false;
            foreach (string line in cell.Source.Split('\n'))
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
                if (fenced) continue;
                var heading = HeadingLine().Match(line);
                if (heading.Success) headings.Add(Normalise(heading.Groups[1].Value));
            }
        }
        return headings;
    }

    /// <summary>
    /// Runs of white space (non-breaking spaces included) become one space; ends trimmed; the apostrophe ’ reads as '
    /// (headings use ’, as French prose does; a remark in the library's English XML docs may quote them with ').
    /// </summary>
    public static string Normalise(string text) => Spaces().Replace(text, " ").Trim().Replace('’', '\'');

    [Fact]
    public void The_library_has_back_links_to_every_chapter_it_serves()
    {
        var links = All();
        Assert.True(links.Count >= 25, $"only {links.Count} back-links found: is the parser reading the XML docs?");
        Assert.Contains(links, l => l.Notebook.StartsWith("01-", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Notebook.StartsWith("03-", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_back_link_names_an_existing_notebook_and_one_of_its_headings()
    {
        var problems = new List<string>();
        var headingsOf = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var link in All())
        {
            if (link.Notebook == "") { problems.Add($"{link}: a 'Taught in' remark without a link to ../../notebooks/NN-….ipynb"); continue; }
            if (link.LinkText != link.Notebook) problems.Add($"{link}: the link text « {link.LinkText} » is not the notebook's file name");
            string path = Path.Combine(Repository.Root, "notebooks", link.Notebook);
            if (!File.Exists(path)) { problems.Add($"{link}: notebooks/{link.Notebook} does not exist"); continue; }
            if (!headingsOf.TryGetValue(link.Notebook, out var headings))
                headingsOf[link.Notebook] = headings = Headings(Notebook.Load(path));
            if (link.Sections.Count == 0) problems.Add($"{link}: no section « … » named after the link");
            foreach (string section in link.Sections.Where(s => !headings.Contains(Normalise(s))))
                problems.Add($"{link}: « {section} » is not a heading of {link.Notebook} (headings: « {string.Join(" », « ", headings)} »)");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} dead back-link(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void The_parser_reads_a_remark_over_two_lines_with_two_notebooks()
    {
        string file = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N") + ".cs");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllLines(file,
        [
            "/// <summary>S.</summary>",
            "/// <remarks>Taught in <a href=\"../../notebooks/01-a.ipynb\">01-a.ipynb</a>, section « L&apos;ELBO », and",
            "/// <a href=\"../../notebooks/02-b.ipynb\">02-b.ipynb</a>, sections « Un\u00A0: deux » to « Trois ».</remarks>",
            "public class C { }",
        ]);
        try
        {
            var links = InFile(file).ToList();
            Assert.Equal(2, links.Count);
            Assert.Equal(("01-a.ipynb", 2, "01-a.ipynb"), (links[0].Notebook, links[0].Line, links[0].LinkText));
            Assert.Equal(["L'ELBO"], links[0].Sections);
            Assert.Equal(("02-b.ipynb", 3), (links[1].Notebook, links[1].Line));
            Assert.Equal(["Un\u00A0: deux", "Trois"], links[1].Sections);
            Assert.Equal("Un : deux", Normalise(links[1].Sections[0]));
            Assert.Equal(Normalise("L’ELBO"), Normalise(links[0].Sections[0]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"<remarks>.*?</remarks>", RegexOptions.Singleline)]
    private static partial Regex Remarks();

    [GeneratedRegex(@"<a\s+href=""\.\./\.\./notebooks/([^""/]+\.ipynb)""\s*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex NotebookAnchor();

    [GeneratedRegex(@"«\s*(.+?)\s*»", RegexOptions.Singleline)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\s{0,3}#{1,6}[ \t\u00A0]+(.*?)[ \t#]*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"[\s\u00A0\u202F]+")]
    private static partial Regex Spaces();
}
