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

    // Numbers the figures of the given pages (chapters 1, 2, …) and resolves their links, as the site builder does.
    private static string[] Number(params string[] bodies)
    {
        var pages = bodies.Select((_, i) => new Page { FileName = $"0{i + 1}.html", Source = $"0{i + 1}.ipynb", IsChapter = true, Number = i + 1 }).ToList();
        var documents = bodies.Select(b => new PageDocument(b)).ToList();
        var figures = new FigureNumbering();
        for (int i = 0; i < pages.Count; i++) figures.Number(documents[i].Document, pages[i]);
        for (int i = 0; i < pages.Count; i++) figures.Resolve(documents[i].Document, pages[i], (e, needle) => PageDocument.Origin(e, pages[i].Source, new Dictionary<string, string> { ["0" + (i + 1) + ".ipynb, cell 2"] = "a\nvoir [z](" + needle + ")" }, needle));
        return documents.Select(d => d.Html()).ToArray();
    }

    [Fact]
    public void MyST_figures_numrefs_and_admonitions_become_the_notebooks_conventions()
    {
        string myst = "Le paysage ({numref}`landscape`).\n\n```{figure} ./images/landscapegen.png\n:name: landscape\nPaysage (Source: [Song](https://example.org))\n```\n\n:::{note}\nÀ retenir.\n:::";
        string html = Number(MarkdownRenderer.ToHtml(MystDirectives.Convert(myst)))[0];
        Assert.Contains("<a href=\"#landscape\" class=\"figure-ref\">Figure 1.1</a>", html);
        Assert.Contains("<figure id=\"landscape\">", html);
        Assert.Contains("<img src=\"./images/landscapegen.png\" alt=\"Paysage (Source: Song)\">", html);
        Assert.Contains("<figcaption><span class=\"figure-number\">Figure 1.1&nbsp;:</span> Paysage (Source: [Song](https://example.org))", html);
        Assert.Contains("<div class=\"admonition note\">\n<p class=\"admonition-title\">Remarque</p>", html);
        Assert.Contains("<p>À retenir.</p>", html);
    }

    [Fact]
    public void Figures_are_numbered_per_chapter_across_pages_and_a_dangling_reference_names_notebook_cell_and_line()
    {
        string first = "<a href=\"#fig-b\">voir</a><figure id=\"fig-a\"><img src=\"a.png\"><figcaption>A</figcaption></figure><figure id=\"fig-b\"><figcaption>B</figcaption></figure>";
        string second = "<p>Comme la <a href=\"#fig-a\">figure</a>.</p><figure class=\"output chart\"><figcaption></figcaption></figure>";
        var numbered = Number(first, second);
        Assert.Contains("<a href=\"#fig-b\" class=\"figure-ref\">Figure 1.2</a>", numbered[0]);
        Assert.Contains("Figure 1.1&nbsp;:</span> A", numbered[0]);
        Assert.Contains("<a href=\"01.html#fig-a\" class=\"figure-ref\">Figure 1.1</a>", numbered[1]);
        Assert.Contains("<figcaption><span class=\"figure-number\">Figure 2.1</span></figcaption>", numbered[1]);
        var e = Assert.Throws<SiteBuildException>(() => Number("<section data-origin=\"01.ipynb, cell 2\"><p><a href=\"#fig-z\">z</a></p></section>"));
        Assert.Contains("01.ipynb, cell 2, line 2", e.Message);
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
        // The MathML stays (screen readers read it), without the TeX annotation and its <semantics> wrapper.
        Assert.Contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow><munder><mrow><mi>min</mi>", ok[0]);
        Assert.DoesNotContain("<annotation", ok[0]);
        Assert.DoesNotContain("semantics>", ok[0]);
        Assert.Equal("<math><mi>x</mi></math>", KatexRenderer.WithoutTexAnnotation("<math><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x</annotation></semantics></math>"));
        Assert.Equal("<math><mi>x</mi></math>", KatexRenderer.WithoutTexAnnotation("<math><mi>x</mi></math>"));
        var e = Assert.Throws<SiteBuildException>(() => renderer.Render([new PlacedFormula(new Formula("\\min_\\boldsymbol\\phi x", true), "03.ipynb, cell 7")]));
        Assert.Contains("03.ipynb, cell 7", e.Message);
        Assert.Contains("\\\\min_\\\\boldsymbol\\\\phi x", e.Message);
    }
}
