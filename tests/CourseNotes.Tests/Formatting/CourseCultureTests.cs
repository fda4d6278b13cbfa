using System.Globalization;
using CourseNotes.Formatting;

namespace CourseNotes.Tests.Formatting;

/// <summary>Tests that change the process's culture run alone, never beside a test that formats numbers.</summary>
[CollectionDefinition("Process culture", DisableParallelization = true)]
public sealed class ProcessCultureCollection;

[Collection("Process culture")]
public class CourseCultureTests
{
    [Fact]
    public void Numbers_have_a_decimal_comma_and_a_narrow_no_break_space_whatever_the_machine()
    {
        var c = CourseCulture.Numbers;
        Assert.Equal("0,5220", 0.522.ToString("F4", c));
        Assert.Equal("10\u202F000", 10_000.ToString("#,0", c));
        Assert.Equal("\u22121,5", (-1.5).ToString(c)); // the minus sign U+2212, not the hyphen-minus
        Assert.Equal("1e\u221212", 1e-12.ToString("g3", c));
        Assert.Equal("\u2212∞", double.NegativeInfinity.ToString(c));
        Assert.Equal("1,89e+00", 1.89.ToString("0.00e+00", c));
        Assert.Equal("+∞", double.PositiveInfinity.ToString(c));
        Assert.Equal("51\u202F%", 0.51.ToString("P0", c));
        Assert.True(c.IsReadOnly);
        Assert.Equal("x = 3,25", CourseCulture.Format($"x = {3.25}"));
    }

    [Fact]
    public void Nats_take_the_plural_from_two_as_the_number_is_written()
    {
        Assert.Equal("0,85\u00A0nat", CourseCulture.Nats(0.85));
        Assert.Equal("1,99\u00A0nat", CourseCulture.Nats(1.994));
        Assert.Equal("2,00\u00A0nats", CourseCulture.Nats(1.996)); // written 2,00: plural
        Assert.Equal("2,29\u00A0nats", CourseCulture.Nats(2.29));
        Assert.Equal("17,2\u00A0nats", CourseCulture.Nats(17.22, "F1"));
        Assert.Equal("\u22123,00\u00A0nats", CourseCulture.Nats(-3));
    }

    [Fact]
    public void Scientific_writes_small_and_large_numbers_as_a_French_text_does()
    {
        Assert.Equal("10⁻¹²", CourseCulture.Scientific(1e-12));
        Assert.Equal("\u221210⁻⁸", CourseCulture.Scientific(-1e-8));
        Assert.Equal("2,5\u202F×\u202F10⁻⁸", CourseCulture.Scientific(2.5e-8));
        Assert.Equal("1,23\u202F×\u202F10¹⁵", CourseCulture.Scientific(1.2345e15));
        Assert.Equal("1,2345\u202F×\u202F10¹⁵", CourseCulture.Scientific(1.2345e15, 6));
        // Where "g" writes no exponent, the same text as "g".
        Assert.Equal("273,25", CourseCulture.Scientific(273.25, 6));
        Assert.Equal("0,000123", CourseCulture.Scientific(0.000123));
        Assert.Equal("\u22120,5", CourseCulture.Scientific(-0.5));
        Assert.Equal("0", CourseCulture.Scientific(0));
        Assert.Equal("+∞", CourseCulture.Scientific(double.PositiveInfinity));
        Assert.Equal("NaN", CourseCulture.Scientific(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseCulture.Scientific(1, 0));
    }

    [Fact]
    public void Parsing_accepts_the_minus_sign_it_prints_and_the_hyphen_minus()
    {
        var c = CourseCulture.Numbers;
        Assert.Equal(-1.5, double.Parse("\u22121,5", c));
        Assert.Equal(-1.5, double.Parse("-1,5", c));
        Assert.Equal(-2.5e-5, double.Parse((-2.5e-5).ToString("g6", c), c));
        Assert.Equal(-10_000, int.Parse((-10_000).ToString("#,0", c), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowThousands, c));
        foreach (double value in new[] { -5.004774, -0.087, -1e-300, -123456.789 })
            Assert.Equal(value, double.Parse(value.ToString("R", c), c));
    }

    [Fact]
    public async Task Use_makes_it_the_default_of_every_thread_of_the_process()
    {
        var (previous, previousDefault) = (CultureInfo.CurrentCulture, CultureInfo.DefaultThreadCurrentCulture);
        try
        {
            CourseCulture.Use();
            Assert.Equal("2,5", $"{2.5}");
            string other = await Task.Run(() => $"{0.25}");
            Assert.Equal("0,25", other);
        }
        finally
        {
            CultureInfo.DefaultThreadCurrentCulture = previousDefault;
            CultureInfo.DefaultThreadCurrentUICulture = previousDefault;
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
