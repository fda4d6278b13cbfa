using Markdig;

namespace CourseNotes.Site.Markdown;

/// <summary>
/// CommonMark to HTML with Markdig, raw HTML kept (the notebooks' figures), plus pipe tables, heading ids
/// (for the outline and links) and autolinks. Generic attributes are left out on purpose: they read
/// <c>{align}</c> as attributes and delete text. Formulas are taken out first (<see cref="MathExtractor"/>).
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Pipeline);
}
