using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace CourseNotes.Site.References;

/// <summary>
/// Pandoc's citation syntax in the prose, rendered in French as node operations on the page's text:
/// <c>[@kingma2014]</c> → « (Kingma et Welling, 2014) »; <c>[@burda2016, théorème 1]</c> → « (Burda et al., 2016,
/// théorème 1) »; <c>[IAF, @kingma2016; @ho2020]</c> → « (IAF, Kingma et al., 2016 ; Ho et al., 2020) »;
/// <c>[-@kingma2014]</c> → « (2014) »; in the running text, <c>@kingma2014</c> → « Kingma et Welling (2014) » and
/// <c>@kingma2014 [figure 4]</c> → « Kingma et Welling (2014, figure 4) » (a bare key there is an author and a
/// year: letters then four digits). Each name links to its entry on the references page and carries a card with
/// the whole reference, shown on hover and on keyboard focus, offline. Code, formulas and links are left alone.
/// A key missing from the bibliography fails the build, naming the notebook, the cell and the line.
/// </summary>
public static partial class Citations
{
    /// <summary>The references page's file name.</summary>
    public const string PageName = "references.html";

    /// <summary>Renders the citations of <paramref name="document"/>; returns the keys cited, in order of first use.</summary>
    /// <param name="document">The page.</param>
    /// <param name="bibliography">The works.</param>
    /// <param name="where">Names the notebook, cell and line of an element, given the text to find in the cell.</param>
    public static IReadOnlyList<string> Render(IDocument document, Bibliography bibliography, Func<IElement, string, string> where)
    {
        var cited = new List<string>();
        int cards = 0;
        var texts = new List<IText>();
        Collect(document.Body!, texts);
        foreach (var text in texts)
        {
            if (!text.Data.Contains('@')) continue;
            string html = Replace(text.Data, Site.Html.Encode, key => Work(key, text.ParentElement!), (work, name) => Cite(work, name, ++cards));
            if (html == Site.Html.Encode(text.Data)) continue;
            var holder = document.CreateElement("span");
            holder.InnerHtml = html;
            text.Replace([.. holder.ChildNodes]);
        }
        // An image's alternative text taken from the prose: its citations as plain text.
        foreach (var element in document.QuerySelectorAll("[alt*='@']"))
            element.SetAttribute("alt", Replace(element.GetAttribute("alt")!, t => t, key => Work(key, element), (_, name) => name));
        return cited;

        Reference Work(string key, IElement element)
        {
            var work = bibliography.Find(key)
                ?? throw new SiteBuildException($"{where(element, "@" + key)}: the citation @{key} is not in the bibliography {bibliography.File}.");
            if (!cited.Contains(key)) cited.Add(key);
            return work;
        }
    }

    // The text with each citation written by cite(work, « Kingma et Welling, 2014 »); the rest goes through encode.
    private static string Replace(string data, Func<string, string> encode, Func<string, Reference> work, Func<Reference, string, string> cite)
    {
        var matches = Citation().Matches(data);
        if (matches.Count == 0) return encode(data);
        var html = new StringBuilder();
        int at = 0;
        foreach (Match m in matches)
        {
            html.Append(encode(data[at..m.Index]));
            at = m.Index + m.Length;
            if (m.Groups["narrative"].Success)
            {
                var narrated = work(m.Groups["narrative"].Value);
                string locator = m.Groups["nlocator"].Success ? ", " + m.Groups["nlocator"].Value.Trim() : "";
                html.Append(cite(narrated, $"{narrated.Label} ({narrated.Year}{locator})"));
                continue;
            }
            var items = m.Groups["body"].Value.Split(';').Select(item => Item().Match(item.Trim())).ToList();
            if (items.Any(i => !i.Success)) { html.Append(encode(m.Value)); continue; } // brackets with an @ that is not a citation
            html.Append('(');
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var cited = work(item.Groups["key"].Value);
                if (i > 0) html.Append("\u202f; ");
                string prefix = item.Groups["prefix"].Value.Trim();
                if (prefix.Length > 0) html.Append(encode(prefix)).Append(' ');
                string locator = item.Groups["locator"].Value.Trim().TrimStart(',').Trim();
                string name = item.Groups["minus"].Success ? $"{cited.Year}" : $"{cited.Label}, {cited.Year}";
                html.Append(cite(cited, name + (locator.Length > 0 ? ", " + locator : "")));
            }
            html.Append(')');
        }
        return html.Append(encode(data[at..])).ToString();
    }

    // The cited text links to the entry; the card beside it describes the link and shows on hover or focus.
    private static string Cite(Reference work, string text, int card) =>
        $"<span class=\"citation\"><a href=\"{PageName}#{Site.Html.Encode(work.Anchor)}\" aria-describedby=\"cite-{card}\">{Site.Html.Encode(text)}</a>" +
        $"<span class=\"cite-card\" role=\"tooltip\" id=\"cite-{card}\">{work.Html(links: false)}</span></span>";

    private static void Collect(INode node, List<IText> texts)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text) texts.Add(text);
            else if (child is IElement e && e.LocalName is not ("code" or "pre" or "a" or "script" or "style" or "math" or "svg") && !e.ClassList.Contains("katex")
                && !e.ClassList.Contains("output") && !(e.ClassList.Contains("cell") && e.ClassList.Contains("code")))
                Collect(e, texts);
        }
    }

    // [prefix @key, locator; …] or a narrative @key [locator].
    [GeneratedRegex(@"\[(?<body>[^\[\]]*@[^\[\]]*)\]|(?<![\w@.&/])@(?<narrative>[\p{L}][\p{L}\d_-]*\d{4}[a-z]?)(?:\s\[(?<nlocator>[^\[\]@]+)\])?")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^(?<prefix>[^@]*?)(?<minus>-)?@(?<key>[\p{L}\d_][\p{L}\d_:.#$%&+?<>~/-]*?)(?<locator>,[^@]*)?$")]
    private static partial Regex Item();
}
