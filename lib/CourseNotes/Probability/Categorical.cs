using MathNetCategorical = MathNet.Numerics.Distributions.Categorical;

namespace CourseNotes.Probability;

/// <summary>
/// The categorical distribution on {0, …, K − 1}: <c>p(k) = πₖ</c> with πₖ ≥ 0 and Σₖ πₖ = 1.
/// Sampling is MathNet.Numerics' <see cref="MathNetCategorical"/>. It is the prior p(h) of a mixture's
/// discrete latent variable, and the lecture's discrete KL divergence is stated for it.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a> and
/// <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Un premier exemple : le mélange de gaussiennes ».</remarks>
public sealed class Categorical : IDistribution<int>
{
    private readonly double[] _probabilities;

    /// <summary>Creates the distribution with probabilities π (each in [0, 1], summing to 1 within 1e-9, K ≥ 1).</summary>
    public Categorical(IReadOnlyList<double> probabilities)
    {
        _probabilities = Guard.ProbabilityVector(probabilities, nameof(probabilities));
    }

    /// <summary>The number of categories K.</summary>
    public int Count => _probabilities.Length;

    /// <summary>The probabilities π₀ … π_{K−1}.</summary>
    public IReadOnlyList<double> Probabilities => _probabilities;

    /// <summary>The Shannon entropy <c>H = −Σₖ πₖ log πₖ</c> in nats (0 log 0 = 0).</summary>
    public double Entropy => -_probabilities.Where(p => p > 0).Sum(p => p * Math.Log(p));

    /// <inheritdoc />
    public int Sample(Random random) => MathNetCategorical.Sample(Guard.NotNull(random, nameof(random)), _probabilities);

    /// <summary>log πₖ; −∞ for a category of probability 0 or outside {0, …, K − 1}.</summary>
    public double LogDensity(int k) => k >= 0 && k < Count ? Math.Log(_probabilities[k]) : double.NegativeInfinity;
}
