namespace CourseNotes.Site.Pages;

/// <summary>A heading of a page, for the table of contents and the in-page outline.</summary>
/// <param name="Level">2 or 3.</param>
/// <param name="Id">The anchor.</param>
/// <param name="Text">The heading's text (HTML).</param>
public sealed record Heading(int Level, string Id, string Text);

/// <summary>One page of the site: a chapter (from a notebook) or a Markdown page.</summary>
public sealed class Page
{
    /// <summary>The output file name, e.g. <c>01-modeles-latents.html</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The source file, relative to the course root.</summary>
    public required string Source { get; init; }

    /// <summary>True for a notebook chapter (it gets a download link).</summary>
    public required bool IsChapter { get; init; }

    /// <summary>The chapter's number in the course (1, 2, …), 0 for a page that is not a chapter; figures and exercises carry it (« Figure 4.2 »).</summary>
    public int Number { get; init; }

    /// <summary>The page's first-level heading, as plain text.</summary>
    public string Title { get; set; } = "";

    /// <summary>The first paragraph after the title, for the home page (HTML).</summary>
    public string Summary { get; set; } = "";

    /// <summary>The first paragraph as plain text (formulas as TeX), for the page's meta description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The rendered body.</summary>
    public string Body { get; set; } = "";

    /// <summary>Second- and third-level headings, in order.</summary>
    public List<Heading> Headings { get; } = [];

    /// <summary>Whether the page draws charts (and so loads plotly.js).</summary>
    public bool HasCharts { get; set; }

    /// <summary>A link to this page as the references and glossary pages list it: « chapitre N », or the page's title in guillemets.</summary>
    public string Link() => $"<a href=\"{Html.Encode(FileName)}\">{(IsChapter ? $"chapitre {Number}" : "«\u00a0" + Html.Encode(Title) + "\u00a0»")}</a>";
}
