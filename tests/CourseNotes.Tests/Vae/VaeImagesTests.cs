using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

[Collection(SerialTorchCollection.Name)]
public class VaeImagesTests
{
    [Fact]
    public void Images_are_probabilities_of_the_right_shape_and_prior_samples_are_seeded()
    {
        VaeTraining.Seed(1);
        var model = new MlpVae(hiddenSize: 32, latentSize: 2);
        using var x = ProceduralSprites.Generate(4, seed: 1).ToTensor();
        using var reconstructions = VaeImages.Reconstructions(model, x);
        using var samples = VaeImages.PriorSamples(model, 6, seed: 5);
        using var again = VaeImages.PriorSamples(model, 6, seed: 5);
        using var grid = VaeImages.LatentGrid(model, 5);
        using var path = VaeImages.Interpolation(model, x[0], x[1], 7);
        Assert.Equal(new long[] { 4, 784 }, reconstructions.shape);
        Assert.Equal(new long[] { 25, 784 }, grid.shape);
        Assert.Equal(new long[] { 7, 784 }, path.shape);
        Assert.True(samples.equal(again).all().item<bool>());
        foreach (var t in new[] { reconstructions, samples, grid, path })
            Assert.True(t.min().item<float>() >= 0 && t.max().item<float>() <= 1);
        // The grid's middle image decodes the latent origin (Φ⁻¹(0.5) = 0).
        using var origin = model.Decode(zeros(1, 2)).sigmoid();
        Assert.True(grid[12].allclose(origin[0]));
        // Interpolation ends decode the encoder means.
        using var ends = VaeImages.Reconstructions(model, stack([x[0], x[1]]));
        Assert.True(path[0].allclose(ends[0], atol: 1e-6) && path[6].allclose(ends[1], atol: 1e-6));
        Assert.Throws<ArgumentException>(() => VaeImages.LatentGrid(new MlpVae(latentSize: 3), 4));
    }

    [Fact]
    public void A_traversal_changes_one_coordinate_of_the_encoder_mean()
    {
        VaeTraining.Seed(2);
        var model = new MlpVae(hiddenSize: 32, latentSize: 3);
        using var x = ProceduralSprites.Generate(1, seed: 4).ToTensor();
        double[] values = [-2, 0, 2];
        using var row = VaeImages.Traversal(model, x[0], 1, values);
        Assert.Equal(new long[] { 3, 784 }, row.shape);
        using var mean = model.Encode(x).Mean;
        using var h = mean.repeat(3, 1);
        h[TensorIndex.Colon, 1] = tensor(new float[] { -2, 0, 2 });
        Assert.True(row.allclose(model.Decode(h).sigmoid(), atol: 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeImages.Traversal(model, x[0], 3, values));
    }

    [Fact]
    public void Gaussian_images_are_the_decoded_means_clipped_to_the_unit_interval()
    {
        VaeTraining.Seed(3);
        var model = new MlpVae(hiddenSize: 32, latentSize: 2, likelihood: DecoderLikelihood.Gaussian(0.1));
        using var h = tensor(new float[] { 0.5f, -1f }, [1, 2]);
        using var image = VaeImages.Decode(model, h);
        Assert.True(image.allclose(model.Decode(h).clamp(0, 1)));
    }

    [Fact]
    public void Progress_reads_in_French_with_a_bar()
    {
        Assert.Equal("Époque 2/10 [██████████··········] lot 5/10 · −ELBO 45.21 nats", new TrainingProgress(2, 10, 5, 10, 45.2137).ToString());
    }
}
