using System.Text;

namespace CourseNotes.Site.References;

/// <summary>An author of a work: family name (with its particle, « van den Oord ») and given names.</summary>
public sealed record Author(string Family, string Given)
{
    /// <summary>« Kingma, D. P. »: the family name and the initials of the given names (« Jean-Pierre » → « J.-P. »).</summary>
    public string Cited()
    {
        if (Given.Length == 0) return Family;
        var initials = Given.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => string.Join("-", name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => part[0] + ".")));
        return $"{Family}, {string.Join("\u00a0", initials)}";
    }
}

/// <summary>One work of the bibliography (an entry of the course's CSL-JSON file), and how the site writes it in French.</summary>
/// <param name="Id">The citation key (<c>kingma2014</c>), cited as <c>[@kingma2014]</c>.</param>
/// <param name="Authors">The authors, in order.</param>
/// <param name="Year">The year of publication.</param>
/// <param name="Title">The title.</param>
/// <param name="Container">Where it appeared (journal, conference, « arXiv »), or empty.</param>
/// <param name="Details">Volume, pages and the like, as written, or empty.</param>
/// <param name="Doi">The DOI (<c>10.1007/BF00992696</c>), or empty.</param>
/// <param name="Arxiv">The arXiv identifier (<c>1312.6114</c>), or empty.</param>
/// <param name="Url">A web address, or empty.</param>
public sealed record Reference(string Id, IReadOnlyList<Author> Authors, int Year, string Title, string Container, string Details, string Doi, string Arxiv, string Url)
{
    /// <summary>The anchor of the work on the references page.</summary>
    public string Anchor => "ref-" + Id;

    /// <summary>The authors as cited in the text: « Kingma », « Kingma et Welling », « Burda et al. » (three authors or more).</summary>
    public string Label => Authors.Count switch
    {
        0 => Title,
        1 => Authors[0].Family,
        2 => $"{Authors[0].Family} et {Authors[1].Family}",
        _ => $"{Authors[0].Family} et al.",
    };

    /// <summary>The whole reference as HTML: « Kingma, D. P. et Welling, M. (2014). <cite>Auto-Encoding Variational Bayes</cite>. ICLR. arXiv:1312.6114. »</summary>
    /// <param name="links">Whether the DOI, arXiv id and address are links (on the references page) or text (in a hover card).</param>
    public string Html(bool links)
    {
        var names = Authors.Select(a => a.Cited()).ToList();
        string authors = names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " et " + names[^1];
        var html = new StringBuilder($"{Site.Html.Encode(authors)} ({Year}). <cite>{Site.Html.Encode(Title)}</cite>.");
        if (Container.Length > 0) html.Append(' ').Append(Site.Html.Encode(Container)).Append(Details.Length > 0 ? ", " + Site.Html.Encode(Details) : "").Append('.');
        string Link(string href, string text) => links ? $"<a href=\"{Site.Html.Encode(href)}\">{Site.Html.Encode(text)}</a>" : Site.Html.Encode(text);
        if (Doi.Length > 0) html.Append(" DOI\u00a0: ").Append(Link("https://doi.org/" + Doi, Doi)).Append('.');
        if (Arxiv.Length > 0) html.Append(' ').Append(Link("https://arxiv.org/abs/" + Arxiv, "arXiv:" + Arxiv)).Append('.');
        if (Url.Length > 0 && Doi.Length == 0 && Arxiv.Length == 0) html.Append(' ').Append(Link(Url, Url)).Append('.');
        return html.ToString();
    }
}
