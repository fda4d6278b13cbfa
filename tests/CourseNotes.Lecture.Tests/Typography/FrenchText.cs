using System.Text.RegularExpressions;

namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>
/// Whether a C# string, comment or output line is French prose, and so follows <see cref="FrenchTypography"/>:
/// it has a French accented letter, an elided article or pronoun (« l’ », « d’ », « qu’ »…) or one of the
/// commonest French function words (« le », « de », « et », « pour »…). Code (« text/plain »), symbols
/// (« 𝒩(0 ; 1) ») and English (a formatter's « Bytes: [137, 80…] ») are not; a short French label without
/// any of these marks (« forme close ») escapes the check, which is the price of no false alarms on code.
/// </summary>
public static partial class FrenchText
{
    /// <summary>True when <paramref name="text"/> reads as French.</summary>
    public static bool IsFrench(string text) => Marks().IsMatch(text);

    [GeneratedRegex(@"[àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ]|\b(?:[cdjlmnst]|qu)['’]\p{L}|\b(?:le|la|les|un|une|des|du|de|et|est|sont|au|aux|pour|par|sur|sous|dans|avec|sans|que|qui|ne|pas|plus|ou|ce|cet|cette|ces|son|sa|ses|leur|leurs|il|elle|ils|elles|se|si|en)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Marks();
}
