using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// What notebook 04 (the VAE on Fashion-MNIST) must teach, and how: the sections the library's back-links
/// name, the model written in cells and checked against the library, claims beside the outputs, real
/// data binarised for the Bernoulli decoder, exercises marked by difficulty with solutions and starters,
/// and French typography in the prose.
/// </summary>
public partial class Notebook04Tests
{
    private const string Name = "04-autoencodeurs-variationnels.ipynb";

    private static Notebook Load() => LectureNotebooks.Load(Name);

    private static IEnumerable<string> Headings(Notebook notebook) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n'))
            .Where(l => l.StartsWith('#'))
            .Select(l => l.TrimStart('#').Trim());

    [Theory]
    [InlineData("Les données")]
    [InlineData("De l’inférence variationnelle à l’autoencodeur variationnel")]
    [InlineData("L’ELBO du côté de θ\u00a0: le maximum de vraisemblance")]
    [InlineData("L’astuce de reparamétrisation")]
    [InlineData("L’estimateur par la fonction score")]
    [InlineData("Le modèle")]
    [InlineData("La fonction de coût")]
    [InlineData("Un pas d’entraînement")]
    [InlineData("Le modèle dans la bibliothèque")]
    [InlineData("Entraînement")]
    [InlineData("Reconstructions")]
    [InlineData("Les trous entre la loi a priori et la loi a posteriori agrégée")]
    [InlineData("L’espace latent en deux dimensions")]
    [InlineData("Parcours latents")]
    [InlineData("Interpolation")]
    [InlineData("Le VAE conditionnel")]
    [InlineData("Pour aller plus loin")]
    [InlineData("Exercices")]
    public void Teaches_each_section(string heading) => Assert.Contains(Squeeze(heading), Headings(Load()).Select(Squeeze));

