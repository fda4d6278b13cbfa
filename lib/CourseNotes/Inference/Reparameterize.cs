using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// The reparameterisation trick: a sample of q_φ = 𝒩(m, L Lᵀ) written as a deterministic, differentiable
/// function of φ = (m, L) and of parameter-free noise, <c>h = m + L ε</c>, ε ~ 𝒩(0, I). Gradients of
/// <c>E_q[f(h)]</c> then pass through the sample: <c>∇_φ E_ε[f(m + L ε)] = E_ε[∇_φ f(m + L ε)]</c>.
/// This form works on MathNet vectors (no libtorch); the VAE's batched tensor form is <see cref="Vae.VaeModule.Reparameterize"/>.
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
}
