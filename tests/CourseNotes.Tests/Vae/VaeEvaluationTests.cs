using CourseNotes.Datasets;
using CourseNotes.Vae;

namespace CourseNotes.Tests.Vae;

[Collection(SerialTorchCollection.Name)]
public class VaeEvaluationTests
{
    [Fact]
    public void Importance_weighted_log_likelihood_lies_above_the_ELBO_on_average_and_k_1_is_the_ELBO()
    {
        var train = ProceduralSprites.Generate(512, seed: 1).ToTensor();
        var test = ProceduralSprites.Generate(200, seed: 2).ToTensor();
        VaeTraining.Seed(3);
        var model = new MlpVae(hiddenSize: 64, latentSize: 4);
        VaeTraining.Train(model, train, options: new VaeTrainingOptions(Epochs: 3, BatchSize: 64, LearningRate: 3e-3, Seed: 3));

        var elbo = VaeEvaluation.ImportanceWeightedLogLikelihood(model, test, k: 1, seed: 4);
        var iwae = VaeEvaluation.ImportanceWeightedLogLikelihood(model, test, k: 64, seed: 5);
        double negativeElbo = VaeTraining.Evaluate(model, test, seed: 6).NegativeElbo;
        // k = 1 and the training loss estimate the same −ELBO with independent noise: within 4 standard errors.
        Assert.InRange(-elbo.Mean, negativeElbo - 4 * elbo.StandardError - 0.5, negativeElbo + 4 * elbo.StandardError + 0.5);
        Assert.True(iwae.Mean > elbo.Mean, $"log p(x) ≈ {iwae} should exceed the ELBO {elbo}");
    }

    [Fact]
    public void MIG_is_one_for_a_latent_copying_each_factor_and_near_zero_for_noise()
    {
        var random = new Random(1);
        var factors = Enumerable.Range(0, 4000).Select(_ => new[] { random.Next(4), random.Next(6) }).ToArray();
        var copies = factors.Select(f => new double[] { f[0], f[1], random.NextDouble() }).ToArray();
        var (mig, perFactor) = Disentanglement.MutualInformationGap(copies, factors);
        Assert.True(mig > 0.95, $"MIG {mig}");
        var entropies = Disentanglement.FactorEntropies(factors);
        Assert.Equal(Math.Log(4), entropies[0], 0.01);
        Assert.Equal(entropies[0], Disentanglement.MutualInformation(copies, factors)[0][0], 10);

        var noise = factors.Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        Assert.True(Disentanglement.MutualInformationGap(noise, factors).Mig < 0.05);
    }

    [Fact]
    public void Correlations_are_Pearsons()
    {
        int[][] factors = [[0], [1], [2], [3]];
        double[][] latents = [[0.0, 3.0], [2.0, 2.0], [4.0, 1.0], [6.0, 0.0]];
        var r = Disentanglement.Correlations(latents, factors);
        Assert.Equal(1, r[0][0], 12);
        Assert.Equal(-1, r[1][0], 12);
        Assert.Equal("factors", Assert.ThrowsAny<ArgumentException>(() => Disentanglement.Correlations(latents, factors[..2])).ParamName);
    }

    [Fact]
    public void Active_units_count_latents_whose_mean_varies()
    {
        var images = ProceduralSprites.Generate(128, seed: 1).ToTensor();
        VaeTraining.Seed(1);
        var model = new MlpVae(hiddenSize: 32, latentSize: 3);
        int active = VaeEvaluation.ActiveUnits(model, images, threshold: 0);
        Assert.Equal(3, active);
        Assert.Equal(0, VaeEvaluation.ActiveUnits(model, images, threshold: 1e6));
        Assert.Equal(128, VaeEvaluation.LatentMeans(model, images).Length);
    }
}
