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
}
