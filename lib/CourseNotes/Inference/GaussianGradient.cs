using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// Two unbiased Monte Carlo estimators of <c>∇_μ E_q[f(h)]</c> for q = 𝒩(μ, diag σ²) — the gradient
/// the ELBO's optimiser needs:
/// <list type="bullet">
/// <item>score function (REINFORCE): <c>f(h) (h − μ)/σ²</c>, h ~ q — needs only values of f, but its
/// variance grows with the size of f and with the dimension;</item>
/// <item>reparameterised: <c>∇f(μ + σ ⊙ ε)</c>, ε ~ 𝒩(0, I) — needs ∇f, and its variance does not
/// depend on the other coordinates. This is the trick that makes the VAE trainable.</item>
/// </list>
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « L'astuce de reparamétrisation ».</remarks>
public static class GaussianGradient
{
    /// <summary>The score-function estimate of each coordinate of ∇_μ E_q[f(h)].</summary>
    /// <param name="f">The integrand, finite.</param>
    /// <param name="q">The Gaussian 𝒩(μ, diag σ²).</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static MonteCarloEstimate[] ScoreFunction(Func<Vector<double>, double> f, DiagonalGaussian q, int samples, Random random)
    {
        Guard.NotNull(f, nameof(f));
        return Estimate(q, samples, random, h => (h - q.Mean).PointwiseDivide(q.Variances) * f(h));
    }

    /// <summary>The reparameterised estimate of each coordinate of ∇_μ E_q[f(h)] = E_ε[∇f(μ + σ ⊙ ε)].</summary>
    /// <param name="gradient">∇f, finite.</param>
    /// <param name="q">The Gaussian 𝒩(μ, diag σ²).</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static MonteCarloEstimate[] Reparameterized(Func<Vector<double>, Vector<double>> gradient, DiagonalGaussian q, int samples, Random random)
    {
        Guard.NotNull(gradient, nameof(gradient));
        return Estimate(q, samples, random, gradient);
    }

    private static MonteCarloEstimate[] Estimate(DiagonalGaussian q, int samples, Random random, Func<Vector<double>, Vector<double>> term)
    {
        Guard.NotNull(q, nameof(q));
        Guard.AtLeast(samples, 2, nameof(samples));
        var values = new double[q.Dimension][];
        for (int j = 0; j < q.Dimension; j++) values[j] = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            var g = term(q.Sample(random));
            for (int j = 0; j < q.Dimension; j++) values[j][i] = g[j];
        }
        return values.Select(MonteCarloEstimate.FromValues).ToArray();
    }
}