    [Fact]
    public void Library_back_links_to_notebook_04_name_real_headings()
    {
        var headings = Headings(Load()).Select(Squeeze).ToHashSet();
        string lib = Path.Combine(CourseNotes.Tests.Shared.Repository.Root, "lib", "CourseNotes");
        foreach (string file in Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories))
            foreach (Match link in BackLink().Matches(File.ReadAllText(file)))
                foreach (var heading in link.Groups.Cast<Group>().Skip(1).Where(g => g.Success).Select(g => g.Value))
                    Assert.True(headings.Contains(Squeeze(heading)), $"{Path.GetFileName(file)} links to « {heading} », which is not a heading of {Name}");
    }

    [Fact]
    public void The_model_is_written_in_cells_and_checked_against_the_library()
    {
        var code = Load().Cells.Where(c => c.CellType == "code").Select(c => c.Source).ToList();
        Assert.Contains(code, s => s.Contains("class Vae : nn.Module", StringComparison.Ordinal) && s.Contains("Reparameterize", StringComparison.Ordinal));
        Assert.Contains(code, s => s.Contains("binary_cross_entropy_with_logits", StringComparison.Ordinal) && s.Contains("Reduction.Sum", StringComparison.Ordinal));
        Assert.Contains(code, s => s.Contains("optimizer.step()", StringComparison.Ordinal));
        Assert.Contains(code, s => s.Contains("VaeLoss.Terms(library", StringComparison.Ordinal) && s.Contains("Claim.Close", StringComparison.Ordinal));
        Assert.Contains(code, s => s.Contains(".Binarize(seed:", StringComparison.Ordinal));
    }

    [Fact]
    public void Claims_stand_beside_the_outputs()
    {
        var notebook = Load();
        int claims = notebook.Cells.Where(c => c.CellType == "code").Sum(c => ClaimCall().Matches(c.Source).Count);
        Assert.True(claims >= 25, $"{Name} checks {claims} claims; at least 25 expected");
        // Every claim that ran printed its check mark.
        static string Text(System.Text.Json.Nodes.JsonNode? text) => text switch
        {
            System.Text.Json.Nodes.JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
            null => "",
            _ => (string?)text ?? "",
        };
        int checkedLines = notebook.Cells.SelectMany(c => c.Outputs).Sum(o => Text(o!["text"]).Split('\n').Count(l => l.StartsWith("✓ ", StringComparison.Ordinal)));
        Assert.True(checkedLines >= 25, $"{Name}'s outputs hold {checkedLines} checked claims");
    }

    [Fact]
    public void Figures_are_images_and_charts_with_log_axes_where_variances_grow()
    {
        var outputs = Load().Cells.SelectMany(c => c.Outputs).ToList();
        Assert.True(outputs.Count(o => o!["data"]?["image/png"] is not null) >= 9, "fewer than nine image grids");
        var charts = outputs.Select(o => o!["data"]?["application/vnd.plotly.v1+json"]).Where(c => c is not null).ToList();
        Assert.True(charts.Count >= 3);
        Assert.Contains(charts, c => (string?)c!["layout"]?["xaxis"]?["type"] == "log" && (string?)c!["layout"]?["yaxis"]?["type"] == "log");
    }

    [Fact]
    public void Exercises_are_marked_by_difficulty_with_solutions_and_starters()
    {
        var cells = Load().Cells.ToList();
        int start = cells.FindIndex(c => c.CellType == "markdown" && c.Source.Contains("## Exercices", StringComparison.Ordinal));
        string statement = cells[start].Source;
        var items = Regex.Matches(statement, @"^\d+\. (★+) ", RegexOptions.Multiline);
        Assert.True(items.Count >= 4, "at least four exercises, each marked ★, ★★ or ★★★");
        Assert.Contains(items, m => m.Groups[1].Value == "★★★");
        var after = cells.Skip(start + 1).ToList();
        Assert.True(after.Count(c => c.HasTag("solution")) >= items.Count, "every exercise has a solution");
        Assert.Contains(after, c => c.CellType == "markdown" && c.HasTag("solution") && c.Source.Contains("$$", StringComparison.Ordinal));
        Assert.True(after.Count(c => c.CellType == "code" && c.HasTag("starter")) >= 3, "code exercises come with starter cells");
        // A starter is followed by its solution.
        for (int i = 0; i < after.Count; i++)
            if (after[i].HasTag("starter")) Assert.True(i + 1 < after.Count && after[i + 1].HasTag("solution"), "a starter cell must precede its solution");
    }

    [Fact]
    public void Prose_says_what_the_course_must_say_and_not_what_it_must_not()
    {
        var notebook = Load();
        string markdown = string.Join("\n\n", notebook.Cells.Where(c => c.CellType == "markdown").Select(c => c.Source));
        foreach (string needed in new[] { "@rezende2014", "@williams1992", "4d^2 + 14d + 12", "p_{\\rm data}", "nats", "montée", "souvent notée", "\\beta = 784", "binaris" })
            Assert.Contains(needed, markdown);
        foreach (string banned in new[] { "FusedAdam", "score function", "dériver à travers", "descente de gradient stochastique" })
            Assert.DoesNotContain(banned, markdown);
        string prose = Regex.Replace(markdown, @"\$\$[\s\S]*?\$\$|\$[^$\n]+\$|`[^`\n]*`|\(https?://[^)]*\)", "");
        var badSpaces = Regex.Matches(prose, @"\S [:;?!]|« | »").Select(m => m.Value).ToList();
        Assert.True(badSpaces.Count == 0, "ordinary spaces where French typography wants a non-breaking one: " + string.Join(" | ", badSpaces));
    }

    // Headings compared as the reader sees them: any space is a space, the typographic apostrophe is an apostrophe.
    private static string Squeeze(string s) => Regex.Replace(s.Replace('\u00a0', ' ').Replace('\u202f', ' ').Replace('’', '\''), @"\s+", " ").Trim();

    [GeneratedRegex(@"04-autoencodeurs-variationnels\.ipynb</a>, sections? « (.+?) »(?: to « (.+?) »)?")]
    private static partial Regex BackLink();

    [GeneratedRegex(@"\bClaim\.(That|Close|Within)\(")]
    private static partial Regex ClaimCall();
}
