using CourseNotes.Divergences;
using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using static CourseNotes.Tests.Probability.DistributionTests;

namespace CourseNotes.Tests.Divergences;

public class KlDivergenceTests
{
    [Fact]
    public void Discrete_follows_the_lecture_formula_with_its_conventions()
    {
        double[] p = [0.5, 0.5, 0], q = [0.25, 0.25, 0.5];
        Assert.Equal(0.5 * Math.Log(2) * 2, KlDivergence.Discrete(p, q), 1e-15); // 0 · log 0 = 0
        Assert.Equal(double.PositiveInfinity, KlDivergence.Discrete(q, p));      // q(x) = 0 < p(x)
        Assert.Equal(0, KlDivergence.Discrete(q, q));
    }

    [Fact]
    public void Discrete_is_not_symmetric()
    {
        double[] p = [0.9, 0.1], q = [0.5, 0.5];
        double pq = 0.9 * Math.Log(0.9 / 0.5) + 0.1 * Math.Log(0.1 / 0.5);
        double qp = 0.5 * Math.Log(0.5 / 0.9) + 0.5 * Math.Log(0.5 / 0.1);
        Assert.Equal(pq, KlDivergence.Discrete(p, q), 1e-15);
        Assert.Equal(qp, KlDivergence.Discrete(q, p), 1e-15);
        Assert.True(Math.Abs(pq - qp) > 0.1);
    }

    [Fact]
    public void Discrete_is_non_negative_on_random_pairs()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            var p = RandomSimplex(random, 6);
            var q = RandomSimplex(random, 6);
            Assert.True(KlDivergence.Discrete(p, q) >= 0);
        }
    }

    [Fact]
    public void Discrete_against_its_Monte_Carlo_estimate()
    {
        var p = new Categorical([0.1, 0.6, 0.3]);
        var q = new Categorical([0.3, 0.3, 0.4]);
        var estimate = KlDivergence.MonteCarlo(p, q, 50_000, new Random(2));
        Assert.True(estimate.IsWithin(KlDivergence.Discrete(p, q), 4), estimate.ToString());
    }

    [Fact]
    public void Gaussian_closed_forms_agree_with_each_other_and_are_zero_only_on_equal_arguments()
    {
        var p = new Gaussian(1, 2);
        var q = new Gaussian(-0.5, 0.7);
        double univariate = KlDivergence.ClosedForm(p, q);
        Assert.Equal(univariate, KlDivergence.ClosedForm(new DiagonalGaussian(Vec(1), Vec(2)), new DiagonalGaussian(Vec(-0.5), Vec(0.7))), 1e-14);
        Assert.Equal(univariate, KlDivergence.ClosedForm(new DiagonalGaussian(Vec(1), Vec(2)).ToMultivariate(), new DiagonalGaussian(Vec(-0.5), Vec(0.7)).ToMultivariate()), 1e-14);
        Assert.Equal(0, KlDivergence.ClosedForm(p, p), 1e-15);
        Assert.True(univariate > 0);
        Assert.NotEqual(univariate, KlDivergence.ClosedForm(q, p), 1e-3);
    }

    [Fact]
    public void Univariate_Gaussian_closed_form_against_Monte_Carlo()
    {
        var p = new Gaussian(1, 2);
        var q = new Gaussian(-0.5, 0.7);
        var estimate = KlDivergence.MonteCarlo(p, q, 50_000, new Random(4));
        Assert.True(estimate.IsWithin(KlDivergence.ClosedForm(p, q), 4), $"{estimate} vs {KlDivergence.ClosedForm(p, q)}");
    }

    [Fact]
    public void Full_covariance_closed_form_against_Monte_Carlo()
    {
        var p = new MultivariateGaussian(Vec(0.5, -1, 2), Mat(new double[,] { { 1.5, 0.4, 0.1 }, { 0.4, 0.8, -0.2 }, { 0.1, -0.2, 1.1 } }));
        var q = new MultivariateGaussian(Vec(0, 0, 1), Mat(new double[,] { { 1, -0.3, 0 }, { -0.3, 2, 0.5 }, { 0, 0.5, 0.9 } }));
        double exact = KlDivergence.ClosedForm(p, q);
        var estimate = KlDivergence.MonteCarlo(p, q, 40_000, new Random(8));
        Assert.True(estimate.IsWithin(exact, 4), $"{estimate} vs {exact}");
        Assert.True(exact > 0);
        Assert.Equal(0, KlDivergence.ClosedForm(p, p), 1e-12);
    }

    [Fact]
    public void Monte_Carlo_works_for_a_mixture_whose_KL_has_no_closed_form()
    {
        // KL(p ‖ q) with p a mixture: compare with numerical integration on a fine grid.
        var p = GaussianMixture.OneDimensional([0.5, 0.5], [-2, 2], [0.5, 0.5]);
        var q = GaussianMixture.OneDimensional([1], [0], [4.5]);
        double integral = 0, step = 1e-3;
        for (double x = -12; x <= 12; x += step)
        {
            var v = Vec(x);
            double lp = p.LogDensity(v);
            integral += Math.Exp(lp) * (lp - q.LogDensity(v)) * step;
        }
        var estimate = KlDivergence.MonteCarlo(p, q, 40_000, new Random(12));
        Assert.True(estimate.IsWithin(integral, 4), $"{estimate} vs {integral}");
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("q", Assert.ThrowsAny<ArgumentException>(() => KlDivergence.Discrete([0.5, 0.5], [1.0])).ParamName);
        Assert.Equal("p", Assert.ThrowsAny<ArgumentException>(() => KlDivergence.Discrete([0.5, 0.4], [0.5, 0.5])).ParamName);
        Assert.Equal("q[0]", Assert.ThrowsAny<ArgumentException>(() => KlDivergence.Discrete([0.5, 0.5], [double.NaN, 0.5])).ParamName);
        Assert.Equal("q", Assert.ThrowsAny<ArgumentException>(() => KlDivergence.ClosedForm(MultivariateGaussian.Standard(2), MultivariateGaussian.Standard(3))).ParamName);
        Assert.Equal("samples", Assert.ThrowsAny<ArgumentException>(() => KlDivergence.MonteCarlo(Gaussian.Standard, Gaussian.Standard, 1, new Random(0))).ParamName);
    }

    private static double[] RandomSimplex(Random random, int n)
    {
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() + 1e-3).ToArray();
        double sum = w.Sum();
        var p = w.Select(v => v / sum).ToArray();
        p[^1] = 1 - p[..^1].Sum();
        return p;
    }
}
