using MathNetBernoulli = MathNet.Numerics.Distributions.Bernoulli;

namespace CourseNotes.Probability;

/// <summary>
/// The Bernoulli distribution on {0, 1}: <c>p(1) = π</c>, <c>p(0) = 1 − π</c>, so
/// <c>log p(x) = x log π + (1 − x) log(1 − π)</c>. It is the likelihood of one binary pixel under a VAE's
/// Bernoulli decoder. Sampling is MathNet.Numerics' <see cref="MathNetBernoulli"/>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « La fonction de coût ».</remarks>
public sealed class Bernoulli : IDistribution<int>
{
    /// <summary>Creates the distribution with success probability <paramref name="probability"/> ∈ [0, 1].</summary>
    public Bernoulli(double probability)
    {
        Probability = Guard.Probability(probability, nameof(probability));
    }

    /// <summary>The probability π of the outcome 1.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public int Sample(Random random) => MathNetBernoulli.Sample(Guard.NotNull(random, nameof(random)), Probability);

    /// <summary>log p(x) for x ∈ {0, 1}; −∞ for any other x or an impossible outcome.</summary>
    public double LogDensity(int x) => x switch
    {
        1 => Math.Log(Probability),
        0 => Math.Log(1 - Probability),
        _ => double.NegativeInfinity,
    };
}
