using CourseNotes.Claims;
using CourseNotes.Probability;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Tests.Claims;

public class ClaimTests
{
    private static string Printed(Action action)
    {
        var previous = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try { action(); }
        finally { Console.SetOut(previous); }
        return writer.ToString();
    }

    [Fact]
    public void A_claim_that_holds_prints_one_checked_line()
    {
        Assert.Equal("✓ KL ≥ 0\n", Printed(() => Claim.That(true, "KL ≥ 0")).ReplaceLineEndings("\n"));
        Assert.Equal("✓ ELBO = log p(x) − KL (écart < 10⁻¹² ≤ 10⁻⁹)\n", Printed(() => Claim.Close(1.0, 1.0 + 1e-15, 1e-9, "ELBO = log p(x) − KL")).ReplaceLineEndings("\n"));
        Assert.Contains("(0,51 ± 0,01 (n = 100)\u202F; valeur exacte\u00A0: 0,5)", Printed(() => Claim.Within(new MonteCarloEstimate(0.51, 0.01, 100), 0.5, 4, "forme close")));
        Assert.Equal("✓ ELBO < log p(x) (−6,48491 < −5,00477)\n", Printed(() => Claim.Less(-6.48491, -5.00477, "ELBO < log p(x)")).ReplaceLineEndings("\n"));
        Assert.Equal("✓ écart (écart 0,0269 ≤ 0,14)\n", Printed(() => Claim.Close(0.5489, 0.522, 0.14, "écart")).ReplaceLineEndings("\n"));
    }

    // Runs the action with COURSENOTES_CLAIMS set (the tests of this class run one at a time; no other class fails a claim).
    private static void WithMode(string? mode, Action action)
    {
        string? previous = Environment.GetEnvironmentVariable(ClaimFailures.Variable);
        Environment.SetEnvironmentVariable(ClaimFailures.Variable, mode);
        try { action(); }
        finally { Environment.SetEnvironmentVariable(ClaimFailures.Variable, previous); }
    }

    [Fact]
    public void A_claim_that_fails_throws_with_the_statement_and_the_gap() => WithMode("strict", () =>
    {
        var e = Assert.Throws<ClaimFailedException>(() => Claim.Close(0.7, 0.5, 1e-3, "KL(p ‖ q) = 0.5"));
        Assert.Equal("KL(p ‖ q) = 0.5", e.Statement);
        Assert.Contains("0,7 au lieu de 0,5", e.Message);
        Assert.Throws<ClaimFailedException>(() => Claim.Less(1, 1, "strict"));
        Assert.Throws<ClaimFailedException>(() => Claim.Less(double.NaN, 1, "NaN"));
        Assert.Throws<ClaimFailedException>(() => Claim.That(false, "faux"));
        Assert.Throws<ClaimFailedException>(() => Claim.Within(new MonteCarloEstimate(0.6, 0.01, 100), 0.5, 4, "loin"));
        Assert.Throws<ClaimFailedException>(() => Claim.Close(double.NaN, 0.5, 1, "NaN n'est proche de rien"));
        Assert.StartsWith("Affirmation fausse\u00A0: KL(p ‖ q) = 0.5 — ", e.Message);
    });

    [Fact]
    public void In_report_mode_a_failed_claim_is_written_to_standard_error_and_does_not_throw() => WithMode("report", () =>
    {
        var previous = Console.Error;
        var error = new StringWriter();
        Console.SetError(error);
        string printed;
        try { printed = Printed(() => Claim.Less(2, 1, "ordre")); }
        finally { Console.SetError(previous); }
        Assert.Equal("", printed);
        Assert.StartsWith("✗ Affirmation fausse\u00A0: ordre — 2 n’est pas inférieur à 1.\n", error.ToString().ReplaceLineEndings("\n"));
    });

    [Fact]
    public void Unset_on_the_courses_reproducible_path_a_failed_claim_stops_the_cell() => WithMode(null, () =>
    {
        Assert.SkipUnless(CpuPath.FixedByTheLibrary, "the course's path (MKL and ATen on AVX2) is fixed on Linux x86-64 with AVX2 and FMA, when the user chose neither");
        Assert.Throws<ClaimFailedException>(() => Claim.That(false, "faux"));
    });

    [Theory]
    [InlineData(null, true, ClaimFailureMode.Strict)]
    [InlineData(null, false, ClaimFailureMode.Report)]
    [InlineData("", false, ClaimFailureMode.Report)]
    [InlineData("report", true, ClaimFailureMode.Report)]
    [InlineData(" Strict ", false, ClaimFailureMode.Strict)]
    public void Strict_where_the_stored_outputs_reproduce_report_elsewhere_unless_the_variable_says(string? setting, bool reproducible, ClaimFailureMode mode)
    {
        Assert.Equal(mode, ClaimFailures.Choose(setting, reproducible));
    }

    [Fact]
    public void An_unknown_mode_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => ClaimFailures.Choose("oui", true));
        Assert.Contains("COURSENOTES_CLAIMS=oui", e.Message);
        Assert.Contains("strict ou report", e.Message);
    }

    [Fact]
    public void The_reason_is_written_once_per_process_and_names_the_machine_or_the_variable()
    {
        var first = new StringWriter();
        var second = new StringWriter();
        ClaimFailures.Report(new ClaimFailedException("a", "b"), first, reproducible: false);
        ClaimFailures.Report(new ClaimFailedException("c", "d"), second, reproducible: false);
        Assert.Equal("✗ Affirmation fausse\u00A0: c — d.\n", second.ToString().ReplaceLineEndings("\n"));
        // The first write carries the reason unless an earlier test of this process already wrote it.
        string text = first.ToString();
        Assert.StartsWith("✗ Affirmation fausse\u00A0: a — b.\n", text.ReplaceLineEndings("\n"));
        if (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2)
            Assert.Contains("AVX2 sous Linux x86-64", text);
    }
}
