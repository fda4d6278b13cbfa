using System.Text.RegularExpressions;

namespace CourseNotes.Site.Pages;

/// <summary>
/// Numbers a page's figures the way Jupyter Book's <c>{numref}</c> does: every <c>&lt;figure id="…"&gt;</c>
/// gets « Figure N » (in order) at the start of its caption, and every link to <c>#id</c> reads « Figure N ».
/// A link to a figure that does not exist fails the build.
/// </summary>
public static partial class FigureNumbering
{
    /// <summary>The page's HTML with figures numbered and references resolved; <paramref name="page"/> names the page in errors.</summary>
    public static string Apply(string html, string page)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match figure in FigureOpening().Matches(html))
            numbers.TryAdd(figure.Groups[1].Value, numbers.Count + 1);
        html = FigureWithCaption().Replace(html, m => numbers.TryGetValue(m.Groups[1].Value, out int n)
            ? $"{m.Value}<span class=\"figure-number\">Figure {n}\u00a0:</span> "
            : m.Value);
        return FigureLink().Replace(html, m =>
        {
            string id = m.Groups[1].Value;
            if (numbers.TryGetValue(id, out int n)) return $"<a href=\"#{id}\" class=\"figure-ref\">Figure {n}</a>";
            if (id.StartsWith("fig-", StringComparison.Ordinal))
                throw new SiteBuildException($"{page}: a link points to the figure #{id}, which is not on the page.");
            return m.Value;
        });
    }

    [GeneratedRegex(@"<figure id=""([^""]+)""")]
    private static partial Regex FigureOpening();

    [GeneratedRegex(@"<figure id=""([^""]+)""[^>]*>(?:(?!</figure>)[\s\S])*?<figcaption>")]
    private static partial Regex FigureWithCaption();

    [GeneratedRegex(@"<a href=""#([^""]+)"">[\s\S]*?</a>")]
    private static partial Regex FigureLink();
}
