using CourseNotes.Formatting;
using CourseNotes.Probability;
using CourseNotes.Vae;

namespace CourseNotes.Claims;

/// <summary>
/// A claim of the lecture checked in a notebook cell: when it holds, one line « ✓ … » is written to
/// the cell's output, with the numbers compared; when it does not, a <see cref="ClaimFailedException"/>
/// stops the cell, so the runner and CI fail — on machines that reproduce the stored outputs; elsewhere the
/// failure is written « ✗ … » and the notebook goes on (<see cref="ClaimFailures"/>). Numbers are written with the course's fixed French
/// convention (<see cref="CourseCulture"/>: decimal comma), so outputs match on every machine.
/// </summary>
/// <remarks>Used by every notebook; first in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>.</remarks>
public static class Claim
{
    private const string Nnbsp = "\u202F";

    /// <summary>Checks that <paramref name="condition"/> holds.</summary>
    /// <param name="condition">The claim, evaluated.</param>
    /// <param name="statement">What is claimed, in French.</param>
    public static void That(bool condition, string statement)
    {
        if (!condition) { Fail(statement, "la condition est fausse"); return; }
        Holds(statement, "");
    }

    /// <summary>Checks <c>smaller &lt; larger</c>, and prints both numbers.</summary>
    /// <param name="smaller">The value claimed to be the smaller one.</param>
    /// <param name="larger">The value claimed to be the larger one.</param>
    /// <param name="statement">What is claimed, in French.</param>
    public static void Less(double smaller, double larger, string statement)
    {
        if (!(smaller < larger)) { Fail(statement, $"{S(smaller, 6)} n’est pas inférieur à {S(larger, 6)}"); return; }
        Holds(statement, $" ({S(smaller, 6)} < {S(larger, 6)})");
    }

    /// <summary>Checks <c>|actual − expected| ≤ tolerance</c>.</summary>
    /// <param name="actual">The computed value.</param>
    /// <param name="expected">The value the lecture predicts.</param>
    /// <param name="tolerance">The largest accepted difference, ≥ 0.</param>
    /// <param name="statement">What is claimed, in French.</param>
    public static void Close(double actual, double expected, double tolerance, string statement)
    {
        double gap = Math.Abs(actual - expected);
        if (!(gap <= Guard.Finite(tolerance, nameof(tolerance)))) { Fail(statement, $"{S(actual, 6)} au lieu de {S(expected, 6)}, écart {S(gap)} > {S(tolerance)}"); return; }
        Holds(statement, $" (écart {Round(gap)} ≤ {S(tolerance)})");
    }

    /// <summary>Checks that the exact <paramref name="value"/> lies within <paramref name="standardErrors"/> standard errors of a Monte Carlo <paramref name="estimate"/>.</summary>
    /// <param name="estimate">The Monte Carlo estimate, with its standard error.</param>
    /// <param name="value">The exact value (closed form).</param>
    /// <param name="standardErrors">How many standard errors are accepted, &gt; 0 (4 fails a correct claim about once in 16 000 runs).</param>
    /// <param name="statement">What is claimed, in French.</param>
    public static void Within(MonteCarloEstimate estimate, double value, double standardErrors, string statement)
    {
        Guard.Positive(standardErrors, nameof(standardErrors));
        if (!estimate.IsWithin(value, standardErrors)) { Fail(statement, $"{estimate} est à plus de {S(standardErrors)} erreurs-types de {S(value, 6)}"); return; }
        Holds(statement, $" ({estimate}{Nnbsp}; valeur exacte\u00A0: {S(value, 6)})");
    }

    private static void Holds(string statement, string detail) => Console.WriteLine($"✓ {statement}{detail}");

    // Strict: the cell stops. Report (off the course's reproducible path, or as COURSENOTES_CLAIMS says): « ✗ … » and the cell goes on.
    private static void Fail(string statement, string reason)
    {
        var failure = new ClaimFailedException(statement, reason);
        bool reproducible = CpuCodePath.IsFixed;
        if (ClaimFailures.Choose(Environment.GetEnvironmentVariable(ClaimFailures.Variable), reproducible) == ClaimFailureMode.Strict) throw failure;
        ClaimFailures.Report(failure, Console.Error, reproducible);
    }

    // Numbers in the course's convention: decimal comma, and 2,5 × 10⁻⁸ rather than .NET's 2,5e−08.
    private static string S(double value, int digits = 3) => CourseCulture.Scientific(value, digits);

    // Differences at rounding level (1e-15…) vary between CPUs: below 1e-12 they print as « < 10⁻¹² ».
    private static string Round(double gap) => gap < 1e-12 ? "< " + S(1e-12) : S(gap);
}
