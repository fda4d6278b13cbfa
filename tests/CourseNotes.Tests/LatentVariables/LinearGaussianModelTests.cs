using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;
using static CourseNotes.Tests.Probability.DistributionTests;

namespace CourseNotes.Tests.LatentVariables;

public class LinearGaussianModelTests
{
    /// <summary>A 5-D observation from a 2-D latent, with correlated loadings so the posterior is not diagonal.</summary>
    internal static LinearGaussianModel Model() => new(
        Mat(new double[,] { { 1.0, 0.8 }, { 0.8, 0.9 }, { 0.2, 0.5 }, { -0.6, -0.3 }, { 0.4, 0.6 } }),
        Vec(0.5, -0.2, 0.1, 0.0, 1.0),
        0.3);

    internal static Vector<double> Observation => Vec(1.2, 0.4, -0.5, 0.3, 1.6);

    [Fact]
    public void Posterior_is_Bayes_rule_pointwise()
    {
        // log p(h | x) = log p(x, h) − log p(x) at several h, each side computed independently.
        var model = Model();
        var posterior = model.Posterior(Observation);
        foreach (var h in new[] { Vec(0, 0), Vec(0.7, -0.4), Vec(-1.5, 2) })
            Assert.Equal(model.LogJoint(Observation, h) - model.LogEvidence(Observation), posterior.LogDensity(h), 1e-10);
    }

    [Fact]
    public void Posterior_covariance_is_not_diagonal()
    {
        Assert.True(Math.Abs(Model().Posterior(Observation).Covariance[0, 1]) > 1e-3);
    }

    [Fact]
    public void Evidence_against_naive_Monte_Carlo_over_the_prior()
    {
        var model = Model();
        var random = new Random(31);
        var likelihoods = Enumerable.Range(0, 200_000)
            .Select(_ => Math.Exp(model.Likelihood(model.Prior.Sample(random)).LogDensity(Observation))).ToArray();
        var estimate = MonteCarloEstimate.FromValues(likelihoods);
        Assert.True(estimate.IsWithin(Math.Exp(model.LogEvidence(Observation)), 4),
            $"{estimate} vs {Math.Exp(model.LogEvidence(Observation))}");
    }

    [Fact]
    public void Ancestral_samples_have_the_marginal_covariance()
    {
        var model = Model();
        var random = new Random(32);
        var xs = Enumerable.Range(0, 40_000).Select(_ => model.SampleJoint(random).X).ToArray();
        var mean = xs.Aggregate((a, b) => a + b) / xs.Length;
        double c02 = xs.Average(x => (x[0] - mean[0]) * (x[2] - mean[2]));
        double expected = model.Evidence.Covariance[0, 2];
        double se = Math.Sqrt((expected * expected + model.Evidence.Covariance[0, 0] * model.Evidence.Covariance[2, 2]) / xs.Length);
        Assert.InRange(c02, expected - 4 * se, expected + 4 * se);
    }

    [Fact]
    public void Gradient_of_the_log_joint_matches_finite_differences()
    {
        var model = Model();
        var h = Vec(0.3, -0.8);
        var gradient = model.LogJointGradient(Observation, h);
        for (int i = 0; i < 2; i++)
        {
            var up = h.Clone(); up[i] += 1e-6;
            var down = h.Clone(); down[i] -= 1e-6;
            double numeric = (model.LogJoint(Observation, up) - model.LogJoint(Observation, down)) / 2e-6;
            Assert.Equal(numeric, gradient[i], 1e-5);
        }
    }

    [Fact]
    public void Expected_log_likelihood_against_Monte_Carlo()
    {
        var model = Model();
        var q = new MultivariateGaussian(Vec(0.2, 0.1), Mat(new double[,] { { 0.4, 0.1 }, { 0.1, 0.3 } }));
        var random = new Random(33);
        var values = q.Samples(random, 40_000).Select(h => model.Likelihood(h).LogDensity(Observation)).ToArray();
        var estimate = MonteCarloEstimate.FromValues(values);
        Assert.True(estimate.IsWithin(model.ExpectedLogLikelihood(Observation, q), 4), estimate.ToString());
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("offset", Assert.ThrowsAny<ArgumentException>(() => new LinearGaussianModel(Mat(new double[,] { { 1 }, { 2 } }), Vec(0), 1)).ParamName);
        Assert.Equal("noiseVariance", Assert.ThrowsAny<ArgumentException>(() => new LinearGaussianModel(Mat(new double[,] { { 1 } }), Vec(0), -1)).ParamName);
        Assert.Equal("loadings", Assert.ThrowsAny<ArgumentException>(() => new LinearGaussianModel(Mat(new double[,] { { double.NaN } }), Vec(0), 1)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Model().Posterior(Vec(1, 2))).ParamName);
        Assert.Equal("h", Assert.ThrowsAny<ArgumentException>(() => Model().Likelihood(Vec(1, 2, 3))).ParamName);
    }
}
