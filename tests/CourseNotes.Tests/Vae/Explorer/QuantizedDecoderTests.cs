using CourseNotes.Vae;
using CourseNotes.Vae.Explorer;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae.Explorer;

[Collection(CourseNotes.Tests.Vae.SerialTorchCollection.Name)]
public class QuantizedDecoderTests
{
    // Uniform draws in the box [lower, upper] (a seeded generator), [n, K].
    private static Tensor Draws(double[] lower, double[] upper, int n, int seed)
    {
        var random = new Random(seed);
        var points = new float[n * lower.Length];
        for (int i = 0; i < points.Length; i++) points[i] = (float)(lower[i % lower.Length] + (upper[i % lower.Length] - lower[i % lower.Length]) * random.NextDouble());
        return tensor(points, [n, lower.Length]);
    }

    // A parameter of the model by the end of its name (TorchSharp names them after the fields).
    private static Tensor Parameter(Dictionary<string, TorchSharp.Modules.Parameter> parameters, string name) =>
        parameters.Single(p => p.Key.EndsWith(name, StringComparison.Ordinal)).Value.detach();

    [Fact]
    public void The_8_bit_decoder_stays_within_its_bound_of_the_float_decoder_everywhere_in_the_box()
    {
        VaeTraining.Seed(3);
        var model = new MlpVae(latentSize: 2);
        double[] lower = [-4, -4], upper = [4, 4];
        var decoder = QuantizedDecoder.Of(model, lower, upper);
        using var points = Draws(lower, upper, 500, seed: 1);
        using var quantised = decoder.Decode(points);
        using var exact = VaeImages.Decode(model, points);
        var gaps = (quantised - exact).abs().max(1).values.data<float>().ToArray();
        var bounds = decoder.ErrorBound(points);
        for (int n = 0; n < gaps.Length; n++) Assert.True(gaps[n] <= bounds[n] + 1e-5, $"point {n}: gap {gaps[n]} > bound {bounds[n]}");
        Assert.True(gaps.Max() > 0, "the quantisation changed nothing: the test would prove nothing");
        // 8 bits: 313 600 one-byte weights and four float32 vectors.
        Assert.Equal(784 * decoder.HiddenSize + 4 * (2 * decoder.HiddenSize + decoder.HiddenSize + 2 * 784), decoder.Bytes);
        Assert.Equal(400, decoder.HiddenSize + decoder.DroppedUnits);
    }

    [Fact]
    public void Error_compensating_rounding_moves_the_pixels_less_than_rounding_each_weight_to_the_nearest()
    {
        VaeTraining.Seed(4);
        var model = new MlpVae(latentSize: 2);
        double[] lower = [-3, -3], upper = [3, 3];
        var decoder = QuantizedDecoder.Of(model, lower, upper);
        // The independent estimator: round W₂ to the nearest 8-bit step with the same row scales, decode with TorchSharp.
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var w2 = Parameter(parameters, "decodeOutput.weight");
        using var scales = w2.abs().max(1, keepdim: true).values / 127;
        using var nearest = (w2 / scales).round().clamp(-127, 127) * scales;
        using var points = Draws(lower, upper, 1000, seed: 2);
        using var z = nn.functional.relu(nn.functional.linear(points, Parameter(parameters, "decodeHidden.weight"), Parameter(parameters, "decodeHidden.bias")));
        using var rounded = nn.functional.linear(z, nearest, Parameter(parameters, "decodeOutput.bias")).sigmoid();
        using var exact = VaeImages.Decode(model, points);
        using var ours = decoder.Decode(points);
        double errorNearest = (rounded - exact).pow(2).mean().item<float>(), errorOurs = (ours - exact).pow(2).mean().item<float>();
        Assert.True(errorOurs < errorNearest / 2, $"mean squared pixel error {errorOurs:g3} (error-compensating) vs {errorNearest:g3} (nearest)");
    }

    [Fact]
    public void Fixed_coordinates_fold_into_the_bias_and_units_dead_in_the_box_are_dropped_without_changing_the_decode()
    {
        VaeTraining.Seed(5);
        var model = new MlpVae(latentSize: 20);
        var start = Enumerable.Range(0, 20).Select(i => 0.1 * (i % 7) - 0.3).ToArray();
        double[] lower = (double[])start.Clone(), upper = (double[])start.Clone();
        foreach (int i in new[] { 3, 11 }) (lower[i], upper[i]) = (-3, 3);
        var decoder = QuantizedDecoder.Of(model, lower, upper);
        Assert.Equal(new[] { 3, 11 }, decoder.Coordinates);
        Assert.Equal(2 * decoder.HiddenSize, decoder.HiddenWeights.Length);
        using var points = Draws(lower, upper, 300, seed: 3);
        using var quantised = decoder.Decode(points);
        using var exact = VaeImages.Decode(model, points);
        var gaps = (quantised - exact).abs().max(1).values.data<float>().ToArray();
        var bounds = decoder.ErrorBound(points);
        for (int n = 0; n < gaps.Length; n++) Assert.True(gaps[n] <= bounds[n] + 1e-5, $"point {n}: gap {gaps[n]} > bound {bounds[n]}");

        // A tiny box around one point: most units are off there, and dropping them changes nothing.
        double[] small = Enumerable.Repeat(-0.01, 20).ToArray(), big = Enumerable.Repeat(0.01, 20).ToArray();
        var local = QuantizedDecoder.Of(model, small, big);
        Assert.True(local.DroppedUnits > 0, "no unit is off near the origin: the pruning went untested");
        using var near = Draws(small, big, 50, seed: 4);
        using var localGap = (local.Decode(near) - VaeImages.Decode(model, near)).abs().max(1).values;
        var localBounds = local.ErrorBound(near);
        var localGaps = localGap.data<float>().ToArray();
        for (int n = 0; n < localGaps.Length; n++) Assert.True(localGaps[n] <= localBounds[n] + 1e-5);
    }

    [Fact]
    public void A_conditional_vae_or_a_wrong_box_is_refused()
    {
        VaeTraining.Seed(6);
        Assert.Throws<ArgumentException>(() => QuantizedDecoder.Of(new MlpVae(hiddenSize: 8, latentSize: 2, conditionSize: 3), [-1, -1], [1, 1]));
        var model = new MlpVae(hiddenSize: 8, latentSize: 2);
        Assert.Throws<ArgumentException>(() => QuantizedDecoder.Of(model, [-1], [1]));
        Assert.Throws<ArgumentException>(() => QuantizedDecoder.Of(model, [1, -1], [-1, 1]));
    }
}
