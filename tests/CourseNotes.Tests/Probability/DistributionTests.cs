using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace CourseNotes.Tests.Probability;

public class DistributionTests
{
    [Fact]
    public void Gaussian_log_density_matches_the_formula()
    {
        var g = new Gaussian(1.5, 4);
        double x = -0.7;
        double expected = -0.5 * Math.Log(2 * Math.PI * 4) - (x - 1.5) * (x - 1.5) / 8;
        Assert.Equal(expected, g.LogDensity(x), 1e-12);
    }

    [Fact]
    public void Gaussian_sample_moments_match_within_four_standard_errors()
    {
        var g = new Gaussian(-2, 9);
        var xs = g.Samples(new Random(1), 20_000);
        var (mean, variance) = xs.MeanVariance();
        Assert.InRange(mean, -2 - 4 * 3 / Math.Sqrt(xs.Length), -2 + 4 * 3 / Math.Sqrt(xs.Length));
        // Var(s²) ≈ 2σ⁴/(n − 1) for Gaussian data.
        Assert.InRange(variance, 9 - 4 * Math.Sqrt(2 * 81.0 / xs.Length), 9 + 4 * Math.Sqrt(2 * 81.0 / xs.Length));
    }

    [Fact]
    public void Seeded_sampling_is_reproducible()
    {
        var g = new MultivariateGaussian(Vec(1, 2), Mat(new double[,] { { 2, 0.5 }, { 0.5, 1 } }));
        Assert.Equal(g.Samples(new Random(7), 5), g.Samples(new Random(7), 5));
    }

    [Fact]
    public void Multivariate_log_density_equals_the_sum_of_independent_ones_for_a_diagonal_covariance()
    {
        var full = new MultivariateGaussian(Vec(1, -1, 0.5), Mat(new double[,] { { 2, 0, 0 }, { 0, 0.5, 0 }, { 0, 0, 3 } }));
        var x = Vec(0.3, 0.2, -1);
        double independent = new Gaussian(1, 2).LogDensity(0.3) + new Gaussian(-1, 0.5).LogDensity(0.2) + new Gaussian(0.5, 3).LogDensity(-1);
        Assert.Equal(independent, full.LogDensity(x), 1e-12);
        Assert.Equal(independent, new DiagonalGaussian(Vec(1, -1, 0.5), Vec(2, 0.5, 3)).LogDensity(x), 1e-12);
    }

    [Fact]
    public void Multivariate_log_density_matches_a_direct_inverse_and_determinant()
    {
        var sigma = Mat(new double[,] { { 2, 0.8 }, { 0.8, 1 } });
        var g = new MultivariateGaussian(Vec(1, 2), sigma);
        var d = Vec(0.4, -0.3) - Vec(1, 2);
        double expected = -Math.Log(2 * Math.PI) - 0.5 * Math.Log(sigma.Determinant()) - 0.5 * d.DotProduct(sigma.Inverse() * d);
        Assert.Equal(expected, g.LogDensity(Vec(0.4, -0.3)), 1e-12);
    }

    [Fact]
    public void Multivariate_sample_covariance_matches()
    {
        var sigma = Mat(new double[,] { { 2, 0.8 }, { 0.8, 1 } });
        var xs = new MultivariateGaussian(Vec(1, 2), sigma).Samples(new Random(3), 40_000);
        double covariance = xs.Select(v => v[0]).Covariance(xs.Select(v => v[1]));
        // Var of the sample covariance ≈ (σ₁₂² + σ₁₁σ₂₂)/n.
        double se = Math.Sqrt((0.64 + 2) / xs.Length);
        Assert.InRange(covariance, 0.8 - 4 * se, 0.8 + 4 * se);
    }

    [Fact]
    public void Categorical_and_Bernoulli_frequencies_match_their_probabilities()
    {
        var c = new Categorical([0.2, 0.5, 0.3]);
        var draws = c.Samples(new Random(5), 30_000);
        for (int k = 0; k < 3; k++)
        {
            double p = c.Probabilities[k], se = Math.Sqrt(p * (1 - p) / draws.Length);
            Assert.InRange(draws.Count(d => d == k) / (double)draws.Length, p - 4 * se, p + 4 * se);
        }
        var b = new Bernoulli(0.3);
        double freq = b.Samples(new Random(6), 30_000).Average();
        Assert.InRange(freq, 0.3 - 4 * Math.Sqrt(0.21 / 30_000), 0.3 + 4 * Math.Sqrt(0.21 / 30_000));
        Assert.Equal(Math.Log(0.3), b.LogDensity(1), 1e-15);
        Assert.Equal(Math.Log(0.7), b.LogDensity(0), 1e-15);
        Assert.Equal(double.NegativeInfinity, c.LogDensity(3));
    }

