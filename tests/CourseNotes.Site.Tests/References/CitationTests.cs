using CourseNotes.Site.Pages;
using CourseNotes.Site.References;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.References;

public class CitationTests
{
    private static readonly Bibliography Works = Bibliography.Parse("""
        [ { "id": "kingma2014", "title": "Auto-Encoding Variational Bayes", "author": [ { "family": "Kingma", "given": "D. P." }, { "family": "Welling", "given": "M." } ], "issued": { "date-parts": [[2014]] } },
          { "id": "burda2016", "title": "Importance Weighted Autoencoders", "author": [ { "family": "Burda" }, { "family": "Grosse" }, { "family": "Salakhutdinov" } ], "issued": { "date-parts": [[2016]] } },
          { "id": "ho2020", "title": "DDPM", "author": [ { "family": "Ho" }, { "family": "Jain" }, { "family": "Abbeel" } ], "issued": { "date-parts": [[2020]] } } ]
        """, "refs.json");

    private static (string Text, IReadOnlyList<string> Keys, AngleSharp.Dom.IDocument Document) Render(string html)
    {
        var page = new PageDocument(html);
        var keys = Citations.Render(page.Document, Works, (e, needle) => $"cell, {needle}");
        var copy = (AngleSharp.Dom.IElement)page.Document.Body!.Clone();
        foreach (var card in copy.QuerySelectorAll(".cite-card").ToList()) card.Remove();
        return (copy.TextContent, keys, page.Document);
    }

    [Theory]
    [InlineData("<p>Le VAE [@kingma2014].</p>", "Le VAE (Kingma et Welling, 2014).")]
    [InlineData("<p>Proposé par @kingma2014 et repris.</p>", "Proposé par Kingma et Welling (2014) et repris.")]
    [InlineData("<p>La grille de @kingma2014 [figure 4] : on décode.</p>", "La grille de Kingma et Welling (2014, figure 4) : on décode.")]
    [InlineData("<p>Concave [@burda2016, théorème 1].</p>", "Concave (Burda et al., 2016, théorème 1).")]
    [InlineData("<p>Fixé [IWAE, @burda2016; @ho2020].</p>", "Fixé (IWAE, Burda et al., 2016\u202f; Ho et al., 2020).")]
    [InlineData("<p>En [-@kingma2014].</p>", "En (2014).")]
    [InlineData("<p>Un courriel a@kingma2014.fr, un [lien] et <code>@kingma2014</code>, <a href=\"#x\">@kingma2014</a>.</p>", "Un courriel a@kingma2014.fr, un [lien] et @kingma2014, @kingma2014.")]
    public void Citations_render_in_French_with_a_link_and_a_card(string html, string text)
    {
        var (rendered, _, document) = Render(html);
        Assert.Equal(text, rendered);
        foreach (var link in document.QuerySelectorAll(".citation > a"))
        {
            Assert.StartsWith("references.html#ref-", link.GetAttribute("href"));
            var card = document.GetElementById(link.GetAttribute("aria-describedby")!)!;
            Assert.Equal("tooltip", card.GetAttribute("role"));
            Assert.Contains("<cite>", card.InnerHtml);
        }
    }

    [Fact]
    public void Citations_are_listed_once_in_order_and_an_alt_text_gets_plain_text()
    {
        var (_, keys, document) = Render("<p>@burda2016 puis [@kingma2014; @burda2016].</p><img alt=\"La grille de @kingma2014 [figure 4]\" src=\"x.png\">");
        Assert.Equal(["burda2016", "kingma2014"], keys);
        Assert.Equal("La grille de Kingma et Welling (2014, figure 4)", document.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Fact]
    public void A_citation_missing_from_the_bibliography_names_where_it_is()
    {
        var e = Assert.Throws<SiteBuildException>(() => Render("<p>Voir [@absent2020].</p>"));
        Assert.Equal("cell, @absent2020: the citation @absent2020 is not in the bibliography refs.json.", e.Message);
    }

    [Fact]
    public void A_dangling_citation_in_a_notebook_fails_the_build_naming_notebook_cell_and_line_and_the_references_page_lists_the_cited_works()
    {
        Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
        string folder = Path.Combine(Repository.Root, "artifacts", "test-site-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        static string Notebook(params string[] cells) =>
            "{ \"cells\": [" + string.Join(",", cells.Select(m => $"{{ \"cell_type\": \"markdown\", \"metadata\": {{}}, \"source\": {System.Text.Json.JsonSerializer.Serialize(m)} }}")) +
            "], \"metadata\": { \"kernelspec\": { \"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\" } }, \"nbformat\": 4, \"nbformat_minor\": 4 }";
        File.WriteAllText(Path.Combine(folder, "refs.json"), """
            [ { "id": "kingma2014", "title": "Auto-Encoding Variational Bayes", "author": [ { "family": "Kingma" }, { "family": "Welling" } ], "issued": { "date-parts": [[2014]] }, "archive": "arXiv", "archive_location": "1312.6114" } ]
            """);
        File.WriteAllText(Path.Combine(folder, "course.yml"), "title: Essai\nbibliography: refs.json\nchapters:\n  - notebooks/01-a.ipynb\n");
        try
        {
            File.WriteAllText(Path.Combine(folder, "notebooks", "01-a.ipynb"), Notebook("# Un", "Texte.\nLe VAE [@kingma2014] et [@absent2019]."));
            var e = Assert.Throws<SiteBuildException>(() => SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site")));
            Assert.Equal("notebooks/01-a.ipynb, cell 2, line 2: the citation @absent2019 is not in the bibliography refs.json.", e.Message);

            File.WriteAllText(Path.Combine(folder, "notebooks", "01-a.ipynb"), Notebook("# Un", "Le VAE [@kingma2014]."));
            SiteBuilder.Build(Course.Load(Path.Combine(folder, "course.yml")), Path.Combine(folder, "_site"));
            var references = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(folder, "_site", "references.html")));
            Assert.Equal("Références", references.QuerySelector("main h1")!.TextContent);
            var entry = references.GetElementById("ref-kingma2014")!;
            Assert.Contains("https://arxiv.org/abs/1312.6114", entry.InnerHtml);
            Assert.Equal("01-a.html", entry.QuerySelector(".cited-in a")!.GetAttribute("href"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
