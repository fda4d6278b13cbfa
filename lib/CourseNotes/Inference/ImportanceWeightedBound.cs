using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// The importance-weighted bound (IWAE, Burda et al. 2016) with k samples from a proposal q:
/// <c>𝓛ₖ = E[log (1/k) Σᵢ p(x, hᵢ) / q(hᵢ)]</c>, hᵢ ~ q. 𝓛₁ is the ELBO,
/// <c>𝓛₁ ≤ 𝓛ₖ ≤ 𝓛ₖ₊₁ ≤ log p(x)</c>, and 𝓛ₖ → log p(x) as k → ∞. Each draw is also an importance-sampling
/// estimate of log p(x); with q = p(h) it is naive Monte Carlo, <c>p(x) ≈ (1/k) Σᵢ p(x | hᵢ)</c>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Exercices »,
/// and <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a> (naive Monte Carlo evidence).</remarks>
public static class ImportanceWeightedBound
{
    /// <summary>One draw of <c>log (1/k) Σᵢ exp(log p(x, hᵢ) − log q(hᵢ))</c>, computed by log-sum-exp.</summary>
    /// <param name="model">Gives log p(x, h).</param>
    /// <param name="x">The observation.</param>
    /// <param name="q">The proposal on ℝᵏ (a variational posterior, or the prior).</param>
    /// <param name="k">The number of importance samples, k ≥ 1.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static double Sample(ILatentVariableModel model, Vector<double> x, IDistribution<Vector<double>> q, int k, Random random)
    {
        Guard.AtLeast(k, 1, nameof(k));
        return LogSumExp.Mean(ImportanceWeights.SampleLog(model, x, q, k, random));
    }

    /// <summary>𝓛ₖ estimated by the mean of <paramref name="repeats"/> (≥ 2) independent draws, with its standard error.</summary>
    public static MonteCarloEstimate Estimate(ILatentVariableModel model, Vector<double> x, IDistribution<Vector<double>> q, int k, int repeats, Random random)
    {
        Guard.AtLeast(repeats, 2, nameof(repeats));
        var draws = new double[repeats];
        for (int r = 0; r < repeats; r++) draws[r] = Sample(model, x, q, k, random);
        return MonteCarloEstimate.FromValues(draws);
    }
}
