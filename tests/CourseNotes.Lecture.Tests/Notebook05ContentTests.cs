using System.Text.RegularExpressions;
using CourseNotes.Notebooks;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// What notebook 05 (diagnostics of a trained VAE) must teach and how: its sections, the quantities it defines
/// before it uses them (per-unit KL, the gap decomposition, rate and distortion, the MIG), enough claims checked
/// in cells, exercises with difficulty marks and starter/solution pairs, French typography in its prose, and
/// library back-links that name its real headings.
/// </summary>
public partial class Notebook05ContentTests
{
    private const string Name = "05-diagnostics-vae.ipynb";

    private static List<NotebookCell> Cells() => LectureNotebooks.Load(Name).Cells.ToList();

    private static IEnumerable<string> Headings(IEnumerable<NotebookCell> cells) =>
        cells.Where(c => c.CellType == "markdown").SelectMany(c => c.Source.Split('\n'))
            .Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim());

    [Fact]
    public void Sections_come_in_the_order_of_the_diagnosis()
    {
        var headings = Headings(Cells()).ToList();
        string[] expected =
        [
            "L'effondrement a posteriori", "La KL par unité", "Les unités actives", "Un décodeur trop puissant",
            "Échauffement de la KL", "Les bits libres", "L'écart d'amortissement", "Débit et distorsion : le rôle de β",
            "Démêlage : les facteurs des formes", "Exercices", "Pour aller plus loin",
        ];
        var positions = expected.Select(e => headings.FindIndex(h => Squeeze(h) == Squeeze(e))).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Quantities_are_defined_before_the_code_that_measures_them()
    {
        var cells = Cells();
        int Markdown(string text) => cells.FindIndex(c => c.CellType == "markdown" && Squeeze(c.Source).Contains(Squeeze(text), StringComparison.Ordinal));
        int Code(string text) => cells.FindIndex(c => c.CellType == "code" && c.Source.Contains(text, StringComparison.Ordinal));
        (string Definition, string Use)[] pairs =
        [
            (@"\mathrm{KL}_i = \mathbb E_{\boldsymbol x}", "VaeEvaluation.KlPerUnit("),
            (@"\operatorname{Var}_{\boldsymbol x}\big(\mu_i(\boldsymbol x)\big) > 0{,}01", "VaeEvaluation.ActiveUnits("),
            (@"\underbrace{\mathrm{ELBO}(q^\star) - \mathrm{ELBO}(q_{\boldsymbol\phi})}_{\text{écart d'amortissement}}", "PosteriorRefinement.Refine("),
            (@"\mathrm{MIG} = \frac1{F} \sum_{f=1}^{F} \frac{I(z_{(1)}; f) - I(z_{(2)}; f)}{H(f)}", "Disentanglement.MutualInformationGap("),
            ("la **distorsion**", "Beta = beta"),
        ];
        foreach (var (definition, use) in pairs)
        {
            int defined = Markdown(definition), used = Code(use);
            Assert.True(defined >= 0, $"{Name} never defines {definition}");
            Assert.True(used >= 0, $"{Name} never runs {use}");
            Assert.True(defined < used, $"{Name} uses {use} (cell {used}) before defining it (cell {defined})");
        }
    }

    [Fact]
    public void At_least_twenty_five_claims_are_checked_and_every_one_held()
    {
        var cells = Cells();
        int claims = cells.Where(c => c.CellType == "code").Sum(c => ClaimCall().Matches(c.Source).Count);
        Assert.True(claims >= 25, $"{Name} checks {claims} claims");
        int held = cells.SelectMany(c => c.Outputs).Where(o => (string?)o!["output_type"] == "stream")
            .Sum(o => OutputText(o!).Split('\n').Count(l => l.StartsWith("✓ ", StringComparison.Ordinal)));
        Assert.True(held >= claims, $"{claims} claims in the code, {held} « ✓ » lines in the outputs");
    }

    [Fact]
    public void Exercises_are_marked_and_each_starter_cell_comes_before_its_solution()
    {
        var cells = Cells();
        var statement = cells.Single(c => c.CellType == "markdown" && c.Source.Contains("## Exercices", StringComparison.Ordinal)).Source;
        var items = statement.Split('\n').Where(l => Regex.IsMatch(l, @"^\d+\. ")).ToList();
        Assert.True(items.Count >= 3, "fewer than three exercises");
        Assert.All(items, l => Assert.Matches(@"^\d+\. ★{1,3} ", l));
        for (int i = 0; i < cells.Count; i++)
            if (cells[i].HasTag("starter"))
            {
                Assert.Equal("code", cells[i].CellType);
                Assert.True(i + 1 < cells.Count && cells[i + 1].HasTag("solution"), $"starter cell {i} is not followed by its solution");
            }
        Assert.True(cells.Count(c => c.HasTag("starter")) >= 2);
    }

    [Fact]
    public void Prose_uses_French_typography_outside_math_and_code()
    {
        Assert.All(Cells(), c => Assert.DoesNotMatch(@"[\x00-\x08\x0B\x0C\x0E-\x1F]", c.Source)); // a stray \b from an escaped \boldsymbol
        foreach (var cell in Cells().Where(c => c.CellType == "markdown"))
        {
            string prose = MathOrCode().Replace(cell.Source, " ");
            Assert.DoesNotMatch(@" [:;?!]", prose);
            Assert.DoesNotMatch(@"« | »", prose);
            Assert.DoesNotMatch(@"\d \d{3}\b", prose);
        }
    }

    [Fact]
    public void Library_back_links_to_this_notebook_name_its_real_headings()
    {
        var headings = Headings(Cells()).Select(Squeeze).ToHashSet();
        var sources = Directory.GetFiles(Path.Combine(Repository.Root, "lib", "CourseNotes"), "*.cs", SearchOption.AllDirectories);
        int links = 0;
        foreach (string file in sources)
            foreach (Match link in BackLink().Matches(File.ReadAllText(file)))
            {
                links++;
                Assert.True(headings.Contains(Squeeze(link.Groups[1].Value)), $"{Path.GetFileName(file)} links to « {link.Groups[1].Value} », not a heading of {Name}");
            }
        Assert.True(links >= 3, $"only {links} back-links to {Name}");
    }

    private static string Squeeze(string s) => Regex.Replace(s.Replace('\u00a0', ' ').Replace('\u202f', ' ').Replace('’', '\''), @"\s+", " ").Trim();

    private static string OutputText(System.Text.Json.Nodes.JsonNode output) => output["text"] switch
    {
        System.Text.Json.Nodes.JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };

    [GeneratedRegex(@"\bClaim\.(That|Close|Within)\(")]
    private static partial Regex ClaimCall();

    [GeneratedRegex(@"\$\$[\s\S]*?\$\$|\$[^$\n]+\$|`[^`\n]+`")]
    private static partial Regex MathOrCode();

    [GeneratedRegex(@"05-diagnostics-vae\.ipynb</a>, section « ([^»]+) »")]
    private static partial Regex BackLink();
}