    [Fact]
    public void Entropies_match_their_closed_forms_against_Monte_Carlo()
    {
        var g = new MultivariateGaussian(Vec(0, 1), Mat(new double[,] { { 1, 0.3 }, { 0.3, 0.5 } }));
        var values = g.Samples(new Random(9), 20_000).Select(x => -g.LogDensity(x)).ToArray();
        var estimate = MonteCarloEstimate.FromValues(values);
        Assert.True(estimate.IsWithin(g.Entropy, 4), $"{estimate} vs {g.Entropy}");
        Assert.Equal(new Gaussian(0, 2).Entropy, new DiagonalGaussian(Vec(0), Vec(2)).Entropy, 1e-12);
    }

    [Theory]
    [InlineData(double.NaN, 1, "mean")]
    [InlineData(0, -1, "variance")]
    [InlineData(0, 0, "variance")]
    [InlineData(0, double.PositiveInfinity, "variance")]
    public void Gaussian_rejects_bad_parameters(double mean, double variance, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Gaussian(mean, variance));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("probabilities", Assert.ThrowsAny<ArgumentException>(() => new Categorical([0.5, 0.6])).ParamName);
        Assert.Equal("probabilities[1]", Assert.ThrowsAny<ArgumentException>(() => new Categorical([0.5, -0.5, 1.0])).ParamName);
        Assert.Equal("probability", Assert.ThrowsAny<ArgumentException>(() => new Bernoulli(double.NaN)).ParamName);
        Assert.Equal("variances", Assert.ThrowsAny<ArgumentException>(() => new DiagonalGaussian(Vec(0, 0), Vec(1))).ParamName);
        Assert.Equal("variances[1]", Assert.ThrowsAny<ArgumentException>(() => new DiagonalGaussian(Vec(0, 0), Vec(1, -2))).ParamName);
        Assert.Equal("covariance", Assert.ThrowsAny<ArgumentException>(() => new MultivariateGaussian(Vec(0, 0), Mat(new double[,] { { 1, 2 }, { 2, 1 } }))).ParamName);
        Assert.Equal("covariance", Assert.ThrowsAny<ArgumentException>(() => new MultivariateGaussian(Vec(0, 0), Mat(new double[,] { { 1, 0.1 }, { 0.2, 1 } }))).ParamName);
        Assert.Equal("covariance", Assert.ThrowsAny<ArgumentException>(() => new MultivariateGaussian(Vec(0), Mat(new double[,] { { 1, 0 }, { 0, 1 } }))).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => MultivariateGaussian.Standard(2).LogDensity(Vec(1, 2, 3))).ParamName);
    }

    [Fact]
    public void LogSumExp_is_stable_and_exact()
    {
        Assert.Equal(1000 + Math.Log(2), LogSumExp.Of([1000, 1000]), 1e-12);
        Assert.Equal(-1000 + Math.Log(3), LogSumExp.Of([-1000, -1000, -1000]), 1e-12);
        Assert.Equal(Math.Log(Math.Exp(0.3) + Math.Exp(-1.2)), LogSumExp.Of([0.3, -1.2]), 1e-14);
        Assert.Equal(double.NegativeInfinity, LogSumExp.Of([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(Math.Log(2.5), LogSumExp.Mean([Math.Log(2), Math.Log(3)]), 1e-14);
    }

    [Fact]
    public void Estimates_format_with_the_invariant_culture()
    {
        Assert.Equal("1,5 ± 0,25 (n = 10)", new MonteCarloEstimate(1.5, 0.25, 10).ToString());
        Assert.Equal("0,348582 ± 0,00187 (n = 100\u202F000)", new MonteCarloEstimate(0.3485821, 0.001871, 100_000).ToString());
        Assert.Equal("𝒩(0\u202F; 4,36)", new Gaussian(0, 4.36).ToString());
    }

    internal static Vector<double> Vec(params double[] values) => Vector<double>.Build.DenseOfArray(values);

    internal static Matrix<double> Mat(double[,] values) => Matrix<double>.Build.DenseOfArray(values);
}
