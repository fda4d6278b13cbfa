using CourseNotes.Site.References;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.References;

public class BibliographyTests
{
    private const string Two = """
        [ { "id": "kingma2014", "type": "paper-conference", "title": "Auto-Encoding Variational Bayes",
            "author": [ { "family": "Kingma", "given": "Diederik P." }, { "family": "Welling", "given": "Max" } ],
            "issued": { "date-parts": [ [ 2014 ] ] }, "container-title": "ICLR", "archive": "arXiv", "archive_location": "1312.6114" },
          { "id": "williams1992", "type": "article-journal", "title": "Simple statistical gradient-following algorithms",
            "author": [ { "family": "Williams", "given": "Ronald J." } ], "issued": { "date-parts": [ [ "1992" ] ] },
            "container-title": "Machine Learning", "volume": "8", "issue": "3-4", "page": "229-256", "DOI": "10.1007/BF00992696" },
          { "id": "oord2017", "title": "Neural Discrete Representation Learning", "number": "arXiv:1711.00937",
            "author": [ { "family": "Oord", "non-dropping-particle": "van den", "given": "Aaron" }, { "family": "Vinyals", "given": "Oriol" }, { "family": "Kavukcuoglu", "given": "Koray" } ],
            "issued": { "date-parts": [ [ 2017, 11 ] ] } } ]
        """;

    [Fact]
    public void A_CSL_JSON_file_gives_labels_years_and_identifiers()
    {
        var bibliography = Bibliography.Parse(Two, "refs.json");
        Assert.Equal(["kingma2014", "williams1992", "oord2017"], bibliography.Works.Select(w => w.Id));
        var kingma = bibliography.Find("kingma2014")!;
        Assert.Equal(("Kingma et Welling", 2014, "1312.6114"), (kingma.Label, kingma.Year, kingma.Arxiv));
        Assert.Equal("Kingma, D.\u00a0P. et Welling, M. (2014). <cite>Auto-Encoding Variational Bayes</cite>. ICLR. <a href=\"https://arxiv.org/abs/1312.6114\">arXiv:1312.6114</a>.", kingma.Html(links: true));
        var williams = bibliography.Find("williams1992")!;
        Assert.Equal(("Williams", 1992, "10.1007/BF00992696"), (williams.Label, williams.Year, williams.Doi));
        Assert.Contains("Machine Learning, 8(3-4), p.\u00a0229-256. DOI\u00a0: 10.1007/BF00992696.", williams.Html(links: false));
        var oord = bibliography.Find("oord2017")!;
        Assert.Equal(("van den Oord et al.", "1711.00937"), (oord.Label, oord.Arxiv));
        Assert.Null(bibliography.Find("absent"));
        Assert.Equal("Sønderby, C.\u00a0K.", new Author("Sønderby", "Casper Kaae").Cited());
        Assert.Equal("Dupont, J.-P.", new Author("Dupont", "Jean-Pierre").Cited());
    }

    [Theory]
    [InlineData("[ { \"id\": \"a\" ", "refs.json, line 1: not valid JSON")]
    [InlineData("{ }", "a CSL-JSON file is an array")]
    [InlineData("[ { \"id\": \"a\", \"title\": \"T\", \"author\": [ { \"family\": \"X\" } ], \"issued\": { \"date-parts\": [[2000]] } },\n  { \"id\": \"a\", \"title\": \"U\", \"author\": [ { \"family\": \"Y\" } ], \"issued\": { \"date-parts\": [[2001]] } } ]", "item 2 (a): the id a appears twice")]
    [InlineData("[ { \"id\": \"a\", \"title\": \"T\", \"author\": [ { \"family\": \"X\" } ] } ]", "item 1 (a): the item has no year")]
    [InlineData("[ { \"id\": \"a\", \"title\": \"T\", \"issued\": { \"date-parts\": [[2000]] } } ]", "item 1 (a): the item has no author list")]
    [InlineData("[ { \"id\": \"a\", \"author\": [ { \"family\": \"X\" } ], \"issued\": { \"date-parts\": [[2000]] } } ]", "item 1 (a): the item has no title")]
    [InlineData("[ { \"id\": \"a\", \"title\": [1], \"author\": [ { \"family\": \"X\" } ], \"issued\": { \"date-parts\": [[2000]] } } ]", "\"title\" must be a string")]
    public void A_malformed_file_names_the_file_the_item_and_what_is_wrong(string json, string message)
    {
        var e = Assert.Throws<SiteBuildException>(() => Bibliography.Parse(json, "refs.json"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("refs.json", e.Message);
    }

    [Fact]
    public void The_course_references_file_reads_and_every_work_has_a_DOI_an_arXiv_id_or_an_address()
    {
        var bibliography = Bibliography.Load(Path.Combine(Repository.Root, "references.json"), "references.json");
        Assert.True(bibliography.Works.Count >= 20);
        Assert.All(bibliography.Works, w => Assert.True(w.Doi.Length + w.Arxiv.Length + w.Url.Length > 0 || w.Id == "hoffman2016", $"{w.Id} has no DOI, arXiv id or address"));
        Assert.All(bibliography.Works, w => Assert.Matches(@"^[a-z]+\d{4}$", w.Id)); // author + year: the key the prose cites
    }
}
