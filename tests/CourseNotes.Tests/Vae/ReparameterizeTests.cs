using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

public class ReparameterizeTests
{
    /// <summary>Runs real TorchSharp (libtorch) operations: this fails if the native binding cannot load.</summary>
    [Fact]
    public void TorchSharp_form_has_the_right_moments_and_gradients()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1234);
        var mean = tensor(new float[] { 1f, -2f }).requires_grad_();
        var logVariance = tensor(new float[] { 0f, MathF.Log(4f) }).requires_grad_();
        var batchMean = mean.expand(50_000, 2);
        var batchLogVariance = logVariance.expand(50_000, 2);
        var h = VaeModule.Reparameterize(batchMean, batchLogVariance, generator);

        var sampleMean = h.mean([0]).data<float>().ToArray();
        var sampleVariance = h.var(0).data<float>().ToArray();
        Assert.InRange(sampleMean[0], 1 - 4 * 1 / Math.Sqrt(50_000), 1 + 4 * 1 / Math.Sqrt(50_000));
        Assert.InRange(sampleMean[1], -2 - 4 * 2 / Math.Sqrt(50_000), -2 + 4 * 2 / Math.Sqrt(50_000));
        Assert.InRange(sampleVariance[1], 4 - 4 * Math.Sqrt(2 * 16.0 / 50_000), 4 + 4 * Math.Sqrt(2 * 16.0 / 50_000));

        // d/dμ of mean(h) is 1 per coordinate: the gradient flows through the sample.
        h.mean().backward();
        Assert.Equal(0.5f, mean.grad!.data<float>()[0], 1e-5f);

        var again = VaeModule.Reparameterize(tensor(new float[] { 0f }), tensor(new float[] { 0f }), new Generator(1234)).item<float>();
        var same = VaeModule.Reparameterize(tensor(new float[] { 0f }), tensor(new float[] { 0f }), new Generator(1234)).item<float>();
        Assert.Equal(again, same);
    }

    [Fact]
    public void Shapes_must_agree()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("logVariance", Assert.ThrowsAny<ArgumentException>(() => VaeModule.Reparameterize(zeros(2, 3), zeros(3, 2))).ParamName);
    }
}
