using System.Text.RegularExpressions;

namespace CourseNotes.Site.Pages;

/// <summary>
/// What an image output shows, in words, when its cell's metadata does not say: the prose that introduces
/// it — the section's heading and the first clause of the last paragraph before the cell, without
/// Markdown marks or formulas (« Reconstructions — En haut, des images de test ; en bas, leur reconstruction »).
/// </summary>
public static partial class ImageDescription
{
    /// <summary>The description from <paramref name="heading"/> (may be empty) and the Markdown <paramref name="paragraph"/> before the image.</summary>
    public static string From(string heading, string paragraph)
    {
        string text = Space().Replace(Markup().Replace(Link().Replace(Formula().Replace(paragraph, ""), "$1"), ""), " ").Trim();
        var clause = Clause().Match(text);
        if (clause.Success) text = clause.Groups[1].Value.Trim();
        heading = Space().Replace(Markup().Replace(Formula().Replace(heading, ""), ""), " ").Trim();
        string description = heading.Length > 0 && text.Length > 0 ? $"{heading} — {text}" : heading + text;
        return description.Length > 0 ? description : "Image produite par la cellule de code";
    }

    [GeneratedRegex(@"\$\$[\s\S]*?\$\$|\$[^$\n]*\$")]
    private static partial Regex Formula();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[*_`#>]+")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    // Up to the first French colon (non-breaking or ordinary space before it) or the end of the first sentence.
    [GeneratedRegex(@"^(.+?)(?:[\u00a0\u202f ]:|\.(?:\s|$))")]
    private static partial Regex Clause();
}
