namespace CourseNotes.Probability;

/// <summary>
/// A probability distribution that can be sampled and whose log-density (or log-mass) can be evaluated:
/// all a Monte Carlo estimator of <c>E_p[f(x)]</c> or of a KL divergence needs.
/// </summary>
/// <typeparam name="T">The type of an outcome: <see cref="double"/>, <see cref="int"/> or a vector.</typeparam>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Un premier exemple : le mélange de gaussiennes ».</remarks>
public interface IDistribution<T>
{
    /// <summary>Draws one outcome <c>x ~ p</c> using <paramref name="random"/> (seed it for reproducible runs).</summary>
    T Sample(Random random);

    /// <summary>The natural logarithm of the density (continuous) or mass (discrete) at <paramref name="x"/>: <c>log p(x)</c>, possibly −∞.</summary>
    double LogDensity(T x);
}

/// <summary>Helpers for every <see cref="IDistribution{T}"/>.</summary>
public static class DistributionExtensions
{
    /// <summary>Draws <paramref name="count"/> independent outcomes (count ≥ 0).</summary>
    public static T[] Samples<T>(this IDistribution<T> distribution, Random random, int count)
    {
        Guard.AtLeast(count, 0, nameof(count));
        var samples = new T[count];
        for (int i = 0; i < count; i++) samples[i] = distribution.Sample(random);
        return samples;
    }
}
