using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CourseNotes.Divergences;

/// <summary>
/// The Gaussian q = 𝒩(m, s²) closest to a one-dimensional mixture p, in either direction of KL:
/// <list type="bullet">
/// <item><see cref="MassCovering"/>: argmin KL(p ‖ q), in closed form — q takes p's mean and variance
/// (moment matching), spreading over every mode; <see cref="MinimizeForwardKl"/> finds the same q by
/// minimising KL(p ‖ q) numerically, which checks the closed form;</item>
/// <item><see cref="ModeSeeking"/>: argmin KL(q ‖ p), by numerical minimisation — q settles on one mode,
/// since it pays log(q/p) wherever it puts mass that p lacks.</item>
/// </list>
/// Variational inference minimises KL(q ‖ p(h | x)): the mode-seeking direction.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/02-divergence-kl.ipynb">02-divergence-kl.ipynb</a>, section « Les deux sens de la KL ».</remarks>
public static class GaussianFit
{
    /// <summary>argmin over q of KL(p ‖ q): the Gaussian with p's mean <c>Σ πₖ mₖ</c> and variance <c>Σ πₖ (vₖ + mₖ²) − m²</c>.</summary>
    /// <param name="p">A mixture on ℝ¹ (<see cref="GaussianMixture.OneDimensional"/>).</param>
    public static Gaussian MassCovering(GaussianMixture p)
    {
        OneDimensional(p);
        double mean = 0, secondMoment = 0;
        for (int k = 0; k < p.Components.Count; k++)
        {
            double w = p.Weights.Probabilities[k], m = p.Components[k].Mean[0];
            mean += w * m;
            secondMoment += w * (p.Components[k].Covariance[0, 0] + m * m);
        }
        return new Gaussian(mean, secondMoment - mean * mean);
    }

    /// <summary>
    /// A minimum of KL(p ‖ q) over (m, log s), found by the Nelder–Mead simplex from <paramref name="start"/>,
    /// with KL computed by <see cref="ForwardKl"/> (quadrature): it uses neither p's moments nor any formula for
    /// the optimum, so it checks that <see cref="MassCovering"/>'s moment matching is the argmin. KL(p ‖ q) is
    /// convex in (m/s², 1/s²) for a Gaussian q, so any start reaches the same minimum.
    /// </summary>
    /// <param name="p">A mixture on ℝ¹.</param>
    /// <param name="start">The initial q.</param>
    public static Gaussian MinimizeForwardKl(GaussianMixture p, Gaussian start) =>
        Minimize(p, start, q => ForwardKl(p, q));

    /// <summary>
    /// A local minimum of KL(q ‖ p) over (m, log s), found by the Nelder–Mead simplex from
    /// <paramref name="start"/>, with KL computed by <see cref="KlDivergence.Quadrature"/> over q's ±10 s.
    /// Different starts can end on different modes.
    /// </summary>
    /// <param name="p">A mixture on ℝ¹.</param>
    /// <param name="start">The initial q.</param>
    public static Gaussian ModeSeeking(GaussianMixture p, Gaussian start) =>
        Minimize(p, start, q => ReverseKl(p, q));

    private static Gaussian Minimize(GaussianMixture p, Gaussian start, Func<Gaussian, double> kl)
    {
        OneDimensional(p);
        Guard.NotNull(start, nameof(start));
        var objective = ObjectiveFunction.Value(theta => kl(ToGaussian(theta)));
        var result = new NelderMeadSimplex(1e-10, 10_000).FindMinimum(objective,
            Vector<double>.Build.Dense([start.Mean, Math.Log(start.StandardDeviation)]));
        return ToGaussian(result.MinimizingPoint);
    }

    /// <summary>KL(q ‖ p) by quadrature over q's ±10 standard deviations.</summary>
    public static double ReverseKl(GaussianMixture p, Gaussian q)
    {
        OneDimensional(p);
        Guard.NotNull(q, nameof(q));
        double s = q.StandardDeviation;
        return KlDivergence.Quadrature(q.LogDensity, LogDensity(p), q.Mean - 10 * s, q.Mean + 10 * s);
    }

    /// <summary>KL(p ‖ q) by quadrature over the mixture's components' ±10 standard deviations.</summary>
    public static double ForwardKl(GaussianMixture p, Gaussian q)
    {
        OneDimensional(p);
        Guard.NotNull(q, nameof(q));
        double lower = p.Components.Min(c => c.Mean[0] - 10 * Math.Sqrt(c.Covariance[0, 0]));
        double upper = p.Components.Max(c => c.Mean[0] + 10 * Math.Sqrt(c.Covariance[0, 0]));
        return KlDivergence.Quadrature(LogDensity(p), q.LogDensity, lower, upper, 8001);
    }

    // The mixture's log-density as a function on ℝ, for the quadrature: log Σₖ πₖ 𝒩(x; mₖ, vₖ) by log-sum-exp,
    // without allocating a vector per point (the minimisations evaluate it millions of times).
    private static Func<double, double> LogDensity(GaussianMixture p)
    {
        int k = p.Components.Count;
        var offsets = new double[k];
        var means = new double[k];
        var precisions = new double[k];
        for (int i = 0; i < k; i++)
        {
            double v = p.Components[i].Covariance[0, 0];
            means[i] = p.Components[i].Mean[0];
            precisions[i] = 1 / v;
            offsets[i] = Math.Log(p.Weights.Probabilities[i]) - 0.5 * Math.Log(2 * Math.PI * v);
        }
        return x =>
        {
            double max = double.NegativeInfinity;
            Span<double> terms = stackalloc double[k];
            for (int i = 0; i < k; i++)
            {
                double d = x - means[i];
                terms[i] = offsets[i] - 0.5 * d * d * precisions[i];
                if (terms[i] > max) max = terms[i];
            }
            if (double.IsNegativeInfinity(max)) return max;
            double sum = 0;
            for (int i = 0; i < k; i++) sum += Math.Exp(terms[i] - max);
            return max + Math.Log(sum);
        };
    }

    private static Gaussian ToGaussian(Vector<double> theta) => new(theta[0], Math.Exp(2 * theta[1]));

    private static void OneDimensional(GaussianMixture p)
    {
        Guard.NotNull(p, nameof(p));
        if (p.Dimension != 1) throw new ArgumentException($"p must be one-dimensional, got dimension {p.Dimension}.", nameof(p));
    }
}
