using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Probability;

/// <summary>
/// A Gaussian on ℝᵈ with diagonal covariance, 𝒩(μ, diag(σ₁², …, σ_d²)): d independent univariate
/// Gaussians, <c>log p(x) = Σᵢ log 𝒩(xᵢ; μᵢ, σᵢ²)</c>. This is the mean-field family of variational
/// inference and the encoder distribution q_φ(h | x) of a VAE.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Maximiser l'ELBO ».</remarks>
public sealed class DiagonalGaussian : IDistribution<Vector<double>>
{
    /// <summary>Creates 𝒩(<paramref name="mean"/>, diag(<paramref name="variances"/>)).</summary>
    /// <param name="mean">μ ∈ ℝᵈ, finite, d ≥ 1.</param>
    /// <param name="variances">σ² ∈ (0, ∞)ᵈ, same dimension as the mean.</param>
    public DiagonalGaussian(Vector<double> mean, Vector<double> variances)
    {
        Mean = Guard.Finite(mean, nameof(mean)).Clone();
        Guard.AtLeast(Mean.Count, 1, nameof(mean));
        Guard.Finite(variances, nameof(variances));
        Guard.Dimension(variances, Mean.Count, nameof(variances));
        for (int i = 0; i < variances.Count; i++) Guard.Positive(variances[i], $"{nameof(variances)}[{i}]");
        Variances = variances.Clone();
    }

    /// <summary>The standard Gaussian 𝒩(0, I) on ℝᵈ (d ≥ 1): the prior p(h) of the course's models.</summary>
    public static DiagonalGaussian Standard(int dimension) =>
        new(Vector<double>.Build.Dense(Guard.AtLeast(dimension, 1, nameof(dimension))), Vector<double>.Build.Dense(dimension, 1.0));

    /// <summary>The dimension d.</summary>
    public int Dimension => Mean.Count;

    /// <summary>The mean μ.</summary>
    public Vector<double> Mean { get; }

    /// <summary>The variances σᵢ² (the diagonal of the covariance).</summary>
    public Vector<double> Variances { get; }

    /// <summary>The differential entropy <c>H = ½ Σᵢ log(2πeσᵢ²)</c> in nats.</summary>
    public double Entropy => 0.5 * Variances.Sum(v => Math.Log(2 * Math.PI * Math.E * v));

    /// <inheritdoc />
    public Vector<double> Sample(Random random)
    {
        Guard.NotNull(random, nameof(random));
        return Vector<double>.Build.Dense(Dimension, i => Normal.Sample(random, Mean[i], Math.Sqrt(Variances[i])));
    }

    /// <inheritdoc />
    public double LogDensity(Vector<double> x)
    {
        Guard.Dimension(Guard.NotNull(x, nameof(x)), Dimension, nameof(x));
        double sum = 0;
        for (int i = 0; i < Dimension; i++) sum += Normal.PDFLn(Mean[i], Math.Sqrt(Variances[i]), x[i]);
        return sum;
    }

    /// <summary>The same distribution with its covariance written as a full matrix.</summary>
    public MultivariateGaussian ToMultivariate() =>
        new(Mean, Matrix<double>.Build.DenseOfDiagonalVector(Variances));
}
