using CourseNotes.Probability;

namespace CourseNotes.Divergences;

/// <summary>
/// The Kullback-Leibler divergence <c>KL(p ‖ q) = E_p[log p(x) − log q(x)]</c>: non-negative, zero
/// exactly when p = q, and not symmetric — a divergence, not a distance. The closed forms below and a
/// Monte Carlo estimator for any pair of distributions whose log-densities can be evaluated.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/02-divergence-kl.ipynb">02-divergence-kl.ipynb</a>, sections « Un exemple discret » and « Le cas gaussien : une forme close ».</remarks>
public static class KlDivergence
{
    /// <summary>
    /// The lecture's discrete form <c>KL(p ‖ q) = Σₓ p(x) log(p(x) / q(x))</c>, with 0 · log 0 = 0
    /// (terms with p(x) = 0 vanish) and +∞ when some q(x) = 0 &lt; p(x).
    /// </summary>
    /// <param name="p">Probabilities p(x), in [0, 1], summing to 1.</param>
    /// <param name="q">Probabilities q(x) on the same outcomes, in [0, 1], summing to 1.</param>
    /// <returns>KL(p ‖ q) in nats, in [0, +∞].</returns>
    public static double Discrete(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var pp = Guard.ProbabilityVector(p, nameof(p));
        var qq = Guard.ProbabilityVector(q, nameof(q));
        if (pp.Length != qq.Length)
            throw new ArgumentException($"q has {qq.Length} outcomes, p has {pp.Length}.", nameof(q));
        double sum = 0;
        for (int i = 0; i < pp.Length; i++)
        {
            if (pp[i] == 0) continue;
            if (qq[i] == 0) return double.PositiveInfinity;
            sum += pp[i] * Math.Log(pp[i] / qq[i]);
        }
        return Math.Max(sum, 0); // rounding can leave −1e-17 for p = q
    }

    /// <summary>The discrete divergence between two categorical distributions on the same K outcomes.</summary>
    public static double Discrete(Categorical p, Categorical q) =>
        Discrete(Guard.NotNull(p, nameof(p)).Probabilities, Guard.NotNull(q, nameof(q)).Probabilities);

    /// <summary>
    /// Between univariate Gaussians:
    /// <c>KL(𝒩(μ₁, σ₁²) ‖ 𝒩(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½</c>.
    /// </summary>
    public static double ClosedForm(Gaussian p, Gaussian q)
    {
        Guard.NotNull(p, nameof(p));
        Guard.NotNull(q, nameof(q));
        double d = p.Mean - q.Mean;
        return 0.5 * (Math.Log(q.Variance / p.Variance) + (p.Variance + d * d) / q.Variance - 1);
    }

    /// <summary>
    /// Between diagonal Gaussians of the same dimension d, the sum of the univariate divergences:
    /// <c>½ Σᵢ (log(σ₂ᵢ²/σ₁ᵢ²) + (σ₁ᵢ² + (μ₁ᵢ − μ₂ᵢ)²)/σ₂ᵢ² − 1)</c>.
    /// With q = 𝒩(0, I) this is the VAE's KL term <c>−½ Σᵢ (1 + log σᵢ² − μᵢ² − σᵢ²)</c>.
    /// </summary>
    public static double ClosedForm(DiagonalGaussian p, DiagonalGaussian q)
    {
        SameDimension(Guard.NotNull(p, nameof(p)).Dimension, Guard.NotNull(q, nameof(q)).Dimension);
        double sum = 0;
        for (int i = 0; i < p.Dimension; i++)
        {
            double d = p.Mean[i] - q.Mean[i];
            sum += Math.Log(q.Variances[i] / p.Variances[i]) + (p.Variances[i] + d * d) / q.Variances[i] - 1;
        }
        return 0.5 * sum;
    }

    /// <summary>
    /// Between full-covariance Gaussians of the same dimension d:
    /// <c>½ (tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀ Σ₂⁻¹ (μ₂ − μ₁) − d + log det Σ₂ − log det Σ₁)</c>.
    /// </summary>
    public static double ClosedForm(MultivariateGaussian p, MultivariateGaussian q)
    {
        SameDimension(Guard.NotNull(p, nameof(p)).Dimension, Guard.NotNull(q, nameof(q)).Dimension);
        double trace = q.SolveCovariance(p.Covariance).Trace();
        return 0.5 * (trace + q.MahalanobisSquared(p.Mean) - p.Dimension + q.LogDeterminant - p.LogDeterminant);
    }

    /// <summary>
    /// The Monte Carlo estimate <c>(1/n) Σᵢ (log p(xᵢ) − log q(xᵢ))</c>, xᵢ ~ p, with its standard error:
    /// unbiased, for any pair of distributions with log-densities.
    /// </summary>
    /// <param name="p">The distribution sampled from (first argument of KL).</param>
    /// <param name="q">The second argument of KL.</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static MonteCarloEstimate MonteCarlo<T>(IDistribution<T> p, IDistribution<T> q, int samples, Random random)
    {
        Guard.NotNull(p, nameof(p));
        Guard.NotNull(q, nameof(q));
        Guard.AtLeast(samples, 2, nameof(samples));
        var values = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            T x = p.Sample(random);
            values[i] = p.LogDensity(x) - q.LogDensity(x);
        }
        return MonteCarloEstimate.FromValues(values);
    }

    /// <summary>
    /// The continuous definition <c>KL(p ‖ q) = ∫ p(x) log(p(x)/q(x)) dx</c> on ℝ, by the trapezoidal rule on
    /// [<paramref name="lower"/>, <paramref name="upper"/>] (where p must hold all but a negligible part of its mass).
    /// </summary>
    /// <param name="logP">log p(x), the density integrated against.</param>
    /// <param name="logQ">log q(x); +∞ results where q vanishes while p does not.</param>
    /// <param name="lower">Left end, finite.</param>
    /// <param name="upper">Right end, &gt; lower.</param>
    /// <param name="points">Grid points, ≥ 3 (4001 gives about 1e-8 on smooth densities over ±10).</param>
    public static double Quadrature(Func<double, double> logP, Func<double, double> logQ, double lower, double upper, int points = 4001)
    {
        Guard.NotNull(logP, nameof(logP));
        Guard.NotNull(logQ, nameof(logQ));
        Guard.Finite(lower, nameof(lower));
        if (!(Guard.Finite(upper, nameof(upper)) > lower)) throw new ArgumentException($"upper ({upper}) must exceed lower ({lower}).", nameof(upper));
        Guard.AtLeast(points, 3, nameof(points));
        double step = (upper - lower) / (points - 1), sum = 0;
        for (int i = 0; i < points; i++)
        {
            double x = lower + i * step, lp = logP(x);
            if (double.IsNegativeInfinity(lp)) continue;
            double term = Math.Exp(lp) * (lp - logQ(x));
            sum += i == 0 || i == points - 1 ? term / 2 : term;
        }
        return sum * step;
    }

    private static void SameDimension(int p, int q)
    {
        if (p != q) throw new ArgumentException($"q has dimension {q}, p has dimension {p}.", nameof(q));
    }
}
