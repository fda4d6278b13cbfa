using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests;

public class SiteBuilderTests
{
    [Fact]
    public void A_formula_KaTeX_rejects_fails_the_build_with_notebook_cell_and_line()
    {
        Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
        // Inside the repository, so that its node_modules is found as Node.js would find it.
        string folder = Path.Combine(Repository.Root, "artifacts", "test-site-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        File.WriteAllText(Path.Combine(folder, "notebooks", "bad.ipynb"), """
            { "cells": [ { "cell_type": "markdown", "metadata": {}, "source": ["# Titre\n", "La borne $\\min_\\boldsymbol\\phi x$ échoue."] } ],
              "metadata": { "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" } },
              "nbformat": 4, "nbformat_minor": 4 }
            """);
        File.WriteAllText(Path.Combine(folder, "course.yml"), "title: Essai\nchapters:\n  - notebooks/bad.ipynb\n");
        try
        {
            var e = Assert.Throws<SiteBuildException>(() => SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site")));
            Assert.Contains("notebooks/bad.ipynb, cell 1, line 2: KaTeX rejects the formula", e.Message);
            Assert.Contains("\\\\min_\\\\boldsymbol\\\\phi x", e.Message);
            Assert.False(Directory.Exists(Path.Combine(folder, "_site")), "nothing is written when a formula fails");

            var output = new StringWriter();
            Assert.Equal(1, SiteCommand.Run(["--course", Path.Combine(folder, "course.yml"), "--output", Path.Combine(folder, "_site")], output, output));
            Assert.Contains("cell 1, line 2", output.ToString());
            Assert.Equal(2, SiteCommand.Run(["--course", Path.Combine(folder, "missing.yml")], output, output));
            Assert.Equal(2, SiteCommand.Run(["--bogus"], output, output));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Notebook(params string[] markdownCells) =>
        "{ \"cells\": [" + string.Join(",", markdownCells.Select(m => $"{{ \"cell_type\": \"markdown\", \"metadata\": {{}}, \"source\": {System.Text.Json.JsonSerializer.Serialize(m)} }}")) +
        "], \"metadata\": { \"kernelspec\": { \"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\" } }, \"nbformat\": 4, \"nbformat_minor\": 4 }";

    [Fact]
    public void Labelled_equations_are_numbered_by_chapter_and_referenced_across_pages_and_a_dangling_reference_names_cell_and_line()
    {
        Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
        string folder = Path.Combine(Repository.Root, "artifacts", "test-site-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        File.WriteAllText(Path.Combine(folder, "notebooks", "01-a.ipynb"), Notebook(
            "# Un\n\nLa borne :\n\n$$\n\\log p(x) \\ge \\mathrm{ELBO} \\label{eq-borne}\n$$\n\nPuis :\n\n(eq-kl)=\n$$\nKL \\ge 0\n$$\n\nVoir \\eqref{eq-kl}."));
        File.WriteAllText(Path.Combine(folder, "notebooks", "02-b.ipynb"), Notebook("# Deux\n\nD'après {eq}`eq-borne` et \\eqref{eq-kl}."));
        File.WriteAllText(Path.Combine(folder, "course.yml"), "title: Essai\nchapters:\n  - notebooks/01-a.ipynb\n  - notebooks/02-b.ipynb\n");
        try
        {
            var report = SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site"));
            var parser = new AngleSharp.Html.Parser.HtmlParser();
            var one = parser.ParseDocument(File.ReadAllText(Path.Combine(folder, "_site", "01-a.html")));
            var two = parser.ParseDocument(File.ReadAllText(Path.Combine(folder, "_site", "02-b.html")));
            Assert.Contains("(1.1)", one.GetElementById("eq-borne")!.QuerySelector(".katex-html")!.TextContent);
            Assert.Contains("(1.2)", one.GetElementById("eq-kl")!.QuerySelector(".katex-html")!.TextContent);
            Assert.Equal("(1.2)", one.QuerySelector("a.eq-ref")!.TextContent);
            Assert.Equal("#eq-kl", one.QuerySelector("a.eq-ref")!.GetAttribute("href"));
            Assert.Equal(["01-a.html#eq-borne", "01-a.html#eq-kl"], two.QuerySelectorAll("a.eq-ref").Select(a => a.GetAttribute("href")!));
            Assert.Equal(["(1.1)", "(1.2)"], two.QuerySelectorAll("a.eq-ref").Select(a => a.TextContent));

            File.WriteAllText(Path.Combine(folder, "notebooks", "02-b.ipynb"), Notebook("# Deux", "Texte.\nD'après {eq}`eq-absente`."));
            var e = Assert.Throws<SiteBuildException>(() => SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site")));
            Assert.Contains("notebooks/02-b.ipynb, cell 2, line 2", e.Message);
            Assert.Contains("eq-absente", e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
