using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CourseNotes.Probability;

/// <summary>
/// The Gaussian 𝒩(μ, Σ) on ℝᵈ with a full covariance, held through its Cholesky factor Σ = L Lᵀ:
/// <c>log p(x) = −½ (d log 2π + log det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ))</c>, and sampling by
/// <c>x = μ + L ε</c>, ε ~ 𝒩(0, I) (the reparameterisation of the VAE).
/// MathNet.Numerics provides the linear algebra and the Cholesky factorisation, not this distribution.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Un modèle à variable latente continue : le modèle linéaire gaussien », and
/// <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « L'ELBO » (full-covariance q).</remarks>
public sealed class MultivariateGaussian : IDistribution<Vector<double>>
{
    private readonly Cholesky<double> _cholesky;

    /// <summary>Creates 𝒩(<paramref name="mean"/>, <paramref name="covariance"/>).</summary>
    /// <param name="mean">μ ∈ ℝᵈ, finite, d ≥ 1.</param>
    /// <param name="covariance">Σ, d × d, symmetric (to 1e-9 relative) and positive definite.</param>
    public MultivariateGaussian(Vector<double> mean, Matrix<double> covariance)
    {
        Mean = Guard.Finite(mean, nameof(mean)).Clone();
        Guard.AtLeast(Mean.Count, 1, nameof(mean));
        Guard.NotNull(covariance, nameof(covariance));
        if (covariance.RowCount != Mean.Count || covariance.ColumnCount != Mean.Count)
            throw new ArgumentException($"covariance is {covariance.RowCount} × {covariance.ColumnCount}, expected {Mean.Count} × {Mean.Count}.", nameof(covariance));
        for (int i = 0; i < Mean.Count; i++)
            for (int j = 0; j < Mean.Count; j++)
            {
                if (!double.IsFinite(covariance[i, j]))
                    throw new ArgumentException($"covariance[{i}, {j}] must be finite, got {covariance[i, j]}.", nameof(covariance));
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-9 * (Math.Abs(covariance[i, j]) + Math.Abs(covariance[j, i]) + 1e-300))
                    throw new ArgumentException($"covariance must be symmetric: [{i}, {j}] differs from [{j}, {i}].", nameof(covariance));
            }
        Covariance = covariance.Clone();
        try
        {
            _cholesky = Covariance.Cholesky();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("covariance must be positive definite.", nameof(covariance), e);
        }
    }

    /// <summary>Creates 𝒩(μ, L Lᵀ) from a lower-triangular factor L with a positive diagonal.</summary>
    public static MultivariateGaussian FromCholeskyFactor(Vector<double> mean, Matrix<double> lowerFactor)
    {
        Guard.NotNull(lowerFactor, nameof(lowerFactor));
        for (int i = 0; i < lowerFactor.RowCount; i++)
            Guard.Positive(lowerFactor[i, i], $"{nameof(lowerFactor)}[{i}, {i}]");
        var lower = lowerFactor.LowerTriangle();
        var covariance = lower * lower.Transpose();
        return new MultivariateGaussian(mean, (covariance + covariance.Transpose()) / 2);
    }

    /// <summary>The standard Gaussian 𝒩(0, I) on ℝᵈ (d ≥ 1).</summary>
    public static MultivariateGaussian Standard(int dimension) =>
        new(Vector<double>.Build.Dense(Guard.AtLeast(dimension, 1, nameof(dimension))), Matrix<double>.Build.DenseIdentity(dimension));

    /// <summary>The dimension d.</summary>
    public int Dimension => Mean.Count;

    /// <summary>The mean μ.</summary>
    public Vector<double> Mean { get; }

    /// <summary>The covariance Σ.</summary>
    public Matrix<double> Covariance { get; }

    /// <summary>The lower-triangular Cholesky factor L, Σ = L Lᵀ.</summary>
    public Matrix<double> CholeskyFactor => _cholesky.Factor;

    /// <summary>log det Σ = 2 Σᵢ log Lᵢᵢ.</summary>
    public double LogDeterminant => _cholesky.DeterminantLn;

    /// <summary>The differential entropy <c>H = ½ (d (1 + log 2π) + log det Σ)</c> in nats.</summary>
    public double Entropy => 0.5 * (Dimension * (1 + Math.Log(2 * Math.PI)) + LogDeterminant);

    /// <summary>Solves Σ y = b with the stored Cholesky factor.</summary>
    public Vector<double> SolveCovariance(Vector<double> b) => _cholesky.Solve(b);

    /// <summary>Solves Σ Y = B with the stored Cholesky factor.</summary>
    public Matrix<double> SolveCovariance(Matrix<double> b) => _cholesky.Solve(b);

    /// <summary>The squared Mahalanobis distance (x − μ)ᵀ Σ⁻¹ (x − μ).</summary>
    public double MahalanobisSquared(Vector<double> x)
    {
        Guard.Dimension(Guard.NotNull(x, nameof(x)), Dimension, nameof(x));
        var d = x - Mean;
        return d.DotProduct(_cholesky.Solve(d));
    }

    /// <inheritdoc />
    public Vector<double> Sample(Random random)
    {
        Guard.NotNull(random, nameof(random));
        var epsilon = Vector<double>.Build.Dense(Dimension, _ => Normal.Sample(random, 0, 1));
        return Mean + CholeskyFactor * epsilon;
    }

    /// <inheritdoc />
    public double LogDensity(Vector<double> x) =>
        -0.5 * (Dimension * Math.Log(2 * Math.PI) + LogDeterminant + MahalanobisSquared(x));
}
