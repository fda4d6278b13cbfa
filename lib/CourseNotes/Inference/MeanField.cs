using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// The best mean-field (diagonal) approximation q of a Gaussian p = 𝒩(μ, Σ) in the sense of variational
/// inference, <c>argmin_q KL(q ‖ p) = 𝒩(μ, diag(1 / Λᵢᵢ))</c> with Λ = Σ⁻¹ the precision. Its divergence
/// <c>KL(q* ‖ p) = ½ (Σᵢ log Λᵢᵢ − log det Λ)</c> is zero only when Σ is diagonal: the gap that mean-field
/// variational inference cannot close.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Maximiser l'ELBO ».</remarks>
public static class MeanField
{
    /// <summary>The mean-field optimum 𝒩(μ, diag(1 / Λᵢᵢ)) for the Gaussian <paramref name="target"/>.</summary>
    public static DiagonalGaussian Optimum(MultivariateGaussian target)
    {
        var precision = Precision(target);
        return new DiagonalGaussian(target.Mean, Vector<double>.Build.Dense(target.Dimension, i => 1 / precision[i, i]));
    }

    /// <summary>The smallest KL(q ‖ p) a mean-field q reaches: <c>½ (Σᵢ log Λᵢᵢ − log det Λ)</c> ≥ 0.</summary>
    public static double Gap(MultivariateGaussian target)
    {
        var precision = Precision(target);
        double sumLogDiagonal = 0;
        for (int i = 0; i < target.Dimension; i++) sumLogDiagonal += Math.Log(precision[i, i]);
        return Math.Max(0, 0.5 * (sumLogDiagonal + target.LogDeterminant)); // log det Λ = −log det Σ
    }

    private static Matrix<double> Precision(MultivariateGaussian target) =>
        Guard.NotNull(target, nameof(target)).SolveCovariance(Matrix<double>.Build.DenseIdentity(target.Dimension));
}
