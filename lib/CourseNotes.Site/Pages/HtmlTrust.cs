using AngleSharp.Dom;

namespace CourseNotes.Site.Pages;

/// <summary>
/// Active content in the prose. Unless <c>course.yml</c> says <c>trust_html: true</c>, the HTML an author writes
/// in a notebook's Markdown cells or in a Markdown page loses its scripts: <c>&lt;script&gt;</c>, frames and
/// plug-ins (<c>iframe</c>, <c>object</c>, <c>embed</c>), event attributes (<c>onclick</c>, <c>onerror</c>…) and
/// <c>javascript:</c>/<c>vbscript:</c> URLs are removed, and each removal is reported. The default is
/// <c>false</c>: prose is text anyone can propose in a merge request, a script in it runs in every reader's
/// browser, and the course needs none (its figures, formulas and charts are drawn by the site itself).
/// Stored outputs (<c>text/html</c> of a code cell) are kept as they are: they are what the course's own code
/// produced when the runner executed it, and that code already runs with every right on the machines that
/// execute the notebook — as in Jupyter, which sanitizes Markdown but trusts the outputs of a notebook it
/// executed itself. Files are another matter: outputs, like prose, publish only course files (<see cref="CourseFiles"/>).
/// </summary>
public static class HtmlTrust
{
    private const string Outputs = ".cell.code";

    /// <summary>Removes active content from the prose of <paramref name="document"/> (everything outside code cells) and says what went.</summary>
    /// <param name="document">The page.</param>
    /// <param name="where">Names the notebook, cell and line of an element, given the text to find in the cell.</param>
    /// <returns>One line per removal: where, and what.</returns>
    public static IReadOnlyList<string> Sanitize(IDocument document, Func<IElement, string, string> where)
    {
        var removed = new List<string>();
        bool Prose(IElement e) => e.Closest(Outputs) is null;
        foreach (var element in document.QuerySelectorAll("script, iframe, object, embed").Where(Prose).ToList())
        {
            removed.Add($"{where(element, "<" + element.LocalName)}: <{element.LocalName}> removed (course.yml does not set trust_html: true)");
            element.Remove();
        }
        foreach (var element in document.Body!.QuerySelectorAll("*").Where(Prose))
            foreach (var attribute in element.Attributes.ToList())
            {
                bool handler = attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase);
                bool scriptUrl = CourseFiles.Scheme(attribute.Value.Trim()) is "javascript" or "vbscript";
                if (!handler && !scriptUrl) continue;
                removed.Add($"{where(element, handler ? attribute.Name : attribute.Value)}: {(handler ? $"the {attribute.Name} attribute" : $"the {attribute.Name}=\"{attribute.Value}\" link")} removed (course.yml does not set trust_html: true)");
                element.RemoveAttribute(attribute.Name);
            }
        return removed;
    }
}
