using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>Per-image refinement reaches the exact posterior of a linear-Gaussian VAE and leaves the model untouched.</summary>
[Collection(SerialTorchCollection.Name)]
public class PosteriorRefinementTests
{
    [Fact]
    public void Refinement_from_a_wrong_encoder_reaches_the_exact_posterior_and_leaves_the_decoder_unchanged()
    {
        var model = new LinearGaussianVae(w: 1.3, b: 0.4, variance: 0.5, encoderMean: 0.1, encoderLogVariance: -0.2);
        float[] xs = [-1.5f, 0.2f, 2.4f];
        var before = model.parameters().Select(p => p.clone()).ToArray();
        var (mean, logVariance) = PosteriorRefinement.Refine(model, tensor(xs, [3, 1]), new RefinementOptions(Steps: 1500, SamplesPerStep: 16, LearningRate: 0.05, Seed: 1));
        for (int n = 0; n < xs.Length; n++)
        {
            var (exactMean, exactVariance) = model.Posterior(xs[n]);
            Assert.Equal(exactMean, mean[n, 0].item<float>(), 0.03);
            Assert.Equal(Math.Log(exactVariance), logVariance[n, 0].item<float>(), 0.08);
            // The encoder's q was far off: the refined ELBO gains on it and nearly closes the gap to log p(x).
            double refinedElbo = model.Elbo(xs[n], mean[n, 0].item<float>(), Math.Exp(logVariance[n, 0].item<float>()));
            Assert.True(model.LogEvidence(xs[n]) - refinedElbo < 0.005, $"image {n}: gap {model.LogEvidence(xs[n]) - refinedElbo}");
            Assert.True(refinedElbo > model.Elbo(xs[n], 0.1, Math.Exp(-0.2)) + 0.05);
        }
        Assert.All(model.parameters().Zip(before), p => Assert.True(p.First.equal(p.Second).all().item<bool>()));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Same_seed_same_result_and_bad_settings_are_refused()
    {
        var model = new LinearGaussianVae(w: 1.3, b: 0.4, variance: 0.5, encoderMean: 0.1, encoderLogVariance: -0.2);
        var x = tensor(new[] { 0.7f }, [1, 1]);
        var options = new RefinementOptions(Steps: 50, SamplesPerStep: 4, LearningRate: 0.05, Seed: 9);
        var first = PosteriorRefinement.Refine(model, x, options);
        var second = PosteriorRefinement.Refine(model, x, options);
        Assert.True(first.Mean.equal(second.Mean).all().item<bool>() && first.LogVariance.equal(second.LogVariance).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => PosteriorRefinement.Refine(model, x, options with { Steps = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PosteriorRefinement.Refine(model, x, options with { LearningRate = 0 }));
    }
}
