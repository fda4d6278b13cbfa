using CourseNotes.Datasets;
using CourseNotes.Divergences;
using CourseNotes.Probability;
using CourseNotes.Vae;
using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>Small, real TorchSharp models on the procedural sprites.</summary>
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
        double before = VaeTraining.Evaluate(model, test, DecoderLikelihood.Bernoulli).NegativeElbo;
        var history = VaeTraining.Train(model, train, options: options);
        double after = VaeTraining.Evaluate(model, test, DecoderLikelihood.Bernoulli).NegativeElbo;
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
        double torchValue = VaeLoss.Reconstruction(tensor(logits, [1, 4]), tensor(pixels, [1, 4]), DecoderLikelihood.Bernoulli).item<float>();
        double oracle = -logits.Zip(pixels).Sum(p => new Bernoulli(1 / (1 + Math.Exp(-p.First))).LogDensity((int)p.Second));
        Assert.Equal(oracle, torchValue, 5);
        double gaussian = VaeLoss.Reconstruction(tensor(logits, [1, 4]), tensor(pixels, [1, 4]), DecoderLikelihood.Gaussian).item<float>();
        Assert.Equal(-logits.Zip(pixels).Sum(p => new Gaussian(p.First, 1).LogDensity(p.Second)), gaussian, 4);
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
