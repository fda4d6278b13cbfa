using CourseNotes.Formatting;
using MathNet.Numerics.Distributions;

namespace CourseNotes.Probability;

/// <summary>
/// The univariate Gaussian (normal) distribution 𝒩(μ, σ²), with density
/// <c>p(x) = exp(−(x − μ)² / (2σ²)) / √(2πσ²)</c>.
/// Density and sampling are MathNet.Numerics' <see cref="Normal"/>; this type adds the course's
/// parameterisation by the variance and the <see cref="IDistribution{T}"/> interface.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/02-divergence-kl.ipynb">02-divergence-kl.ipynb</a>, section « Le cas gaussien : une forme close ».</remarks>
public sealed class Gaussian : IDistribution<double>
{
    /// <summary>Creates 𝒩(<paramref name="mean"/>, <paramref name="variance"/>).</summary>
    /// <param name="mean">μ, any finite number.</param>
    /// <param name="variance">σ² &gt; 0, finite.</param>
    public Gaussian(double mean, double variance)
    {
        Mean = Guard.Finite(mean, nameof(mean));
        Variance = Guard.Positive(variance, nameof(variance));
    }

    /// <summary>The standard Gaussian 𝒩(0, 1).</summary>
    public static Gaussian Standard { get; } = new(0, 1);

    /// <summary>The mean μ.</summary>
    public double Mean { get; }

    /// <summary>The variance σ².</summary>
    public double Variance { get; }

    /// <summary>The standard deviation σ = √σ².</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The differential entropy <c>H = ½ log(2πeσ²)</c> in nats.</summary>
    public double Entropy => 0.5 * Math.Log(2 * Math.PI * Math.E * Variance);

    /// <inheritdoc />
    public double Sample(Random random) => Normal.Sample(Guard.NotNull(random, nameof(random)), Mean, StandardDeviation);

    /// <inheritdoc />
    public double LogDensity(double x) => Normal.PDFLn(Mean, StandardDeviation, x);

    /// <summary>« 𝒩(μ ; σ²) » in the course's French convention (<see cref="CourseCulture"/>): « 𝒩(0 ; 4,36) »; the
    /// semicolon separates the parameters, since the comma is the decimal separator.</summary>
    public override string ToString() => CourseCulture.Format($"𝒩({Mean:G6}\u202F; {Variance:G6})");
}
