using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace CourseNotes.Inference;

/// <summary>
/// The reparameterisation trick: a sample of q_φ = 𝒩(m, L Lᵀ) written as a deterministic, differentiable
/// function of φ = (m, L) and of parameter-free noise, <c>h = m + L ε</c>, ε ~ 𝒩(0, I). Gradients of
/// <c>E_q[f(h)]</c> then pass through the sample: <c>∇_φ E_ε[f(m + L ε)] = E_ε[∇_φ f(m + L ε)]</c>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « L'astuce de reparamétrisation ».</remarks>
public static class Reparameterize
{
    /// <summary><c>h = m + L ε</c> for a full-covariance Gaussian.</summary>
    /// <param name="mean">m ∈ ℝᵏ.</param>
    /// <param name="lowerFactor">L, K × K lower-triangular (the Cholesky factor of the covariance).</param>
    /// <param name="epsilon">ε ∈ ℝᵏ, a draw of 𝒩(0, I).</param>
    public static Vector<double> Gaussian(Vector<double> mean, Matrix<double> lowerFactor, Vector<double> epsilon)
    {
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(lowerFactor, nameof(lowerFactor));
        Guard.NotNull(epsilon, nameof(epsilon));
        if (lowerFactor.RowCount != mean.Count || lowerFactor.ColumnCount != mean.Count)
            throw new ArgumentException($"lowerFactor is {lowerFactor.RowCount} × {lowerFactor.ColumnCount}, expected {mean.Count} × {mean.Count}.", nameof(lowerFactor));
        Guard.Dimension(epsilon, mean.Count, nameof(epsilon));
        return mean + lowerFactor.LowerTriangle() * epsilon;
    }

    /// <summary>
    /// The VAE's form for a diagonal Gaussian given by its mean and log-variance (any shape, e.g. batch × K):
    /// <c>h = μ + exp(½ log σ²) ⊙ ε</c>, ε ~ 𝒩(0, I) drawn from <paramref name="generator"/> (seed it).
    /// Differentiable with respect to both tensors.
    /// </summary>
    public static Tensor Gaussian(Tensor mean, Tensor logVariance, Generator? generator = null)
    {
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(logVariance, nameof(logVariance));
        if (!mean.shape.SequenceEqual(logVariance.shape))
            throw new ArgumentException($"logVariance has shape [{string.Join(", ", logVariance.shape)}], mean has [{string.Join(", ", mean.shape)}].", nameof(logVariance));
        using var epsilon = randn(mean.shape, dtype: mean.dtype, device: mean.device, generator: generator);
        using var standardDeviation = (0.5 * logVariance).exp();
        return mean + standardDeviation * epsilon;
    }
}
