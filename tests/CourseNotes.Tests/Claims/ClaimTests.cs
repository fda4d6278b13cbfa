using CourseNotes.Claims;
using CourseNotes.Probability;

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
        Assert.Equal("✓ ELBO = log p(x) − KL (écart < 1e−12 ≤ 1e−09)\n", Printed(() => Claim.Close(1.0, 1.0 + 1e-15, 1e-9, "ELBO = log p(x) − KL")).ReplaceLineEndings("\n"));
        Assert.Contains("(0,51 ± 0,01 (n = 100)\u202F; valeur exacte\u00A0: 0,5)", Printed(() => Claim.Within(new MonteCarloEstimate(0.51, 0.01, 100), 0.5, 4, "forme close")));
        Assert.Equal("✓ ELBO < log p(x) (−6,48491 < −5,00477)\n", Printed(() => Claim.Less(-6.48491, -5.00477, "ELBO < log p(x)")).ReplaceLineEndings("\n"));
        Assert.Equal("✓ écart (écart 0,0269 ≤ 0,14)\n", Printed(() => Claim.Close(0.5489, 0.522, 0.14, "écart")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_claim_that_fails_throws_with_the_statement_and_the_gap()
    {
        var e = Assert.Throws<ClaimFailedException>(() => Claim.Close(0.7, 0.5, 1e-3, "KL(p ‖ q) = 0.5"));
        Assert.Equal("KL(p ‖ q) = 0.5", e.Statement);
        Assert.Contains("0,7 au lieu de 0,5", e.Message);
        Assert.Throws<ClaimFailedException>(() => Claim.Less(1, 1, "strict"));
        Assert.Throws<ClaimFailedException>(() => Claim.Less(double.NaN, 1, "NaN"));
        Assert.Throws<ClaimFailedException>(() => Claim.That(false, "faux"));
        Assert.Throws<ClaimFailedException>(() => Claim.Within(new MonteCarloEstimate(0.6, 0.01, 100), 0.5, 4, "loin"));
        Assert.Throws<ClaimFailedException>(() => Claim.Close(double.NaN, 0.5, 1, "NaN n'est proche de rien"));
    }
}
