using CourseNotes.Datasets;
using CourseNotes.Divergences;
using CourseNotes.Probability;
using CourseNotes.Vae;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>Small, real TorchSharp models on the procedural sprites.</summary>
[Collection(SerialTorchCollection.Name)]
public class VaeTests
{
    private static (Tensor Train, Tensor Test) Data()
    {
        var train = ProceduralSprites.Generate(512, seed: 1).ToTensor();
        var test = ProceduralSprites.Generate(256, seed: 2).ToTensor();
        return (train, test);
    }

    private static MlpVae SmallModel(int seed, int conditionSize = 0)
    {
        VaeTraining.Seed(seed);
        return new MlpVae(hiddenSize: 64, latentSize: 4, conditionSize: conditionSize);
    }

    [Fact]
    public void Training_lowers_the_held_out_negative_ELBO_and_is_reproducible()
    {
        var (train, test) = Data();
        var options = new VaeTrainingOptions(Epochs: 4, BatchSize: 64, LearningRate: 3e-3, Seed: 7);
        var model = SmallModel(7);
        double before = VaeTraining.Evaluate(model, test).NegativeElbo;
        var history = VaeTraining.Train(model, train, options: options);
        double after = VaeTraining.Evaluate(model, test).NegativeElbo;
        Assert.True(after < 0.6 * before, $"held-out −ELBO {before:F1} → {after:F1}");
        Assert.True(history[^1].NegativeElbo < history[0].NegativeElbo);
        Assert.All(history, h => Assert.Equal(h.NegativeElbo, h.Reconstruction + h.Kl, 6));

        var again = VaeTraining.Train(SmallModel(7), train, options: options);
        Assert.Equal(history.Select(h => h.NegativeElbo), again.Select(h => h.NegativeElbo));
    }

    [Fact]
    public void KL_term_matches_the_closed_form_of_the_course_library()
    {
        float[] mean = [0.3f, -1.2f, 0.5f], logVariance = [0.1f, -0.7f, 1.2f];
        double torchKl = VaeLoss.KlToStandardNormal(tensor(mean, [1, 3]), tensor(logVariance, [1, 3])).item<float>();
        var q = new DiagonalGaussian(Vector<double>.Build.DenseOfEnumerable(mean.Select(m => (double)m)),
            Vector<double>.Build.DenseOfEnumerable(logVariance.Select(v => Math.Exp(v))));
        Assert.Equal(KlDivergence.ClosedForm(q, DiagonalGaussian.Standard(3)), torchKl, 5);
    }

