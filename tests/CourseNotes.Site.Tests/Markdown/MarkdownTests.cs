using CourseNotes.Site.Markdown;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Tests.Markdown;

public class MarkdownTests
{
    [Fact]
    public void The_lectures_align_block_with_its_fence_on_the_content_line_is_one_display_formula()
    {
        string markdown = "et ainsi :\n\n$$\\begin{align}\nKL &= a \\\\\n&= b\n\\end{align}$$\n\nLe dernier terme $\\log p(x)$ reste, `$pas des maths$`.";
        var (text, formulas) = MathExtractor.Extract(markdown);
        Assert.Equal(2, formulas.Count);
        Assert.Equal(new Formula("\\begin{align}\nKL &= a \\\\\n&= b\n\\end{align}", true, Line: 3), formulas[0]);
        Assert.Equal(new Formula("\\log p(x)", false, Line: 8), formulas[1]);
        Assert.Contains("`$pas des maths$`", text);
        string html = MarkdownRenderer.ToHtml(text);
        Assert.Contains("<div class=\"math display\">mathph0x</div>", html);
        Assert.Equal("<p>x <b>y</b> z</p>\n", MathExtractor.Restore(MarkdownRenderer.ToHtml("x mathph0x z"), ["<b>y</b>"]));
    }

    [Fact]
    public void Prices_and_escaped_dollars_are_not_formulas()
    {
        Assert.Empty(MathExtractor.Extract("Coût : 5 $ et 10 $, ou \\$x\\$.").Formulas);
    }

    [Fact]
    public void MyST_figures_numrefs_and_admonitions_become_the_notebooks_conventions()
    {
        string myst = "Le paysage ({numref}`landscape`).\n\n```{figure} ./images/landscapegen.png\n:name: landscape\nPaysage (Source: [Song](https://example.org))\n```\n\n:::{note}\nÀ retenir.\n:::";
        string html = FigureNumbering.Apply(MarkdownRenderer.ToHtml(MystDirectives.Convert(myst)), "lecture.md");
        Assert.Contains("<a href=\"#landscape\" class=\"figure-ref\">Figure 1</a>", html);
        Assert.Contains("<figure id=\"landscape\">", html);
        Assert.Contains("<img src=\"./images/landscapegen.png\" alt=\"Paysage (Source: Song)\">", html);
        Assert.Contains("<figcaption><span class=\"figure-number\">Figure 1\u00a0:</span> Paysage (Source: [Song](https://example.org))", html);
        Assert.Contains("<div class=\"admonition note\">\n<p class=\"admonition-title\">Remarque</p>", html);
        Assert.Contains("<p>À retenir.</p>", html);
    }

    [Fact]
    public void Figures_are_numbered_in_order_and_a_dangling_reference_fails_the_build()
    {
        string html = "<a href=\"#fig-b\">voir</a><figure id=\"fig-a\"><img src=\"a.png\"><figcaption>A</figcaption></figure><figure id=\"fig-b\"><figcaption>B</figcaption></figure>";
        string numbered = FigureNumbering.Apply(html, "p.ipynb");
        Assert.Contains("<a href=\"#fig-b\" class=\"figure-ref\">Figure 2</a>", numbered);
        Assert.Contains("Figure 1\u00a0:</span> A", numbered);
        var e = Assert.Throws<SiteBuildException>(() => FigureNumbering.Apply("<a href=\"#fig-z\">z</a>", "p.ipynb"));
        Assert.Contains("p.ipynb", e.Message);
        Assert.Contains("#fig-z", e.Message);
    }

    [Fact]
    public void A_formula_KaTeX_rejects_fails_with_notebook_cell_and_formula()
    {
        string katex = Path.Combine(global::CourseNotes.Tests.Shared.Repository.Root, "node_modules", "katex");
        global::CourseNotes.Tests.Shared.Requirements.That(File.Exists(Path.Combine(katex, "package.json")), "needs node_modules (npm ci at the repository root)");
        var renderer = new KatexRenderer(katex);
        var ok = renderer.Render([new PlacedFormula(new Formula("\\min_{\\boldsymbol\\phi} x", true), "a.ipynb, cell 1")]);
        Assert.Contains("katex-display", ok[0]);
        var e = Assert.Throws<SiteBuildException>(() => renderer.Render([new PlacedFormula(new Formula("\\min_\\boldsymbol\\phi x", true), "03.ipynb, cell 7")]));
        Assert.Contains("03.ipynb, cell 7", e.Message);
        Assert.Contains("\\\\min_\\\\boldsymbol\\\\phi x", e.Message);
    }
}
