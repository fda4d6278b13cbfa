using System.Text.Json.Nodes;
using CourseNotes.Lecture.Tests.Typography;
using CourseNotes.Notebooks;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// The typography checker of <see cref="TypographyTests"/> on small notebooks built here: a well-set one
/// passes, and each rule fails on a copy broken in one place, with a message that names the cell, the place
/// and the line. Also its parts: what markdown hides, how C# strings and comments are read.
/// </summary>
public class TypographyCheckerTests
{
    private const string Prose =
        "# Le modèle\n" +
        "Une loi $p(x) : q$ et «\u00A0ceci\u00A0»\u00A0: 51\u202F% des cas\u202F; l’image, 0,25 ou 1/2\u202F? [lien](https://example.org/a:b?c) `x ; y:` [@kingma2014; @rezende2014, §2.1] [Ladder VAE, @sonderby2016; NVAE, @vahdat2020].\n" +
        "<img src=\"../images/a.svg\" alt=\"Une figure\u00A0: deux lois\"> arXiv:1312.6114, section 10.1.2\u202F!";

    private const string Source =
        "// Deux lois\u00A0: p et q (new Options(Seed: 1)), pas à 0.05 près dans le code.\n" +
        "char quote = '\\'';\n" +
        "double x = 0.25;\n" +
        "Console.WriteLine($\"la moyenne\\u00A0: {x:P0} des tirages, l’écart {(x > 0 ? \"positif\" : \"nul\")}\");\n" +
        "Console.WriteLine(\"text/plain: {0} it's English\");\n" +
        "Console.WriteLine(@\"l’image «\u00A0\"\"x\"\"\u00A0»\");";

    private const string Printed = "la moyenne\u00A0: 25\u202F% des tirages, l’écart positif\nBytes: [ 137, 80 ]\n";