    [Fact]
    public void Bernoulli_reconstruction_is_the_negative_log_likelihood()
    {
        float[] logits = [2f, -1f, 0.5f, -3f], pixels = [1f, 0f, 0f, 1f];
        double oracle = -logits.Zip(pixels).Sum(p => new Bernoulli(1 / (1 + Math.Exp(-p.First))).LogDensity((int)p.Second));
        Assert.Equal(oracle, DecoderLikelihood.Bernoulli.NegativeLogLikelihood(tensor(logits, [1, 4]), tensor(pixels, [1, 4])).item<float>(), 5);
        Assert.Equal(-oracle, DecoderLikelihood.Bernoulli.LogLikelihood(tensor(logits, [1, 4]), tensor(pixels, [1, 4]))[0].item<float>(), 5);
        Assert.Equal(1 / (1 + Math.Exp(-2)), DecoderLikelihood.Bernoulli.Mean(tensor(logits))[0].item<float>(), 6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    [InlineData(0.01)]
    public void Gaussian_reconstruction_is_the_negative_log_density_with_its_variance(double variance)
    {
        float[] means = [0.2f, 0.9f, 0.5f, 0.1f], pixels = [0.25f, 0.7f, 0.5f, 0.4f];
        var likelihood = DecoderLikelihood.Gaussian(variance);
        double oracle = -means.Zip(pixels).Sum(p => new Gaussian(p.First, variance).LogDensity(p.Second));
        Assert.Equal(oracle, likelihood.NegativeLogLikelihood(tensor(means, [1, 4]), tensor(pixels, [1, 4])).item<float>(), 3);
        Assert.Equal(-oracle, likelihood.LogLikelihood(tensor(means, [1, 4]), tensor(pixels, [1, 4]))[0].item<float>(), 3);
        Assert.Equal(variance, Assert.IsType<GaussianLikelihood>(likelihood).Variance);
        Assert.Throws<ArgumentOutOfRangeException>(() => DecoderLikelihood.Gaussian(0));
    }

    [Fact]
    public void The_model_carries_its_likelihood_and_the_loss_uses_it()
    {
        var x = ProceduralSprites.Generate(16, seed: 3).ToTensor();
        VaeTraining.Seed(5);
        var bernoulli = new MlpVae(hiddenSize: 32, latentSize: 3);
        VaeTraining.Seed(5);
        var gaussian = new MlpVae(hiddenSize: 32, latentSize: 3, likelihood: DecoderLikelihood.Gaussian(0.1));
        Assert.Same(DecoderLikelihood.Bernoulli, bernoulli.Likelihood);
        // Same weights, same noise: the KL terms agree, the reconstruction terms are each likelihood's own.
        var (recB, klB) = VaeLoss.Terms(bernoulli, x, new Generator(9));
        var (recG, klG) = VaeLoss.Terms(gaussian, x, new Generator(9));
        Assert.Equal(klB.item<float>(), klG.item<float>(), 4);
        var (output, mean, logVariance) = gaussian.Forward(x, new Generator(9));
        Assert.Equal(DecoderLikelihood.Gaussian(0.1).NegativeLogLikelihood(output, x).item<float>(), recG.item<float>(), 2);
        Assert.Equal(DecoderLikelihood.Bernoulli.NegativeLogLikelihood(output, x).item<float>(), recB.item<float>(), 2);
        Assert.Equal(VaeLoss.KlToStandardNormal(mean, logVariance).item<float>(), klG.item<float>(), 4);
        // Evaluation reads the likelihood from the model: −ELBO = reconstruction + KL with the Gaussian term.
        var held = VaeTraining.Evaluate(gaussian, x, seed: 9, batchSize: 16);
        Assert.Equal(recG.item<float>() / 16, held.Reconstruction, 3);
    }

    [Fact]
    public void Per_unit_KL_sums_to_the_KL_term()
    {
        float[] mean = [0.3f, -1.2f, 0.5f, 0f, 2f, -0.1f], logVariance = [0.1f, -0.7f, 1.2f, 0f, -2f, 0.3f];
        var perUnit = VaeLoss.KlPerUnit(tensor(mean, [2, 3]), tensor(logVariance, [2, 3])).data<float>().ToArray();
        Assert.Equal(3, perUnit.Length);
        double Unit(int i) => -0.5 * (1 + logVariance[i] - mean[i] * mean[i] - Math.Exp(logVariance[i]));
        Assert.Equal(Unit(0) + Unit(3), perUnit[0], 5);
        Assert.Equal(perUnit.Sum(), VaeLoss.KlToStandardNormal(tensor(mean, [2, 3]), tensor(logVariance, [2, 3])).item<float>(), 5);
    }

    [Fact]
    public void Free_bits_and_warm_up_change_the_training_but_not_the_reported_ELBO_terms()
    {
        var (train, _) = Data();
        var plain = VaeTraining.Train(SmallModel(3), train, options: new VaeTrainingOptions(Epochs: 2, BatchSize: 64, Seed: 3));
        var freeBits = VaeTraining.Train(SmallModel(3), train, options: new VaeTrainingOptions(Epochs: 2, BatchSize: 64, FreeBits: 2, Seed: 3));
        var warmup = VaeTraining.Train(SmallModel(3), train, options: new VaeTrainingOptions(Epochs: 2, BatchSize: 64, KlWarmupEpochs: 2, Seed: 3));
        // A free-bits floor of 2 nats per unit, and a KL weight near 0 early on, both let q(h | x) spread its information: more KL.
        Assert.True(freeBits[^1].Kl > plain[^1].Kl, $"free bits KL {freeBits[^1].Kl:F2} vs {plain[^1].Kl:F2}");
        Assert.True(warmup[0].Kl > plain[0].Kl, $"warm-up KL {warmup[0].Kl:F2} vs {plain[0].Kl:F2}");
        Assert.All(freeBits, h => Assert.Equal(h.NegativeElbo, h.Reconstruction + h.Kl, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeTraining.Train(SmallModel(3), train, options: new VaeTrainingOptions(FreeBits: -1)));
    }

    [Fact]
    public void Asking_for_CUDA_without_a_CUDA_libtorch_is_a_clear_error()
    {
        if (cuda.is_available())
        {
            // A CUDA build of TorchSharp: the model lives on the GPU and trains there with torch's Adam.
            var onGpu = new MlpVae(hiddenSize: 8, latentSize: 2, device: "cuda");
            Assert.Equal(DeviceType.CUDA, onGpu.parameters().First().device_type);
            var history = VaeTraining.Train(onGpu, Data().Train, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 64));
            Assert.True(double.IsFinite(history[0].NegativeElbo));
            return;
        }
        var e = Assert.Throws<InvalidOperationException>(() => new MlpVae(hiddenSize: 8, latentSize: 2, device: "cuda"));
        Assert.Contains("CUDA", e.Message);
        Assert.Contains("TorchSharp-cuda-linux", e.Message);
        Assert.Equal(DeviceType.CPU, new MlpVae(hiddenSize: 8, latentSize: 2).Device.type);
        Assert.Equal(DeviceType.CPU, new MlpVae(hiddenSize: 8, latentSize: 2, device: "cpu").Device.type);
        Assert.Equal("device", Assert.Throws<ArgumentException>(() => new MlpVae(hiddenSize: 8, latentSize: 2, device: "gpu")).ParamName);
    }

    [Fact]
    public void A_loss_that_becomes_NaN_names_the_epoch_and_batch()
    {
        var (train, _) = Data();
        var broken = train.clone();
        broken[130, 5] = float.NaN;
        var e = Assert.Throws<TrainingDivergedException>(() =>
            VaeTraining.Train(SmallModel(1), broken, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 64, Seed: 3)));
        Assert.Matches(@"at epoch 1, batch \d+ of 8", e.Message);
    }

    [Theory]
    [InlineData(0.0)]  // the ELBO
    [InlineData(0.5)]  // free bits: the clamp decided on the batch after the check
    public void A_diverging_first_step_leaves_the_weights_as_they_were(double freeBits)
    {
        var (train, _) = Data();
        var broken = train.slice(0, 0, 64, 1).clone();
        broken[.., 5] = float.NaN; // every image: the first step diverges
        var model = SmallModel(1);
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();
        Assert.Throws<TrainingDivergedException>(() =>
            VaeTraining.Train(model, broken, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 64, FreeBits: freeBits, Seed: 3)));
        foreach (var (p, b) in model.parameters().Zip(before))
            Assert.True(p.detach().eq(b).all().item<bool>(), "a parameter moved during the diverging step");
    }

