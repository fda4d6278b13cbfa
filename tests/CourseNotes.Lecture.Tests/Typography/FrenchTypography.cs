using System.Text.RegularExpressions;

namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>
/// The course's French typography, checked on one line of French prose:
/// <list type="bullet">
/// <item>U+00A0 (no-break space) before « : », after « « » and before « » »;</item>
/// <item>U+202F (narrow no-break space) before « ; », « ! », « ? » and « % » (the spacing of
/// <c>CourseCulture</c>'s percentages, « 51 % », CLDR's French pattern);</item>
/// <item>never an ordinary space, nor no space, in those places;</item>
/// <item>the apostrophe ’ (U+2019), not the ASCII ' ;</item>
/// <item>a decimal comma in numbers (« 0,25 », not « 0.25 »; dotted numbers such as « 10.1.2 » are not decimals).</item>
/// </list>
/// A « : » that is not punctuation (followed by a letter or digit: « arXiv:1509 », « 12:30 », « https: ») and a
/// « ; ! ? » followed by one (« != », « ?. », « ![ ») are left alone. The caller hides what is not prose
/// (code, formulas, URLs) with <see cref="Hidden"/>, which keeps columns and counts as a word.
/// </summary>
public static partial class FrenchTypography
{
    /// <summary>Stands for a hidden character (code span, formula, URL, interpolation hole).</summary>
    public const char Hidden = '\uFFFC';

    private const char NoBreakSpace = '\u00A0';
    private const char NarrowNoBreakSpace = '\u202F';

    /// <summary>
    /// The faults of <paramref name="line"/>. <paramref name="numbers"/>: also check decimal commas (not in code
    /// comments, whose numbers are often C#). <paramref name="inCode"/>: the line is a C# comment or string, where
    /// « name: value » inside parentheses is a named argument, not a French colon.
    /// </summary>
    public static IEnumerable<TypographyFault> Check(string line, bool numbers = true, bool inCode = false)
    {
        for (int i = 0; i < line.Length; i++)
        {
            char? before = i > 0 ? line[i - 1] : null, after = i + 1 < line.Length ? line[i + 1] : null;
            string? fault = line[i] switch
            {
                ':' when before is not (null or ':') && EndsClause(after) && !(inCode && IsNamedArgument(line, i)) =>
                    before == NoBreakSpace ? null : $"{Describe(before)} before « : », where French puts U+00A0",
                ';' or '!' or '?' when before is not (null or '?' or '!') && EndsClause(after) =>
                    before == NarrowNoBreakSpace ? null : $"{Describe(before)} before « {line[i]} », where French puts U+202F",
                '%' when before is not null && !(after is char a && char.IsLetterOrDigit(a)) =>
                    before == NarrowNoBreakSpace ? null : $"{Describe(before)} before « % », where the course puts U+202F (as CourseCulture prints « 51 % »)",
                '«' when after is not (null or '\n') =>
                    after == NoBreakSpace ? null : $"{Describe(after)} after « « », where French puts U+00A0",
                '»' when before is not null =>
                    before == NoBreakSpace ? null : $"{Describe(before)} before « » », where French puts U+00A0",
                '\'' => "ASCII apostrophe ' where French prose puts ’ (U+2019)",
                _ => null,
            };
            if (fault is not null) yield return new TypographyFault(i, fault);
        }
        if (numbers)
            foreach (Match number in DecimalPoint().Matches(line))
                yield return new TypographyFault(number.Index, $"decimal point in « {number.Value} », where French puts a comma");
    }

    /// <summary>Punctuation ends a clause when a space, the end of the line, a closing mark or hidden text follows it.</summary>
    private static bool EndsClause(char? after) =>
        after is null || char.IsWhiteSpace(after.Value) || after is Hidden or ')' or ']' or '»' or ',' or '.' or '…' or '*' or '_' or '"';

    /// <summary>« name: value » inside an open parenthesis: a C# named argument (« new Options(Seed: 1) »).</summary>
    private static bool IsNamedArgument(string line, int colon) =>
        (char.IsLetterOrDigit(line[colon - 1]) || line[colon - 1] == '_')
        && line.AsSpan(0, colon).Count('(') > line.AsSpan(0, colon).Count(')');

    private static string Describe(char? space) => space switch
    {
        ' ' => "an ordinary space",
        NoBreakSpace => "U+00A0",
        NarrowNoBreakSpace => "U+202F",
        '\t' => "a tab",
        _ => "no space",
    };

    [GeneratedRegex(@"(?<![\w.])\d+\.\d+(?!\w|\.\d)")]
    private static partial Regex DecimalPoint();
}
