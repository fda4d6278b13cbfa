using CourseNotes.Divergences;
using CourseNotes.Inference;
using static CourseNotes.Tests.LatentVariables.LinearGaussianModelTests;

namespace CourseNotes.Tests.Inference;

public class ElboAscentTests
{
    [Fact]
    public void Full_covariance_q_reaches_the_exact_posterior()
    {
        var model = Model();
        var exact = model.Posterior(Observation);
        var result = ElboAscent.Maximize(model, Observation, CovarianceStructure.Full);
        var q = result.Approximation;
        // Tolerances: 0.02 on every mean and covariance entry, and a KL gap below 1e-3 nats
        // (the posterior standard deviations are about 0.35).
        Assert.True((q.Mean - exact.Mean).AbsoluteMaximum() < 0.02, $"mean {q.Mean} vs {exact.Mean}");
        Assert.True((q.Covariance - exact.Covariance).Enumerate().Max(Math.Abs) < 0.02, $"covariance {q.Covariance} vs {exact.Covariance}");
        double gap = KlDivergence.ClosedForm(q, exact);
        Assert.True(gap < 1e-3, $"KL(q ‖ p(h|x)) = {gap}");
        Assert.True(result.ElboTrace[^1] > result.ElboTrace[0]);
        // Iterates every 25 steps, from the prior: their exact ELBO climbs to log p(x) and never passes it.
        Assert.Equal(4000 / 25, result.Iterates.Count);
        Assert.Equal((0, 25), (result.Iterates[0].Step, result.Iterates[1].Step));
        var exactElbo = result.Iterates.Select(i => Elbo.ClosedForm(model, Observation, i.Q)).ToArray();
        Assert.Equal(Elbo.ClosedForm(model, Observation, model.Prior), exactElbo[0], 1e-12);
        Assert.All(exactElbo, e => Assert.True(e <= model.LogEvidence(Observation) + 1e-12));
        Assert.True(model.LogEvidence(Observation) - exactElbo[^1] < 1e-2, $"last iterate {exactElbo[^1]}");
    }

    [Fact]
    public void Mean_field_q_stops_at_a_positive_gap_the_closed_form_predicts()
    {
        var model = Model();
        var exact = model.Posterior(Observation);
        var q = ElboAscent.Maximize(model, Observation, CovarianceStructure.MeanField).Approximation;
        Assert.Equal(0, q.Covariance[0, 1]);
        double gap = KlDivergence.ClosedForm(q, exact);
        double optimum = MeanField.Gap(exact);
        Assert.True(optimum > 0.01, $"the mean-field gap {optimum} is strictly positive");
        Assert.InRange(gap, optimum, optimum + 2e-3);
        var best = MeanField.Optimum(exact);
        Assert.Equal(optimum, KlDivergence.ClosedForm(best.ToMultivariate(), exact), 1e-12);
    }

    [Fact]
    public void Same_seed_gives_the_same_fit()
    {
        var options = new ElboAscentOptions(Steps: 200, Seed: 5);
        var a = ElboAscent.Maximize(Model(), Observation, CovarianceStructure.Full, options);
        var b = ElboAscent.Maximize(Model(), Observation, CovarianceStructure.Full, options);
        Assert.Equal(a.ElboTrace, b.ElboTrace);
        Assert.Equal(a.Approximation.Mean, b.Approximation.Mean);
    }

    [Fact]
    public void Adam_climbs_a_concave_quadratic_to_its_maximum()
    {
        double[] theta = [3, -2];
        var adam = new Adam(2, 0.1);
        for (int t = 0; t < 2000; t++) adam.AscentStep(theta, [-(theta[0] - 1), -4 * (theta[1] + 0.5)]);
        Assert.Equal(1, theta[0], 1e-3);
        Assert.Equal(-0.5, theta[1], 1e-3);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => adam.AscentStep(theta, [double.NaN, 0])).ParamName);
    }
}
