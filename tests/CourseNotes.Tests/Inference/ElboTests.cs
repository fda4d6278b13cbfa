using CourseNotes.Divergences;
using CourseNotes.Inference;
using CourseNotes.Probability;
using static CourseNotes.Tests.LatentVariables.LinearGaussianModelTests;
using static CourseNotes.Tests.Probability.DistributionTests;

namespace CourseNotes.Tests.Inference;

public class ElboTests
{
    private static readonly MultivariateGaussian Q = new(Vec(0.4, -0.1), Mat(new double[,] { { 0.3, 0.05 }, { 0.05, 0.2 } }));

    [Fact]
    public void Log_evidence_equals_ELBO_plus_KL_to_the_posterior_to_1e_9()
    {
        // Left: log 𝒩(x; μ, W Wᵀ + σ² I). Right: closed-form ELBO (E_q[log p(x|h)] − KL(q ‖ p(h)))
        // plus the closed-form KL(q ‖ p(h | x)). No shared samples, no shared formula.
        var model = Model();
        foreach (var q in new[] { Q, MultivariateGaussian.Standard(2), model.Posterior(Observation) })
        {
            double right = Elbo.ClosedForm(model, Observation, q) + KlDivergence.ClosedForm(q, model.Posterior(Observation));
            Assert.Equal(model.LogEvidence(Observation), right, 1e-9);
        }
    }

    [Fact]
    public void Closed_form_ELBO_against_its_Monte_Carlo_estimate()
    {
        var model = Model();
        var estimate = Elbo.MonteCarlo(model, Observation, Q, 40_000, new Random(41));
        Assert.True(estimate.IsWithin(Elbo.ClosedForm(model, Observation, Q), 4), estimate.ToString());
    }

    [Fact]
    public void ELBO_is_below_the_log_evidence_in_expectation_and_equal_at_the_posterior()
    {
        var model = Model();
        var estimate = Elbo.MonteCarlo(model, Observation, Q, 20_000, new Random(42));
        Assert.True(estimate.Mean + 4 * estimate.StandardError < model.LogEvidence(Observation), estimate.ToString());
        // At the exact posterior, log p(x, h) − log q(h) = log p(x) for every h: zero variance.
        var exact = Elbo.MonteCarlo(model, Observation, model.Posterior(Observation), 100, new Random(43));
        Assert.Equal(model.LogEvidence(Observation), exact.Mean, 1e-9);
        Assert.True(exact.StandardError < 1e-9);
    }

    [Fact]
    public void Importance_weighted_bound_increases_with_k_towards_the_log_evidence()
    {
        var model = Model();
        var random = new Random(44);
        var bounds = new[] { 1, 5, 50 }.Select(k => ImportanceWeightedBound.Estimate(model, Observation, Q, k, 4_000, random)).ToArray();
        double logEvidence = model.LogEvidence(Observation);
        Assert.True(bounds[0].IsWithin(Elbo.ClosedForm(model, Observation, Q), 4), $"𝓛₁ = {bounds[0]} is the ELBO");
        for (int i = 1; i < bounds.Length; i++)
        {
            double difference = bounds[i].Mean - bounds[i - 1].Mean;
            double se = Math.Sqrt(bounds[i].StandardError * bounds[i].StandardError + bounds[i - 1].StandardError * bounds[i - 1].StandardError);
            Assert.True(difference > 4 * se, $"𝓛 at step {i}: {bounds[i]} not above {bounds[i - 1]}");
        }
        Assert.True(bounds[^1].Mean < logEvidence + 4 * bounds[^1].StandardError);
        Assert.True(logEvidence - bounds[^1].Mean < 0.1 * (logEvidence - bounds[0].Mean));
    }

    [Fact]
    public void Importance_sampling_from_the_prior_estimates_the_evidence()
    {
        var model = Model();
        // With q = p(h) one draw is the naive Monte Carlo estimate of log p(x); with large k it is nearly exact.
        double estimate = ImportanceWeightedBound.Sample(model, Observation, model.Prior, 200_000, new Random(45));
        Assert.Equal(model.LogEvidence(Observation), estimate, 0.02);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var model = Model();
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Elbo.MonteCarlo(model, Vec(1, 2), Q, 10, new Random(0))).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Elbo.MonteCarlo(model, Vec(1, 2, double.NaN, 4, 5), Q, 10, new Random(0))).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => ImportanceWeightedBound.Sample(model, Observation, Q, 0, new Random(0))).ParamName);
        Assert.Equal("q", Assert.ThrowsAny<ArgumentException>(() => Elbo.ClosedForm(model, Observation, MultivariateGaussian.Standard(3))).ParamName);
    }
}
