using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>The per-image ELBO and IWAE bounds against the closed forms of a linear-Gaussian VAE.</summary>
[Collection(SerialTorchCollection.Name)]
public class PerImageBoundsTests
{
    private static readonly float[] Xs = [-1.5f, 0.2f, 2.4f];

    private static LinearGaussianVae Model() => new(w: 1.3, b: 0.4, variance: 0.5, encoderMean: 0.1, encoderLogVariance: -0.2);

    [Fact]
    public void ELBO_of_each_image_matches_the_closed_form_within_four_standard_errors()
    {
        var model = Model();
        var x = tensor(Xs, [3, 1]);
        var (mean, logVariance) = model.Encode(x);
        var elbo = PerImageBounds.Elbo(model, x, mean, logVariance, samples: 4000, seed: 1);
        for (int n = 0; n < Xs.Length; n++)
        {
            double exact = model.Elbo(Xs[n], 0.1, Math.Exp(-0.2));
            Assert.True(elbo[n].IsWithin(exact, 4), $"image {n}: {elbo[n]} vs {exact}");
            Assert.True(elbo[n].StandardError is > 0 and < 0.1, $"standard error {elbo[n].StandardError}");
            Assert.Equal(4000, elbo[n].SampleCount);
        }
    }

    [Fact]
    public void Importance_weighted_bound_is_log_evidence_at_the_posterior_and_rises_with_k_elsewhere()
    {
        var model = Model();
        var x = tensor(Xs, [3, 1]);
        var posterior = Xs.Select(v => model.Posterior(v)).ToArray();
        var exactMean = tensor(posterior.Select(p => (float)p.Mean).ToArray(), [3, 1]);
        var exactLogVariance = tensor(posterior.Select(p => (float)Math.Log(p.Variance)).ToArray(), [3, 1]);
        // With q = p(h | x), every weight p(x, h) / q(h | x) equals p(x): L_k = log p(x) whatever the draws.
        var atPosterior = PerImageBounds.ImportanceWeighted(model, x, exactMean, exactLogVariance, k: 5, seed: 2);
        for (int n = 0; n < Xs.Length; n++) Assert.Equal(model.LogEvidence(Xs[n]), atPosterior[n], 4);

        // With the wrong q of the encoder: L_1 averages to the ELBO, L_1000 lies between the ELBO and log p(x).
        var (mean, logVariance) = model.Encode(x);
        var single = Enumerable.Range(0, 2000).Select(s => PerImageBounds.ImportanceWeighted(model, x, mean, logVariance, k: 1, seed: 10 + s)).ToArray();
        var many = PerImageBounds.ImportanceWeighted(model, x, mean, logVariance, k: 1000, seed: 3);
        for (int n = 0; n < Xs.Length; n++)
        {
            double elbo = model.Elbo(Xs[n], 0.1, Math.Exp(-0.2)), evidence = model.LogEvidence(Xs[n]);
            var l1 = CourseNotes.Probability.MonteCarloEstimate.FromValues(single.Select(v => v[n]).ToArray());
            Assert.True(l1.IsWithin(elbo, 4), $"image {n}: L₁ {l1} vs ELBO {elbo}");
            Assert.InRange(many[n], elbo + 0.5 * (evidence - elbo), evidence + 0.05);
        }
    }

    [Fact]
    public void Mismatched_shapes_and_conditional_models_are_refused()
    {
        var model = Model();
        var x = tensor(Xs, [3, 1]);
        Assert.Throws<ArgumentException>(() => PerImageBounds.Elbo(model, x, zeros(2, 1), zeros(2, 1), samples: 10));
        Assert.Throws<ArgumentException>(() => PerImageBounds.ImportanceWeighted(model, zeros(3, 2), zeros(3, 1), zeros(3, 1), k: 10));
        Assert.Throws<ArgumentException>(() => PerImageBounds.ImportanceWeighted(new MlpVae(hiddenSize: 4, latentSize: 1, conditionSize: 2), zeros(1, 784), zeros(1, 1), zeros(1, 1), k: 10));
    }
}
