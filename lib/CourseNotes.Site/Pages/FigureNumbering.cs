using AngleSharp.Dom;

namespace CourseNotes.Site.Pages;

/// <summary>
/// Numbers the figures of the whole course the way a book does, chapter first: every <c>&lt;figure&gt;</c> of a
/// chapter (MyST figures and chart or image outputs alike) gets « Figure 4.2 » at the start of its caption, in
/// order. A link to a figure's id (<c>[texte](#fig-x)</c>, MyST <c>{numref}`fig-x`</c>) reads « Figure 4.2 » and
/// points to the right page; a link to a figure that exists nowhere fails the build with its notebook, cell and line.
/// </summary>
public sealed class FigureNumbering
{
    private readonly Dictionary<string, (Page Page, string Label)> figures = new(StringComparer.Ordinal);

    /// <summary>Numbers the figures of <paramref name="page"/> (call it for every page before <see cref="Resolve"/>).</summary>
    public void Number(IDocument document, Page page)
    {
        int n = 0;
        foreach (var figure in document.QuerySelectorAll("figure"))
        {
            string label = page.Number > 0 ? $"Figure {page.Number}.{++n}" : $"Figure {++n}";
            var caption = figure.QuerySelector("figcaption");
            if (caption is null) { caption = document.CreateElement("figcaption"); figure.AppendChild(caption); }
            bool empty = caption.TextContent.Trim().Length == 0;
            var number = document.CreateElement("span");
            number.ClassName = "figure-number";
            number.TextContent = empty ? label : label + "\u00a0:";
            caption.Prepend(number);
            if (!empty) number.After(document.CreateTextNode(" "));
            if (figure.Id is { Length: > 0 } id && !figures.TryAdd(id, (page, label)))
                throw new SiteBuildException($"{page.Source}: two figures are labelled {id} ({figures[id].Page.Source} and {page.Source}).");
        }
    }

    /// <summary>Rewrites the links of <paramref name="page"/> that point to figures; <paramref name="where"/> names an element's notebook, cell and line.</summary>
    public void Resolve(IDocument document, Page page, Func<IElement, string, string> where)
    {
        foreach (var link in document.QuerySelectorAll("a[href^='#']"))
        {
            string id = Uri.UnescapeDataString(link.GetAttribute("href")![1..]);
            if (figures.TryGetValue(id, out var target))
            {
                link.SetAttribute("href", (target.Page == page ? "" : target.Page.FileName) + "#" + id);
                link.ClassList.Add("figure-ref");
                link.TextContent = target.Label;
            }
            else if (id.StartsWith("fig-", StringComparison.Ordinal) && document.GetElementById(id) is null)
                throw new SiteBuildException($"{where(link, "#" + id)}: a link points to the figure #{id}, which is in no chapter.");
        }
    }
}
