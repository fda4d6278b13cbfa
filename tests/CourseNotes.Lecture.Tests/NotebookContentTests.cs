using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// What the notebooks must say and how: Polyglot layout, the setup cell, markdown that VS Code and the
/// site both render (no MyST, no eqnarray alignment, no HTML inside formulas), figures that resolve,
/// executed outputs without errors, claims checked in cells, exercises with tagged solutions — and
/// every equation of the lecture, in its corrected form.
/// </summary>
public partial class NotebookContentTests
{
    private static string Markdown(Notebook notebook) =>
        string.Join("\n\n", notebook.Cells.Where(c => c.CellType == "markdown").Select(c => c.Source));

    [Fact]
    public void Every_chapter_of_course_yml_exists_and_nothing_else_hides_in_the_folder()
    {
        var present = Directory.GetFiles(LectureNotebooks.Folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(LectureNotebooks.Names.Order(StringComparer.Ordinal), present);
        Assert.Equal(LectureNotebooks.Names.Order(StringComparer.Ordinal), LectureNotebooks.Names); // reading order is file order
    }

    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Polyglot_layout_and_a_first_cell_that_loads_the_published_library(string name)
    {
        var notebook = LectureNotebooks.Load(name);
        Assert.Equal(KernelspecNames.Polyglot, notebook.KernelspecName);
        Assert.Equal("csharp", notebook.DefaultKernelName);
        notebook.EnsureCSharp();
        var code = notebook.Cells.Where(c => c.CellType == "code").ToList();
        Assert.StartsWith("#r \"../artifacts/lib/CourseNotes.dll\"\n", code[0].Source);
        Assert.DoesNotContain(code, c => c.Source.Contains("#r \"nuget:", StringComparison.Ordinal));
        Assert.All(code, c => Assert.Equal("csharp", (string?)c.Metadata["polyglot_notebook"]?["kernelName"]));
    }

    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Stored_outputs_come_from_a_successful_run(string name)
    {
        var notebook = LectureNotebooks.Load(name);
        foreach (var (cell, index) in notebook.Cells.Select((c, i) => (c, i + 1)).Where(p => p.c.CellType == "code"))
        {
            Assert.True(cell.ExecutionCount is not null, $"{name}, cell {index}: never executed");
            Assert.DoesNotContain(cell.Outputs, o => (string?)o!["output_type"] == "error");
        }
        Assert.True(notebook.Cells.Count(c => c.Source.Contains("Claim.", StringComparison.Ordinal)) >= 3, $"{name} checks fewer than three claims");
    }

    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Markdown_renders_in_VS_Code_and_on_the_site(string name)
    {
        string markdown = Markdown(LectureNotebooks.Load(name));
        Assert.DoesNotMatch(@"```\{|\{numref\}|\{eq\}", markdown);               // MyST shows as raw code in VS Code
        Assert.DoesNotContain("&=&", markdown);                                    // eqnarray alignment inside align
        Assert.DoesNotContain("<span", markdown);                                  // colours go through \color
        Assert.DoesNotMatch(@"_\\boldsymbol", markdown);                           // KaTeX: \min_{\boldsymbol\phi}
        Assert.DoesNotContain("créer n modèle", markdown);
        foreach (Match math in MathBlock().Matches(markdown))
        {
            Assert.DoesNotMatch(@"(?<![\\a-zA-Z])log\b", math.Value);              // \log, not log
            Assert.DoesNotContain("||", math.Value);                               // \|, not ||
        }
        foreach (string line in markdown.Split('\n').Where(l => l.Contains("$$", StringComparison.Ordinal)))
            Assert.True(line.Trim() == "$$", $"{name}: a $$ fence shares its line: {line}");
    }

    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Figure_links_and_images_resolve(string name)
    {
        string markdown = Markdown(LectureNotebooks.Load(name));
        var ids = FigureId().Matches(markdown).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (Match link in FigureLink().Matches(markdown))
            Assert.Contains(link.Groups[1].Value, ids);
        foreach (Match image in ImageSource().Matches(markdown))
            Assert.True(File.Exists(Path.Combine(LectureNotebooks.Folder, image.Groups[1].Value)), $"{name}: {image.Groups[1].Value} does not exist");
    }

    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Each_notebook_ends_with_exercises_and_tagged_solutions(string name)
    {
        var cells = LectureNotebooks.Load(name).Cells.ToList();
        int exercises = cells.FindIndex(c => c.CellType == "markdown" && c.Source.Contains("## Exercices", StringComparison.Ordinal));
        Assert.True(exercises >= 0, $"{name} has no « Exercices » section");
        Assert.Contains(cells.Skip(exercises), c => c.CellType == "code" && c.HasTag(CellTag.Solution));
        Assert.DoesNotContain(cells.Take(exercises), c => c.HasTag(CellTag.Solution));
    }

    /// <summary>The lecture's equations, corrected (REFERENCE.md's list), compared without spaces.</summary>
    public static TheoryData<string, string> LectureEquations => new()
    {
        { "01-modeles-latents.ipynb", @"p(\boldsymbol x, \boldsymbol h) = p(\boldsymbol x \mid \boldsymbol h)\, p(\boldsymbol h)" },
        { "01-modeles-latents.ipynb", @"p(\boldsymbol h \mid \boldsymbol x) = \frac{p(\boldsymbol x \mid \boldsymbol h)\, p(\boldsymbol h)}{p(\boldsymbol x)}" },
        { "01-modeles-latents.ipynb", @"p_{\boldsymbol\theta}(\boldsymbol x)" },
        { "02-divergence-kl.ipynb", @"\mathrm{KL}(p \,\|\, q) = \sum_{x \in X} p(x) \log \frac{p(x)}{q(x)}" },
        { "03-inference-variationnelle.ipynb", @"&= \mathbb E_{q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x)}\left[\log \frac{q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x)}{p(\boldsymbol h \mid \boldsymbol x)}\right]" },
        { "03-inference-variationnelle.ipynb", @"&= \mathbb E_{q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x)}\left[\log q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x) - \log p(\boldsymbol x, \boldsymbol h)\right] + \log p(\boldsymbol x)" },
        { "03-inference-variationnelle.ipynb", @"\operatorname*{arg\,min}_{\boldsymbol\phi} \mathrm{KL}\big(q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x) \,\|\, p(\boldsymbol h \mid \boldsymbol x)\big) = \operatorname*{arg\,max}_{\boldsymbol\phi} \mathrm{ELBO}(\boldsymbol x, \boldsymbol\phi)" },
        { "03-inference-variationnelle.ipynb", @"\log \big(p(\boldsymbol x \mid \boldsymbol h)\, p(\boldsymbol h)\big) - \log q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x)" },
        { "03-inference-variationnelle.ipynb", @"{\color{blue}\mathbb E_{q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x)}\left[\log p(\boldsymbol x \mid \boldsymbol h)\right]} - {\color{red}\mathrm{KL}\big(q_{\boldsymbol\phi}(\boldsymbol h \mid \boldsymbol x) \,\|\, p(\boldsymbol h)\big)}" },
        { "03-inference-variationnelle.ipynb", "le **terme de reconstruction** (en bleu), qui pousse" },
        { "03-inference-variationnelle.ipynb", "le **terme de régularisation** (en rouge), qui force" },
        { "04-autoencodeurs-variationnels.ipynb", @"\boldsymbol h = \boldsymbol\mu_{\boldsymbol\phi}(\boldsymbol x) + \boldsymbol\sigma_{\boldsymbol\phi}(\boldsymbol x) \odot \boldsymbol\varepsilon" },
        { "04-autoencodeurs-variationnels.ipynb", @"-\frac12 \sum_{i=1}^{K} \left(1 + \log \sigma_i^2 - \mu_i^2 - \sigma_i^2\right)" },
    };

    [Theory]
    [MemberData(nameof(LectureEquations))]
    public void Every_equation_of_the_lecture_appears_corrected(string name, string equation)
    {
        static string Squeeze(string s) => Regex.Replace(s.Replace('\u00a0', ' ').Replace('\u202f', ' '), @"\s+", "");
        Assert.Contains(Squeeze(equation), Squeeze(Markdown(LectureNotebooks.Load(name))));
    }

    [GeneratedRegex(@"\$\$[\s\S]*?\$\$|\$[^$\n]+\$")]
    private static partial Regex MathBlock();

    [GeneratedRegex(@"<figure id=""(fig-[^""]+)""")]
    private static partial Regex FigureId();

    [GeneratedRegex(@"\]\(#(fig-[^)]+)\)")]
    private static partial Regex FigureLink();

    [GeneratedRegex(@"<img src=""([^""]+)""")]
    private static partial Regex ImageSource();
}
