using CourseNotes.Formatting;
using MathNet.Numerics.Statistics;

namespace CourseNotes.Probability;

/// <summary>
/// A Monte Carlo estimate <c>Ê = (1/n) Σᵢ f(xᵢ)</c> of an expectation, with its standard error
/// <c>s/√n</c> (s the sample standard deviation): the true value lies within ±2 standard errors about
/// 95 % of the time.
/// </summary>
/// <param name="Mean">The estimate Ê.</param>
/// <param name="StandardError">The estimated standard deviation of Ê, <c>s/√n</c> (0 when n = 1).</param>
/// <param name="SampleCount">The number n ≥ 1 of samples averaged.</param>
/// <remarks>Taught in <a href="../../notebooks/02-divergence-kl.ipynb">02-divergence-kl.ipynb</a>, section « Le cas gaussien : une forme close » (convergence of the Monte Carlo KL).</remarks>
public readonly record struct MonteCarloEstimate(double Mean, double StandardError, int SampleCount)
{
    /// <summary>The estimate from the values <c>f(xᵢ)</c> of independent samples (at least one).</summary>
    public static MonteCarloEstimate FromValues(IReadOnlyList<double> values)
    {
        Guard.NotNull(values, nameof(values));
        if (values.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        if (values.Count == 1) return new MonteCarloEstimate(values[0], 0, 1);
        var (mean, variance) = values.MeanVariance();
        return new MonteCarloEstimate(mean, Math.Sqrt(variance / values.Count), values.Count);
    }

    /// <summary>True when <paramref name="value"/> lies within <paramref name="standardErrors"/> standard errors of the estimate.</summary>
    public bool IsWithin(double value, double standardErrors) =>
        Math.Abs(value - Mean) <= standardErrors * StandardError;

    /// <summary>"mean ± standard error (n = …)", in the course's fixed French convention (<see cref="CourseCulture"/>:
    /// « 0,49 ± 0,0167 (n = 10 000) », « 3,2 × 10⁻⁵ » for a small number), so outputs match on every machine.</summary>
    public override string ToString() =>
        CourseCulture.Format($"{CourseCulture.Scientific(Mean, 6)} ± {CourseCulture.Scientific(StandardError)} (n = {SampleCount:#,0})");
}
