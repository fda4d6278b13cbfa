using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>
/// A small convolutional VAE for 28 × 28 images: encoder 1 → 32 → 64 channels (4 × 4 kernels, stride 2:
/// 28 → 14 → 7), then 3 136 → 256 (ReLU) → (μ, log σ²) of size K; decoder K → 256 → 3 136, then
/// transposed convolutions 64 → 32 → 1 (7 → 14 → 28), one logit or mean per pixel. Convolutions share
/// their weights across positions, which suits shapes that move: about 1.7 M parameters against the
/// perceptron's 0.65 M, most of them in the two dense layers.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « Démêlage : les facteurs des formes ».</remarks>
public sealed class ConvVae : VaeModule
{
    private const int Side = 28, Features = 64 * 7 * 7;
    private readonly Conv2d _conv1, _conv2;
    private readonly Linear _hidden, _mean, _logVariance, _decodeHidden, _decodeFeatures;
    private readonly ConvTranspose2d _deconv1, _deconv2;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it with torch.manual_seed first).</summary>
    /// <param name="latentSize">K, the dimension of h, ≥ 1.</param>
    /// <param name="conditionSize">Classes of the one-hot label joined to the features and to h (0: an ordinary VAE).</param>
    /// <param name="likelihood">The decoder's distribution: <see cref="DecoderLikelihood.Bernoulli"/> (the default, for binary images) or <see cref="DecoderLikelihood.Gaussian"/>.</param>
    /// <param name="device">Where the parameters live: "cpu" (or null, the default), "cuda" or "cuda:N" (needs a TorchSharp CUDA package instead of TorchSharp-cpu).</param>
    public ConvVae(int latentSize = 20, int conditionSize = 0, DecoderLikelihood? likelihood = null, string? device = null) : base(nameof(ConvVae), likelihood)
    {
        LatentSize = Guard.AtLeast(latentSize, 1, nameof(latentSize));
        ConditionSize = Guard.AtLeast(conditionSize, 0, nameof(conditionSize));
        _conv1 = Conv2d(1, 32, 4, stride: 2, padding: 1);
        _conv2 = Conv2d(32, 64, 4, stride: 2, padding: 1);
        _hidden = Linear(Features + conditionSize, 256);
        _mean = Linear(256, latentSize);
        _logVariance = Linear(256, latentSize);
        _decodeHidden = Linear(latentSize + conditionSize, 256);
        _decodeFeatures = Linear(256, Features);
        _deconv1 = ConvTranspose2d(64, 32, 4, stride: 2, padding: 1);
        _deconv2 = ConvTranspose2d(32, 1, 4, stride: 2, padding: 1);
        RegisterComponents();
        PlaceOn(device);
    }

    /// <inheritdoc />
    public override int InputSize => Side * Side;

    /// <inheritdoc />
    public override int LatentSize { get; }

    /// <inheritdoc />
    public override int ConditionSize { get; }

    /// <inheritdoc />
    public override (Tensor Mean, Tensor LogVariance) Encode(Tensor x, Tensor? condition = null)
    {
        using var scope = NewDisposeScope();
        var images = x.reshape(-1, 1, Side, Side);
        var features = functional.relu(_conv2.call(functional.relu(_conv1.call(images)))).flatten(1);
        var hidden = functional.relu(_hidden.call(Joined(features, condition)));
        var (mean, logVariance) = (_mean.call(hidden), _logVariance.call(hidden));
        return (mean.MoveToOuterDisposeScope(), logVariance.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Decode(Tensor h, Tensor? condition = null)
    {
        using var scope = NewDisposeScope();
        var hidden = functional.relu(_decodeHidden.call(Joined(h, condition)));
        var features = functional.relu(_decodeFeatures.call(hidden)).reshape(-1, 64, 7, 7);
        var output = _deconv2.call(functional.relu(_deconv1.call(features)));
        return output.reshape(-1, Side * Side).MoveToOuterDisposeScope();
    }
}
