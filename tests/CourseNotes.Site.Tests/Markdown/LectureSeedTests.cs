using CourseNotes.Site.Markdown;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Markdown;

/// <summary>The original Jupyter Book lecture (tests/fixtures/lecture/vae-lecture.md, its MyST text kept as test data) through the site's pipeline: the MyST it uses is understood, and KaTeX rejects exactly the formula REFERENCE.md says it rejects.</summary>
public class LectureSeedTests
{
    [Fact]
    public void The_seed_lectures_MyST_is_read_and_only_its_unbraced_boldsymbol_subscript_fails()
    {
        string seed = Path.Combine(Repository.Root, "tests", "fixtures", "lecture", "vae-lecture.md");
        string katex = Path.Combine(Repository.Root, "node_modules", "katex");
        Requirements.That(File.Exists(Path.Combine(katex, "package.json")), "needs node_modules (npm ci at the repository root)");

        string converted = MystDirectives.Convert(File.ReadAllText(seed));
        Assert.Contains("<figure id=\"landscape\">", converted);
        Assert.Contains("[landscape](#landscape)", converted);
        var (_, formulas) = MathExtractor.Extract(converted);
        Assert.Contains(formulas, f => f.Display && f.Tex.StartsWith("\\begin{align}", StringComparison.Ordinal));

        var renderer = new KatexRenderer(katex);
        var failing = formulas.Where(f =>
        {
            try { renderer.Render([new PlacedFormula(f, "vae-lecture.md")]); return false; }
            catch (SiteBuildException) { return true; }
        }).ToList();
        Assert.Single(failing);
        Assert.Contains("\\min_\\boldsymbol\\phi", failing[0].Tex);
    }
}
