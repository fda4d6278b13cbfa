using System.Text;
using System.Text.RegularExpressions;

namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>
/// The prose of a markdown cell: the same text with everything that is not French prose replaced by
/// <see cref="FrenchTypography.Hidden"/> (lines and columns kept). Hidden: fenced code and code spans,
/// formulas ($…$ and $$…$$), HTML comments, tags and their attributes (except the prose of alt and title),
/// URLs, link targets and reference definitions, citations ([@key, …], and with a prefix as the site reads them: [Ladder VAE, @key1; NVAE, @key2]), HTML entities, arXiv and DOI
/// identifiers; in a bibliography (the closing « Références » cell), the titles in italics, which keep the
/// typography of their own language.
/// </summary>
public static partial class MarkdownProse
{
    /// <summary>The prose of <paramref name="markdown"/>; <paramref name="bibliography"/>: the cell lists works cited.</summary>
    public static string Hide(string markdown, bool bibliography)
    {
        var text = new StringBuilder(markdown);
        // In this order: a « $ » or « [ » inside code is not a formula or a link, and so on.
        foreach (var pattern in new[] { Fence(), HtmlComment(), CodeSpan(), DisplayMath(), InlineMath(), AutoLink(), Url(),
                                        LinkTarget(), ReferenceDefinition(), Citation(), Entity(), Identifier() })
            foreach (Match match in pattern.Matches(text.ToString()))
                HideRange(text, match.Index, match.Length);
        foreach (Match tag in Tag().Matches(text.ToString()))
        {
            int from = tag.Index;
            foreach (Match prose in ProseAttribute().Matches(tag.Value))
            {
                HideRange(text, from, tag.Index + prose.Groups[1].Index - from);
                from = tag.Index + prose.Groups[1].Index + prose.Groups[1].Length;
            }
            HideRange(text, from, tag.Index + tag.Length - from);
        }
        if (bibliography)
            foreach (Match title in Italics().Matches(text.ToString()))
                HideRange(text, title.Index, title.Length);
        return text.ToString();
    }

    private static void HideRange(StringBuilder text, int start, int length)
    {
        for (int i = start; i < start + length; i++)
            if (text[i] != '\n') text[i] = FrenchTypography.Hidden;
    }

    [GeneratedRegex(@"^[ ]{0,3}(```|~~~)[\s\S]*?^[ ]{0,3}\1", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"<!--[\s\S]*?-->")]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"(`+)[\s\S]+?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\$\$[\s\S]*?\$\$")]
    private static partial Regex DisplayMath();

    [GeneratedRegex(@"(?<!\\)\$[^$\n]+\$")]
    private static partial Regex InlineMath();

    [GeneratedRegex(@"<(?:https?|mailto):[^>\s]+>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"https?://[^\s)>\]""]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\]\([^)\n]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"^[ ]{0,3}\[[^\]\n]+\]:.*$", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"\[[^\[\]\n]*@[^\[\]\n]*\]|(?<![\w@])@[\w:.-]*\w")]
    private static partial Regex Citation();

    [GeneratedRegex(@"&#?\w+;")]
    private static partial Regex Entity();

    [GeneratedRegex(@"\b(?:arXiv|doi):\S+")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(?:alt|title)=""([^""]*)""")]
    private static partial Regex ProseAttribute();

    [GeneratedRegex(@"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<![_\w])_[^_\n]+_(?!_)")]
    private static partial Regex Italics();
}
