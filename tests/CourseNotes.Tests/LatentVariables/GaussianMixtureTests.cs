using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.Integration;
using static CourseNotes.Tests.Probability.DistributionTests;

namespace CourseNotes.Tests.LatentVariables;

public class GaussianMixtureTests
{
    private static readonly GaussianMixture Mixture = new(
        new Categorical([0.3, 0.7]),
        [new MultivariateGaussian(Vec(-1, 0), Mat(new double[,] { { 0.5, 0.1 }, { 0.1, 0.4 } })),
         new MultivariateGaussian(Vec(2, 1), Mat(new double[,] { { 1, -0.2 }, { -0.2, 0.6 } }))]);

    [Fact]
    public void Density_integrates_to_one()
    {
        var oneD = GaussianMixture.OneDimensional([0.2, 0.8], [-1, 3], [0.3, 2]);
        double integral = NewtonCotesTrapeziumRule.IntegrateAdaptive(x => Math.Exp(oneD.LogDensity(Vec(x))), -20, 25, 1e-10);
        Assert.Equal(1, integral, 1e-8);
    }

    [Fact]
    public void Posterior_is_Bayes_rule()
    {
        var x = Vec(0.5, 0.3);
        double a = 0.3 * Math.Exp(Mixture.Components[0].LogDensity(x));
        double b = 0.7 * Math.Exp(Mixture.Components[1].LogDensity(x));
        var posterior = Mixture.Posterior(x);
        Assert.Equal(a / (a + b), posterior.Probabilities[0], 1e-12);
        Assert.Equal(Math.Log(a + b), Mixture.LogDensity(x), 1e-12);
    }

    [Fact]
    public void Ancestral_sampling_draws_components_with_their_weights()
    {
        var random = new Random(21);
        var draws = Enumerable.Range(0, 20_000).Select(_ => Mixture.SampleJoint(random)).ToArray();
        double share = draws.Count(d => d.H == 1) / (double)draws.Length;
        double se = Math.Sqrt(0.21 / draws.Length);
        Assert.InRange(share, 0.7 - 4 * se, 0.7 + 4 * se);
        double meanX0 = draws.Where(d => d.H == 0).Average(d => d.X[0]);
        Assert.InRange(meanX0, -1 - 0.05, -1 + 0.05);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("components", Assert.ThrowsAny<ArgumentException>(() =>
            new GaussianMixture(new Categorical([0.5, 0.5]), [MultivariateGaussian.Standard(2)])).ParamName);
        Assert.Equal("components", Assert.ThrowsAny<ArgumentException>(() =>
            new GaussianMixture(new Categorical([0.5, 0.5]), [MultivariateGaussian.Standard(2), MultivariateGaussian.Standard(1)])).ParamName);
        Assert.Equal("h", Assert.ThrowsAny<ArgumentException>(() => Mixture.LogJoint(Vec(0, 0), 2)).ParamName);
        Assert.Equal("variances[0]", Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.OneDimensional([1], [0], [-1])).ParamName);
    }
}
