using AngleSharp.Dom;
using CourseNotes.Site.Markdown;

namespace CourseNotes.Site.Pages;

/// <summary>
/// Numbers the labelled equations of the course by chapter, « (3.2) »: a displayed formula with <c>\label{eq-x}</c>
/// (or MyST's <c>(eq-x)=</c> on the line before it) gets <c>\tag{3.2}</c> before KaTeX renders it, and every
/// reference (<c>\eqref{eq-x}</c> or MyST's <c>{eq}`eq-x`</c> in the prose) becomes a link « (3.2) » to it, on any
/// page. A label used twice, or a reference to no equation, fails the build with its notebook, cell and line.
/// </summary>
public sealed class EquationNumbering
{
    private readonly Dictionary<string, (Page Page, string Number)> equations = new(StringComparer.Ordinal);

    /// <summary>Numbers the labelled formulas <paramref name="formulas"/>[<paramref name="from"/>..<paramref name="to"/>) of <paramref name="page"/>, adding their tags.</summary>
    public void Number(List<PlacedFormula> formulas, int from, int to, Page page)
    {
        int n = 0;
        for (int i = from; i < to; i++)
        {
            var (formula, origin) = (formulas[i].Formula, formulas[i].Origin);
            if (formula.Label is not { } label) continue;
            string number = page.Number > 0 ? $"{page.Number}.{++n}" : $"{++n}";
            if (!equations.TryAdd(label, (page, number)))
                throw new SiteBuildException($"{origin}: the equation label {label} is already used ({equations[label].Page.Source}).");
            formulas[i] = formulas[i] with { Formula = formula with { Tex = $"{formula.Tex}\n\\tag{{{number}}}" } };
        }
    }

    /// <summary>Turns the equation references of <paramref name="page"/> into links « (3.2) »; <paramref name="where"/> names an element's notebook, cell and line.</summary>
    public void Resolve(IDocument document, Page page, Func<IElement, string, string> where)
    {
        foreach (var link in document.QuerySelectorAll("a.eq-ref"))
        {
            string label = link.GetAttribute("href")![1..];
            if (!equations.TryGetValue(label, out var target))
                throw new SiteBuildException($"{where(link, label)}: a reference points to the equation {label}, which no formula labels.");
            link.SetAttribute("href", (target.Page == page ? "" : target.Page.FileName) + "#" + label);
            link.TextContent = $"({target.Number})";
        }
    }
}