    private static JsonObject Cell(string type, string source, string? output = null)
    {
        var cell = new JsonObject { ["cell_type"] = type, ["metadata"] = new JsonObject(), ["source"] = NotebookText.Split(source) };
        if (type == "code")
        {
            cell["execution_count"] = 1;
            cell["outputs"] = new JsonArray(
                new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = NotebookText.Split(output ?? "") },
                new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { ["text/plain"] = "Bytes: [ 137, 80 ]" } });
        }
        return cell;
    }

    private static Notebook Build(string prose = Prose, string source = Source, string printed = Printed) =>
        Notebook.Parse(new JsonObject
        {
            ["cells"] = new JsonArray(Cell("markdown", prose), Cell("code", source, printed)),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        }.ToJsonString(), "memory.ipynb");

    private static List<string> Faults(Notebook notebook) => NotebookTypography.Faults(notebook, "memory.ipynb").ToList();

    [Fact]
    public void A_well_set_notebook_has_no_fault() => Assert.Empty(Faults(Build()));

    /// <summary>One place broken: in the markdown (cell 0), a C# string or comment, or a printed line (cell 1).</summary>
    public static TheoryData<string, string, string, string, string> Broken => new()
    {
        { "markdown", "»\u00A0: 51", "» : 51", "c0 markdown, line 2", "an ordinary space before « : »" },
        { "markdown", "»\u00A0: 51", "»: 51", "c0 markdown, line 2", "no space before « : »" },
        { "markdown", "»\u00A0: 51", "»\u202F: 51", "c0 markdown, line 2", "U+202F before « : »" },
        { "markdown", "«\u00A0ceci", "«ceci", "c0 markdown, line 2", "after « « »" },
        { "markdown", "ceci\u00A0»", "ceci »", "c0 markdown, line 2", "an ordinary space before « » »" },
        { "markdown", "cas\u202F;", "cas\u00A0;", "c0 markdown, line 2", "U+00A0 before « ; »" },
        { "markdown", "1/2\u202F?", "1/2?", "c0 markdown, line 2", "no space before « ? »" },
        { "markdown", "10.1.2\u202F!", "10.1.2 !", "c0 markdown, line 3", "an ordinary space before « ! »" },
        { "markdown", "51\u202F%", "51\u00A0%", "c0 markdown, line 2", "U+00A0 before « % »" },
        { "markdown", "51\u202F%", "51%", "c0 markdown, line 2", "no space before « % »" },
        { "markdown", "l’image", "l'image", "c0 markdown, line 2", "ASCII apostrophe" },
        { "markdown", "0,25", "0.25", "c0 markdown, line 2", "decimal point in « 0.25 »" },
        { "markdown", "figure\u00A0: deux", "figure : deux", "c0 markdown, line 3", "an ordinary space before « : »" },
        { "source", "Deux lois\u00A0:", "Deux lois :", "c1 comment, line 1", "an ordinary space before « : »" },
        { "source", "moyenne\\u00A0:", "moyenne\\u202F:", "c1 string, line 4", "U+202F before « : »" },
        { "source", "moyenne\\u00A0:", "moyenne{x}:", "c1 string, line 4", "no space before « : »" },
        { "source", "\"positif\"", "\"l'écart positif\"", "c1 string, line 4", "ASCII apostrophe" },
        { "source", "l’image", "l'image", "c1 string, line 6", "ASCII apostrophe" },
        { "source", "\"\"x\"\"\u00A0»", "\"\"x\"\" »", "c1 string, line 6", "an ordinary space before « » »" },
        { "printed", "25\u202F%", "25 %", "c1 output 0, line 1", "an ordinary space before « % »" },
        { "printed", "l’écart", "l'écart", "c1 output 0, line 1", "ASCII apostrophe" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_rule_fails_on_a_copy_broken_in_one_place(string part, string good, string bad, string place, string rule)
    {
        string Break(string text)
        {
            Assert.Contains(good, text);
            int at = text.IndexOf(good, StringComparison.Ordinal);
            return text[..at] + bad + text[(at + good.Length)..];
        }
        var broken = part switch
        {
            "markdown" => Build(prose: Break(Prose)),
            "source" => Build(source: Break(Source)),
            _ => Build(printed: Break(Printed)),
        };
        string fault = Assert.Single(Faults(broken));
        Assert.StartsWith($"memory.ipynb {place}, column ", fault);
        Assert.Contains(rule, fault);
    }

    [Fact]
    public void A_fault_in_a_course_notebook_is_found_where_it_was_made()
    {
        const string name = "01-modeles-latents.ipynb";
        var notebook = LectureNotebooks.Load(name);
        var before = Faults(notebook);
        int index = notebook.Cells.ToList().FindIndex(c => c.CellType == "markdown" && c.Source.Contains("\u00A0:", StringComparison.Ordinal));
        var copy = notebook.Clone();
        string source = copy.Cells[index].Source;
        int at = source.IndexOf("\u00A0:", StringComparison.Ordinal);
        copy.Cells[index].Source = source[..at] + " :" + source[(at + 2)..];
        int line = source[..at].Count(c => c == '\n') + 1;
        string fault = Assert.Single(NotebookTypography.Faults(copy, name).Except(NotebookTypography.Faults(notebook, name)));
        Assert.StartsWith($"{name} c{index} markdown, line {line}, column ", fault);
        Assert.Contains("an ordinary space before « : »", fault);
        Assert.Contains(" :", fault);
        Assert.NotEqual(before.Count, Faults(copy).Count);
    }

    [Fact]
    public void Markdown_hides_code_formulas_links_and_tags_but_keeps_alt_text()
    {
        string hidden = MarkdownProse.Hide(Prose, bibliography: false);
        Assert.Equal(Prose.Length, hidden.Length);
        Assert.Equal(Prose.Split('\n').Length, hidden.Split('\n').Length);
        Assert.DoesNotContain("p(x)", hidden);
        Assert.DoesNotContain("example.org", hidden);
        Assert.DoesNotContain("x ; y", hidden);
        Assert.DoesNotContain("kingma2014", hidden);
        Assert.DoesNotContain("@sonderby2016; NVAE", hidden);
        Assert.DoesNotContain("images/a.svg", hidden);
        Assert.DoesNotContain("1312.6114", hidden);
        Assert.Contains("Une figure\u00A0: deux lois", hidden);
        Assert.Contains("[lien", hidden);
    }

    [Fact]
    public void A_bibliography_keeps_the_typography_of_its_titles()
    {
        const string references = "## Références\n\n- Song, J. (2023). *Denoising Diffusion Models: A Generative Learning Big Bang*. Tutoriel.";
        Assert.Empty(Faults(Build(prose: references)));
        Assert.Contains(Faults(Build(prose: references.Replace("## Références", "## Suite", StringComparison.Ordinal))), f => f.Contains("no space before « : »", StringComparison.Ordinal));
    }

    [Fact]
    public void CSharp_strings_are_read_as_compiled_and_holes_are_hidden()
    {
        var texts = CSharpProse.Read(Source);
        Assert.Equal(new[] { true, false, false, false, false, false }, texts.Select(t => t.IsComment));
        Assert.Equal("positif", texts[1].Text);                                     // a literal inside a hole, read on its own
        Assert.Equal($"la moyenne\u00A0: {FrenchTypography.Hidden} des tirages, l’écart {FrenchTypography.Hidden}", texts[3].Text);
        Assert.Equal("l’image «\u00A0\"x\"\u00A0»", texts[5].Text);              // verbatim: "" is one quote
        Assert.Equal(new[] { 1, 4, 4, 4, 5, 6 }, texts.Select(t => t.Lines[0].Line));
        Assert.DoesNotContain(texts, t => t.Text.Contains('\'', StringComparison.Ordinal) && !t.Text.Contains("it's", StringComparison.Ordinal));
    }

    [Fact]
    public void Raw_and_multi_line_strings_keep_their_source_lines()
    {
        var texts = CSharpProse.Read("var s = $\"\"\"\n    première ligne\u00A0: {x}\n    seconde\n    \"\"\";\n/* un\n   commentaire */");
        Assert.Equal(new[] { 1, 2, 3, 4 }, texts[0].Lines.Select(l => l.Line));
        Assert.Contains($"première ligne\u00A0: {FrenchTypography.Hidden}", texts[0].Text);
        Assert.Equal(new[] { 5, 6 }, texts[1].Lines.Select(l => l.Line));
    }

    [Theory]
    [InlineData("la variance de l’estimateur", true)]
    [InlineData("d’où vient-elle", true)]
    [InlineData("rapport des pas", true)]
    [InlineData("text/plain", false)]
    [InlineData("𝒩(0\u202F; I)", false)]
    [InlineData("Bytes: [ 137, 80 ]", false)]
    public void French_is_told_from_code_and_symbols(string text, bool french) => Assert.Equal(french, FrenchText.IsFrench(text));
}