    [Fact]
    public void The_conditional_VAE_decodes_with_a_label()
    {
        var set = ProceduralSprites.Generate(256, seed: 5);
        var labels = nn.functional.one_hot(tensor(set.Factors.Select(f => (long)f.Shape).ToArray()), 4).to_type(ScalarType.Float32);
        var model = SmallModel(2, conditionSize: 4);
        var history = VaeTraining.Train(model, set.ToTensor(), labels, new VaeTrainingOptions(Epochs: 2, BatchSize: 64, Seed: 1));
        Assert.Equal(2, history.Count);
        using var h = zeros(1, 4);
        Assert.Equal([1L, 784L], model.Decode(h, labels.slice(0, 0, 1, 1)).shape);
        Assert.Equal("condition", Assert.Throws<ArgumentException>(() => model.Decode(h)).ParamName);
    }

    [Fact]
    public void A_checkpoint_restores_the_same_model()
    {
        var model = SmallModel(4);
        string path = Path.Combine(Path.GetTempPath(), $"coursenotes-vae-{Guid.NewGuid():N}.bin");
        model.save(path);
        var restored = SmallModel(99);
        restored.load(path);
        using var x = ProceduralSprites.Generate(8, seed: 0).ToTensor();
        Assert.True(model.Encode(x).Mean.allclose(restored.Encode(x).Mean));
        File.Delete(path);
    }
}
