using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>The autoregressive decoder is a normalised likelihood of x given h, and pixel j reads only the pixels before it.</summary>
[Collection(SerialTorchCollection.Name)]
public class AutoregressiveMlpVaeTests
{
    [Fact]
    public void The_decoder_is_a_probability_over_the_images_once_trained()
    {
        // Three pixels, trained a little on random correlated bits so that the autoregressive weights are not zero.
        VaeTraining.Seed(1);
        var model = new AutoregressiveMlpVae(inputSize: 3, hiddenSize: 8, latentSize: 2);
        var generator = new TorchSharp.torch.Generator(2);
        var first = rand([256, 1], generator: generator).lt(0.5).to_type(ScalarType.Float32);
        var data = cat([first, first, 1 - first], 1);
        VaeTraining.Train(model, data, conditions: data, options: new VaeTrainingOptions(Epochs: 20, BatchSize: 32, LearningRate: 1e-2, Seed: 3));

        var images = tensor(Enumerable.Range(0, 8).SelectMany(v => new[] { v & 1, (v >> 1) & 1, (v >> 2) & 1 }).Select(b => (float)b).ToArray(), [8, 3]);
        using var noGrad = no_grad();
        foreach (float[] code in new[] { new[] { 0f, 0f }, new[] { 1.5f, -0.7f } })
        {
            var h = tensor(code, [1, 2]).expand(8, 2);
            var logProbability = model.Likelihood.LogLikelihood(model.Decode(h, images), images);
            Assert.Equal(1.0, logProbability.exp().sum().item<float>(), 5);
        }
        // The data's structure (x₂ = x₁, x₃ = 1 − x₁) is learnt from the pixels themselves.
        var logits = model.Decode(zeros(2, 2), tensor(new[] { 1f, 1f, 0f, 0f, 0f, 1f }, [2, 3]));
        Assert.True(logits[0, 1].item<float>() > logits[1, 1].item<float>() + 1);
    }

    [Fact]
    public void Pixel_j_depends_on_the_pixels_before_it_only()
    {
        VaeTraining.Seed(4);
        var model = new AutoregressiveMlpVae(hiddenSize: 16, latentSize: 3);
        var sprites = ProceduralSprites.Generate(256, seed: 5).ToTensor();
        VaeTraining.Train(model, sprites, conditions: sprites, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 64, Seed: 6));
        using var noGrad = no_grad();
        var h = zeros(1, 3);
        var x = sprites[..1].clone();
        var before = model.Decode(h, x);
        x[0, 400] = 1 - x[0, 400];
        var after = model.Decode(h, x);
        var changed = (after - before).abs()[0];
        Assert.Equal(0f, changed[..401].max().item<float>());
        Assert.True(changed[401..].max().item<float>() > 0, "the pixels after 400 read pixel 400");
        Assert.Equal(784, model.ConditionSize);
        Assert.Throws<ArgumentException>(() => model.Decode(h));
    }
}
