using System.Globalization;

namespace CourseNotes.Formatting;

/// <summary>
/// The course's one number convention, French and reproducible: a decimal comma, a narrow no-break space
/// (U+202F) between thousands, the typographic minus sign « − » (U+2212, also in exponents: « 1e−12 »),
/// « +∞ » and « −∞ », and the invariant culture for everything else (digits, the exponent letter);
/// percentages « 51 % » with U+202F. It is built from the invariant culture, not read from the
/// machine's <c>fr-FR</c> data, so two machines (or two ICU versions) print the same bytes. Parsing with it
/// accepts both « − » and the hyphen-minus « - » (.NET accepts the hyphen when the negative sign is U+2212).
/// <list type="bullet">
/// <item>The library formats with it by default: <c>Claim</c> lines, <c>MonteCarloEstimate</c>, the
/// distributions' <c>ToString</c>, and the charts' tick labels (Plotly's <c>separators</c>).</item>
/// <item>A notebook's own interpolated strings (<c>$"{x:F4}"</c>) follow it once the first cell calls
/// <see cref="Use"/>.</item>
/// </list>
/// </summary>
/// <remarks>Used by every notebook; first in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>.</remarks>
public static class CourseCulture
{
    /// <summary>The decimal separator, a comma.</summary>
    public const string DecimalSeparator = ",";

    /// <summary>The thousands separator, U+202F (narrow no-break space).</summary>
    public const string GroupSeparator = "\u202F";

    /// <summary>The negative sign, U+2212 (minus sign), as French typography writes it; not the hyphen-minus « - ».</summary>
    public const string NegativeSign = "\u2212";

    /// <summary>The course's culture (read-only).</summary>
    public static CultureInfo Numbers { get; } = Create();

    /// <summary>
    /// Makes <see cref="Numbers"/> the culture of this process (<see cref="CultureInfo.DefaultThreadCurrentCulture"/>,
    /// which every cell and thread inherits, and the current thread's): call it in a notebook's first cell.
    /// </summary>
    public static void Use()
    {
        CultureInfo.DefaultThreadCurrentCulture = Numbers;
        CultureInfo.DefaultThreadCurrentUICulture = Numbers;
        CultureInfo.CurrentCulture = Numbers;
        CultureInfo.CurrentUICulture = Numbers;
    }

    /// <summary>
    /// <paramref name="value"/> to <paramref name="digits"/> significant digits in the course's convention, a large or small
    /// one in scientific notation as a French text writes it: <c>10⁻¹²</c> for a power of ten, <c>2,5 × 10⁻⁸</c> otherwise
    /// (U+202F around ×), where .NET's <c>"g"</c> format writes <c>1e−12</c> and <c>2,5e−08</c>. The threshold is the
    /// <c>"g"</c> format's: an exponent below −5 or at least <paramref name="digits"/>.
    /// </summary>
    /// <param name="value">Any double (NaN and infinities are written as the culture writes them).</param>
    /// <param name="digits">Significant digits, 1 to 17.</param>
    public static string Scientific(double value, int digits = 3)
    {
        if (digits is < 1 or > 17) throw new ArgumentOutOfRangeException(nameof(digits), digits, "digits must lie in 1 … 17.");
        string g = value.ToString("g" + digits.ToString(CultureInfo.InvariantCulture), Numbers);   // « 2,5e−08 », « 1e−12 », « 273,25 »
        int e = g.IndexOf('e', StringComparison.Ordinal);
        if (e < 0) return g;
        string mantissa = g[..e];
        int exponent = int.Parse(g[(e + 1)..].Replace(NegativeSign, "-", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string power = "10" + Superscript(exponent);
        return mantissa switch
        {
            "1" => power,
            NegativeSign + "1" => NegativeSign + power,
            _ => mantissa + "\u202F×\u202F" + power,
        };
    }

    /// <summary>An integer in superscript digits, with « ⁻ » for a minus sign: −12 → ⁻¹².</summary>
    internal static string Superscript(int exponent) =>
        string.Concat(exponent.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    /// <summary>
    /// A quantity of information in nats as French writes it: the number in the course's convention, a no-break space
    /// (U+00A0), then « nat », plural from 2 in absolute value as shown: « 0,85 nat », « 1,99 nat », « 2,29 nats ».
    /// </summary>
    /// <param name="value">The quantity (nats), finite.</param>
    /// <param name="format">A .NET numeric format, « F2 » by default; the plural follows the number as it is written.</param>
    public static string Nats(double value, string format = "F2")
    {
        string number = value.ToString(format, Numbers);
        return number + (Math.Abs(double.Parse(number, Numbers)) >= 2 ? "\u00A0nats" : "\u00A0nat");
    }

    /// <summary>Formats <paramref name="text"/> with <see cref="Numbers"/>, whatever the current culture.</summary>
    public static string Format(FormattableString text) => Guard.NotNull(text, nameof(text)).ToString(Numbers);

    private static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var n = culture.NumberFormat;
        n.NumberDecimalSeparator = n.PercentDecimalSeparator = n.CurrencyDecimalSeparator = DecimalSeparator;
        n.NumberGroupSeparator = n.PercentGroupSeparator = n.CurrencyGroupSeparator = GroupSeparator;
        n.PercentSymbol = GroupSeparator + "%";   // « 51 % » with U+202F: the pattern « n% » then the symbol
        n.PercentPositivePattern = 1;
        n.PercentNegativePattern = 1;
        n.NegativeSign = NegativeSign;
        n.PositiveInfinitySymbol = "+∞";
        n.NegativeInfinitySymbol = NegativeSign + "∞";
        return CultureInfo.ReadOnly(culture);
    }
}
