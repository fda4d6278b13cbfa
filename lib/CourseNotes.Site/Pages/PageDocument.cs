using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CourseNotes.Site.Pages;

/// <summary>
/// One page's body as a document model (AngleSharp), built once from the rendered Markdown and cell outputs
/// (formulas are still tokens, so the model stays small), on which the site works by node operations:
/// headings and the title, the summary, images, scrollable boxes. <see cref="Html"/> gives the body back.
/// Elements rendered from a notebook cell carry <c>data-origin</c> (« notebook.ipynb, cell 4 ») until
/// then, so that errors name the cell.
/// </summary>
public sealed class PageDocument
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The page's document; its body is the page's content.</summary>
    public IDocument Document { get; }

    /// <summary>Parses <paramref name="body"/>.</summary>
    public PageDocument(string body) => Document = Parser.ParseDocument($"<!DOCTYPE html><html><head></head><body>{body}</body></html>");

    /// <summary>Where <paramref name="element"/> comes from: its cell's origin, and the line of <paramref name="needle"/> in that cell's source.</summary>
    public static string Origin(IElement element, string page, IReadOnlyDictionary<string, string> sources, string needle)
    {
        string? origin = element.Closest("[data-origin]")?.GetAttribute("data-origin");
        if (origin is null) return page;
        if (!sources.TryGetValue(origin, out string? source)) return origin;
        int at = source.IndexOf(needle, StringComparison.Ordinal);
        return at < 0 ? origin : $"{origin}, line {1 + source.AsSpan(0, at).Count('\n')}";
    }

    /// <summary>Reads the title (first <c>h1</c>), the second- and third-level headings and the summary into <paramref name="page"/>.</summary>
    /// <param name="page">The page.</param>
    /// <param name="plain">Plain text of an HTML fragment whose formulas are still tokens.</param>
    public void ReadHeadings(Page page, Func<string, string> plain)
    {
        foreach (var heading in Document.QuerySelectorAll("h1, h2, h3"))
        {
            int level = heading.LocalName[1] - '0';
            if (level == 1) { if (page.Title.Length == 0) page.Title = plain(heading.InnerHtml); continue; }
            if (heading.Id is not { Length: > 0 } id) continue;
            var copy = (IElement)heading.Clone();
            foreach (var link in copy.QuerySelectorAll("a").ToList()) link.Replace([.. link.ChildNodes]);
            page.Headings.Add(new Heading(level, id, copy.InnerHtml));
        }
        if (page.Title.Length == 0) page.Title = Path.GetFileNameWithoutExtension(page.Source);
        var summary = Document.QuerySelectorAll("p").FirstOrDefault(p => !p.InnerHtml.StartsWith("<em>", StringComparison.Ordinal));
        page.Summary = summary?.InnerHtml ?? "";
        page.Description = plain(page.Summary);
    }

    /// <summary>Boxes that may scroll sideways (code, outputs, displayed formulas) become keyboard-focusable, with a name.</summary>
    public void MakeScrollersFocusable()
    {
        foreach (var box in Document.QuerySelectorAll("pre, .math.display"))
        {
            box.SetAttribute("tabindex", "0");
            string name = box.LocalName != "pre" ? "Formule"
                : box.ClassList.Contains("source") ? "Code C#"
                : "Sortie";
            box.SetAttribute("role", box.LocalName == "pre" ? "region" : "group");
            box.SetAttribute("aria-label", name);
        }
    }

    /// <summary>Checks that every file the page names is a course file, and copies its images under <c>media/</c> (<see cref="CourseFiles"/>).</summary>
    public void PublishCourseFiles(string courseRoot, string sourceFolder, string output, Func<IElement, string, string> where) =>
        CourseFiles.Publish(Document, courseRoot, sourceFolder, output, where);

    /// <summary>
    /// Images embedded in outputs (<c>data:image/png;base64,…</c>) are written to <c>media/</c> under a name made of
    /// their content's hash, so that the browser loads them lazily (<c>loading="lazy"</c>) instead of with the page.
    /// </summary>
    public void ExtractEmbeddedImages(string output)
    {
        const string prefix = "data:image/png;base64,";
        foreach (var image in Document.QuerySelectorAll("img[src^='data:image/png;base64,']"))
        {
            byte[] png;
            try { png = Convert.FromBase64String(image.GetAttribute("src")![prefix.Length..]); }
            catch (FormatException) { continue; } // left as it is: the browser shows what it can
            image.SetAttribute("src", MediaFolder.Store(output, png, "png"));
            image.SetAttribute("loading", "lazy");
            image.SetAttribute("decoding", "async");
        }
    }

    /// <summary>Live outputs' inline scripts go to their own files under <c>media/</c>, loaded when the output comes near the screen (<see cref="LiveScripts"/>).</summary>
    public void ExternalizeLiveScripts(string output) => LiveScripts.Externalize(Document, output);

    /// <summary>Each chart's data goes to its own file under <c>media/</c>, loaded when the chart is drawn (<see cref="ChartData"/>).</summary>
    public void ExternalizeChartData(string output) => ChartData.Externalize(Document, output);

    /// <summary>The body's HTML, with the <c>data-origin</c> markers removed.</summary>
    public string Html()
    {
        foreach (var marked in Document.QuerySelectorAll("[data-origin]")) marked.RemoveAttribute("data-origin");
        return Document.Body!.InnerHtml;
    }
}
