using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.LatentVariables;

/// <summary>
/// The linear-Gaussian latent-variable model (probabilistic PCA): <c>h ~ 𝒩(0, Iₖ)</c>,
/// <c>x | h ~ 𝒩(W h + μ, σ² I_D)</c>. Everything is Gaussian and exact, which makes it the course's
/// test bench for variational inference:
/// <list type="bullet">
/// <item>evidence <c>p(x) = 𝒩(x; μ, W Wᵀ + σ² I)</c>;</item>
/// <item>posterior <c>p(h | x) = 𝒩(M⁻¹ Wᵀ (x − μ), σ² M⁻¹)</c> with <c>M = Wᵀ W + σ² I</c> — not diagonal in general,
/// so a mean-field q cannot reach it.</item>
/// </list>
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Un modèle à variable latente continue : le modèle linéaire gaussien »,
/// and used throughout <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>.</remarks>
public sealed class LinearGaussianModel : ILatentVariableModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="loadings">W, D × K (D, K ≥ 1), finite.</param>
    /// <param name="offset">μ ∈ ℝᴰ, finite.</param>
    /// <param name="noiseVariance">σ² &gt; 0.</param>
    public LinearGaussianModel(Matrix<double> loadings, Vector<double> offset, double noiseVariance)
    {
        Guard.NotNull(loadings, nameof(loadings));
        foreach (var (i, j, w) in loadings.EnumerateIndexed())
            if (!double.IsFinite(w)) throw new ArgumentException($"loadings[{i}, {j}] must be finite, got {w}.", nameof(loadings));
        Loadings = loadings.Clone();
        Offset = Guard.Finite(offset, nameof(offset)).Clone();
        Guard.Dimension(Offset, Loadings.RowCount, nameof(offset));
        NoiseVariance = Guard.Positive(noiseVariance, nameof(noiseVariance));
        Prior = MultivariateGaussian.Standard(LatentDimension);
        Evidence = new MultivariateGaussian(Offset, Loadings * Loadings.Transpose() + NoiseVariance * Matrix<double>.Build.DenseIdentity(ObservedDimension));
        var m = Loadings.TransposeThisAndMultiply(Loadings) + NoiseVariance * Matrix<double>.Build.DenseIdentity(LatentDimension);
        _posteriorPrecisionFactor = m.Cholesky();
        var posteriorCovariance = NoiseVariance * _posteriorPrecisionFactor.Solve(Matrix<double>.Build.DenseIdentity(LatentDimension));
        _posteriorCovariance = (posteriorCovariance + posteriorCovariance.Transpose()) / 2;
    }

    private readonly MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> _posteriorPrecisionFactor;
    private readonly Matrix<double> _posteriorCovariance;

    /// <summary>W, the D × K loading matrix.</summary>
    public Matrix<double> Loadings { get; }

    /// <summary>μ, the mean of x.</summary>
    public Vector<double> Offset { get; }

    /// <summary>σ², the observation noise variance.</summary>
    public double NoiseVariance { get; }

    /// <inheritdoc />
    public int LatentDimension => Loadings.ColumnCount;

    /// <inheritdoc />
    public int ObservedDimension => Loadings.RowCount;

    /// <summary>The prior p(h) = 𝒩(0, I).</summary>
    public MultivariateGaussian Prior { get; }

    /// <summary>The marginal p(x) = 𝒩(μ, W Wᵀ + σ² I), whose log-density is the exact log-evidence.</summary>
    public MultivariateGaussian Evidence { get; }

    /// <summary>The exact log-evidence log p(x).</summary>
    public double LogEvidence(Vector<double> x) => Evidence.LogDensity(x);

    /// <summary>The likelihood p(x | h) = 𝒩(W h + μ, σ² I).</summary>
    public DiagonalGaussian Likelihood(Vector<double> h)
    {
        Guard.Dimension(Guard.Finite(h, nameof(h)), LatentDimension, nameof(h));
        return new DiagonalGaussian(Loadings * h + Offset, Vector<double>.Build.Dense(ObservedDimension, NoiseVariance));
    }

    /// <summary>The exact posterior p(h | x) = 𝒩(M⁻¹ Wᵀ (x − μ), σ² M⁻¹), M = Wᵀ W + σ² I.</summary>
    public MultivariateGaussian Posterior(Vector<double> x)
    {
        Guard.Dimension(Guard.Finite(x, nameof(x)), ObservedDimension, nameof(x));
        return new MultivariateGaussian(_posteriorPrecisionFactor.Solve(Loadings.TransposeThisAndMultiply(x - Offset)), _posteriorCovariance);
    }

    /// <inheritdoc />
    public double LogJoint(Vector<double> x, Vector<double> h) => Prior.LogDensity(h) + Likelihood(h).LogDensity(x);

    /// <summary><c>∇_h log p(x, h) = −h + Wᵀ (x − W h − μ) / σ²</c>.</summary>
    public Vector<double> LogJointGradient(Vector<double> x, Vector<double> h)
    {
        Guard.Dimension(Guard.NotNull(x, nameof(x)), ObservedDimension, nameof(x));
        Guard.Dimension(Guard.NotNull(h, nameof(h)), LatentDimension, nameof(h));
        return Loadings.TransposeThisAndMultiply(x - Loadings * h - Offset) / NoiseVariance - h;
    }

    /// <summary>
    /// The expected log-likelihood under a Gaussian q = 𝒩(m, S), in closed form:
    /// <c>E_q[log p(x | h)] = −(D/2) log(2πσ²) − (‖x − W m − μ‖² + tr(W S Wᵀ)) / (2σ²)</c>.
    /// </summary>
    public double ExpectedLogLikelihood(Vector<double> x, MultivariateGaussian q)
    {
        Guard.Dimension(Guard.Finite(x, nameof(x)), ObservedDimension, nameof(x));
        Guard.NotNull(q, nameof(q));
        Guard.Dimension(q.Mean, LatentDimension, nameof(q));
        var residual = x - Loadings * q.Mean - Offset;
        double trace = (Loadings * q.Covariance).TransposeAndMultiply(Loadings).Trace();
        return -0.5 * ObservedDimension * Math.Log(2 * Math.PI * NoiseVariance)
               - (residual.DotProduct(residual) + trace) / (2 * NoiseVariance);
    }

    /// <summary>Ancestral sampling: h ~ 𝒩(0, I), then x ~ 𝒩(W h + μ, σ² I).</summary>
    public (Vector<double> H, Vector<double> X) SampleJoint(Random random)
    {
        var h = Prior.Sample(Guard.NotNull(random, nameof(random)));
        return (h, Likelihood(h).Sample(random));
    }
}
