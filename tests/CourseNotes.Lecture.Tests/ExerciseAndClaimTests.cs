using System.Text.RegularExpressions;
using CourseNotes.Notebooks;
using CourseNotes.Runner;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// Notebooks 01–03 (issue 11): every exercise marked ★/★★/★★★, with a starter cell for the student edition
/// and a solution (code or markdown) that the student edition leaves out; claims printed as « ✓ » lines, at
/// least as many as the rewrite checked in; numbers in the French convention; no claim that cannot fail
/// (French typography, strings included: <see cref="TypographyTests"/>).
/// </summary>
public partial class ExerciseAndClaimTests
{
    /// <summary>The notebook and the fewest « ✓ » lines its stored outputs must show (counted on 2026-12-01, after the second review).</summary>
    public static TheoryData<string, int> Chapters => new()
    {
        { "01-modeles-latents.ipynb", 26 },
        { "02-divergence-kl.ipynb", 31 },
        { "03-inference-variationnelle.ipynb", 34 },
    };

    private static string Outputs(Notebook notebook) => string.Concat(notebook.Cells.Where(c => c.CellType == "code")
        .SelectMany(c => c.Outputs).Select(o => NotebookText.Join(o!["text"])));

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_exercise_has_a_difficulty_a_starter_and_a_solution(string name, int _)
    {
        var cells = LectureNotebooks.Load(name).Cells.ToList();
        int start = cells.FindIndex(c => c.CellType == "markdown" && c.Source.Contains("## Exercices", StringComparison.Ordinal));
        Assert.True(start >= 0, $"{name} has no « Exercices » section");
        var statements = ExerciseLine().Matches(cells[start].Source).ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Matches(@"^\d\. ★{1,3} ", s.Value));
        var after = cells.Skip(start + 1).ToList();
        // A closing « Références » cell (the works cited, readable in Jupyter) may follow the last solution.
        if (after.Count > 0 && after[^1].CellType == "markdown" && after[^1].Source.StartsWith("## Références", StringComparison.Ordinal)) after.RemoveAt(after.Count - 1);
        Assert.Equal(statements.Count, after.Count(c => c.HasTag(StudentEdition.StarterTag)));
        // Each starter is followed, before the next starter, by at least one solution cell.
        int starters = 0, solutionsSinceStarter = 1;
        foreach (var cell in after)
        {
            if (cell.HasTag(StudentEdition.StarterTag)) { Assert.True(solutionsSinceStarter > 0, $"{name}: exercise {starters} has no solution"); starters++; solutionsSinceStarter = 0; }
            else if (cell.HasTag(StudentEdition.SolutionTag)) solutionsSinceStarter++;
            else Assert.Fail($"{name}: a cell after the statements is neither a starter nor a solution: {cell.Source[..Math.Min(60, cell.Source.Length)]}");
        }
        Assert.True(solutionsSinceStarter > 0, $"{name}: the last exercise has no solution");
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Claims_are_checked_in_number_and_print_French_numbers(string name, int fewest)
    {
        var notebook = LectureNotebooks.Load(name);
        string outputs = Outputs(notebook);
        int claims = outputs.Split('\n').Count(l => l.StartsWith("✓ ", StringComparison.Ordinal));
        Assert.True(claims >= fewest, $"{name} shows {claims} checked claims, fewer than {fewest}");
        Assert.DoesNotMatch(@"\d\.\d", outputs);                        // decimal comma in every printed number
        Assert.DoesNotContain(" contre ", outputs);                     // « comparé à », « valeur exacte : »
        string code = string.Concat(notebook.Cells.Where(c => c.CellType == "code").Select(c => c.Source));
        Assert.DoesNotMatch(@"KL\(p ‖ p\) = 0", code);                  // a claim that could not fail
        // The spaces before « : ; ! ? % » and inside « », in strings as in prose: TypographyTests, for every notebook.
    }

    [GeneratedRegex(@"^\d\. .*$", RegexOptions.Multiline)]
    private static partial Regex ExerciseLine();
}
