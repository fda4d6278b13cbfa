using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// The naive Monte Carlo estimate of the evidence, <c>p̂(x) = (1/n) Σᵢ p(x | hᵢ)</c> with hᵢ ~ p(h):
/// unbiased, but the prior rarely proposes the h that explain x, so its relative variance
/// <c>Var[p(x | h)] / p(x)²</c> grows exponentially with the dimension. That is why p(h | x) is
/// « inaccessible » in the lecture, and why variational inference proposes from q(h | x) instead.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Pourquoi $p(\boldsymbol x)$ est inaccessible ».</remarks>
public static class NaiveMonteCarlo
{
    /// <summary>log p̂(x), the log of the naive estimate from <paramref name="samples"/> draws of the prior (computed by log-sum-exp).</summary>
    /// <param name="model">The linear-Gaussian model (its prior proposes).</param>
    /// <param name="x">The observation, of dimension D.</param>
    /// <param name="samples">n ≥ 1.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static double LogEvidence(LinearGaussianModel model, Vector<double> x, int samples, Random random) =>
        ImportanceWeightedBound.Sample(Guard.NotNull(model, nameof(model)), x, model.Prior, samples, random);

    /// <summary>
    /// The relative variance of one term, <c>Var[p(x | h)] / p(x)² = E[p(x | h)²] / p(x)² − 1</c> with
    /// h ~ p(h), in closed form: <c>p(x | h)² = (4πσ²)^(−D/2) 𝒩(x; W h + μ, σ²/2 I)</c>, so
    /// <c>E[p(x | h)²] = (4πσ²)^(−D/2) 𝒩(x; μ, W Wᵀ + σ²/2 I)</c>. The estimate from n draws has relative
    /// variance this value / n: n must grow like it to keep the same precision.
    /// </summary>
    public static double RelativeVariance(LinearGaussianModel model, Vector<double> x)
    {
        Guard.NotNull(model, nameof(model));
        Guard.Dimension(Guard.Finite(x, nameof(x)), model.ObservedDimension, nameof(x));
        int d = model.ObservedDimension;
        var halfNoise = new MultivariateGaussian(model.Offset,
            model.Loadings * model.Loadings.Transpose() + model.NoiseVariance / 2 * Matrix<double>.Build.DenseIdentity(d));
        double logSecondMoment = -0.5 * d * Math.Log(4 * Math.PI * model.NoiseVariance) + halfNoise.LogDensity(x);
        return Math.Exp(logSecondMoment - 2 * model.LogEvidence(x)) - 1;
    }

    /// <summary>The same relative variance estimated from <paramref name="samples"/> draws (≥ 2): it underestimates
    /// when the weights are heavy-tailed, since the rare large terms are seldom drawn.</summary>
    public static double EmpiricalRelativeVariance(LinearGaussianModel model, Vector<double> x, int samples, Random random)
    {
        Guard.NotNull(model, nameof(model));
        Guard.AtLeast(samples, 2, nameof(samples));
        var logWeights = ImportanceWeights.SampleLog(model, x, model.Prior, samples, random);
        double max = logWeights.Max();
        var scaled = logWeights.Select(w => Math.Exp(w - max)).ToArray();
        double mean = scaled.Average();
        double variance = scaled.Sum(w => (w - mean) * (w - mean)) / (samples - 1);
        return variance / (mean * mean);
    }
}
