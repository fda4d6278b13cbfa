using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.LatentVariables;

/// <summary>
/// A Gaussian mixture as a latent-variable model with a discrete latent h ∈ {0, …, K − 1}:
/// <c>p(h) = πₕ</c>, <c>p(x | h) = 𝒩(x; μₕ, Σₕ)</c>, so <c>p(x) = Σₕ πₕ 𝒩(x; μₕ, Σₕ)</c>. Here the
/// posterior is exact and cheap: the responsibilities <c>p(h | x) = πₕ 𝒩(x; μₕ, Σₕ) / p(x)</c>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Un premier exemple : le mélange de gaussiennes ».</remarks>
public sealed class GaussianMixture : IDistribution<Vector<double>>
{
    private readonly MultivariateGaussian[] _components;

    /// <summary>Creates the mixture Σₕ πₕ 𝒩(μₕ, Σₕ).</summary>
    /// <param name="weights">The prior p(h) = π over K ≥ 1 components.</param>
    /// <param name="components">K Gaussians of one dimension D, in the order of the weights.</param>
    public GaussianMixture(Categorical weights, IReadOnlyList<MultivariateGaussian> components)
    {
        Weights = Guard.NotNull(weights, nameof(weights));
        Guard.NotNull(components, nameof(components));
        if (components.Count != weights.Count)
            throw new ArgumentException($"{components.Count} components for {weights.Count} weights.", nameof(components));
        _components = components.ToArray();
        for (int k = 0; k < _components.Length; k++)
        {
            Guard.NotNull(_components[k], $"{nameof(components)}[{k}]");
            if (_components[k].Dimension != _components[0].Dimension)
                throw new ArgumentException($"components[{k}] has dimension {_components[k].Dimension}, components[0] has {_components[0].Dimension}.", nameof(components));
        }
    }

    /// <summary>A one-dimensional mixture Σₕ πₕ 𝒩(mₕ, vₕ), as a distribution on ℝ¹.</summary>
    public static GaussianMixture OneDimensional(IReadOnlyList<double> weights, IReadOnlyList<double> means, IReadOnlyList<double> variances)
    {
        Guard.NotNull(means, nameof(means));
        Guard.NotNull(variances, nameof(variances));
        if (variances.Count != means.Count)
            throw new ArgumentException($"{variances.Count} variances for {means.Count} means.", nameof(variances));
        var components = means.Select((m, k) => new MultivariateGaussian(
            Vector<double>.Build.Dense(1, m), Matrix<double>.Build.Dense(1, 1, Guard.Positive(variances[k], $"{nameof(variances)}[{k}]")))).ToArray();
        return new GaussianMixture(new Categorical(weights), components);
    }

    /// <summary>The prior p(h) over the components.</summary>
    public Categorical Weights { get; }

    /// <summary>The component distributions p(x | h).</summary>
    public IReadOnlyList<MultivariateGaussian> Components => _components;

    /// <summary>The dimension D of x.</summary>
    public int Dimension => _components[0].Dimension;

    /// <summary>log p(x, h) = log πₕ + log 𝒩(x; μₕ, Σₕ).</summary>
    public double LogJoint(Vector<double> x, int h)
    {
        if (h < 0 || h >= _components.Length)
            throw new ArgumentOutOfRangeException(nameof(h), h, $"h must lie in 0 … {_components.Length - 1}.");
        return Weights.LogDensity(h) + _components[h].LogDensity(x);
    }

    /// <summary>The marginal (evidence) <c>log p(x) = log Σₕ p(x, h)</c>, by log-sum-exp.</summary>
    public double LogDensity(Vector<double> x)
    {
        Span<double> joint = stackalloc double[_components.Length];
        for (int h = 0; h < joint.Length; h++) joint[h] = LogJoint(x, h);
        return LogSumExp.Of(joint);
    }

    /// <summary>The exact posterior p(h | x) (the responsibilities), by Bayes' rule.</summary>
    public Categorical Posterior(Vector<double> x)
    {
        double evidence = LogDensity(x);
        var probabilities = new double[_components.Length];
        for (int h = 0; h < probabilities.Length; h++) probabilities[h] = Math.Exp(LogJoint(x, h) - evidence);
        double sum = probabilities.Sum();
        return new Categorical(probabilities.Select(p => p / sum).ToArray());
    }

    /// <summary>Ancestral sampling: h ~ p(h), then x ~ p(x | h).</summary>
    public (int H, Vector<double> X) SampleJoint(Random random)
    {
        int h = Weights.Sample(Guard.NotNull(random, nameof(random)));
        return (h, _components[h].Sample(random));
    }

    /// <summary>x ~ p(x), by ancestral sampling with h discarded.</summary>
    public Vector<double> Sample(Random random) => SampleJoint(random).X;
}
