using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>
/// The course's multilayer-perceptron VAE: encoder x → 400 (ReLU) → (μ, log σ²) of size K, decoder
/// h → 400 (ReLU) → 784 (a logit, or a mean, per pixel). With <c>conditionSize</c> &gt; 0 it is a
/// conditional VAE (Sohn et al., 2015): a one-hot label y is joined to h before decoding, as in the original
/// course, and to x before encoding, so that q(h | x, y) need not spend KL on what y already says — without
/// it the decoder learns to ignore a label that h can carry cheaply.
/// Defaults are the course's sizes 784 → 400 → 20.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Le modèle dans la bibliothèque ».</remarks>
public sealed class MlpVae : VaeModule
{
    private readonly Linear _hidden, _mean, _logVariance, _decodeHidden, _decodeOutput;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it with torch.manual_seed first).</summary>
    /// <param name="inputSize">Pixels per image, ≥ 1 (784).</param>
    /// <param name="hiddenSize">Hidden units, ≥ 1 (400).</param>
    /// <param name="latentSize">K, the dimension of h, ≥ 1 (20).</param>
    /// <param name="conditionSize">Classes of the one-hot label joined to x and h (0: an ordinary VAE).</param>
    /// <param name="likelihood">The decoder's distribution: <see cref="DecoderLikelihood.Bernoulli"/> (the default, for binary images) or <see cref="DecoderLikelihood.Gaussian"/>.</param>
    /// <param name="device">Where the parameters live: "cpu" (or null, the default), "cuda" or "cuda:N" (needs a TorchSharp CUDA package instead of TorchSharp-cpu).</param>
    public MlpVae(int inputSize = 784, int hiddenSize = 400, int latentSize = 20, int conditionSize = 0,
        DecoderLikelihood? likelihood = null, string? device = null) : base(nameof(MlpVae), likelihood)
    {
        InputSize = Guard.AtLeast(inputSize, 1, nameof(inputSize));
        LatentSize = Guard.AtLeast(latentSize, 1, nameof(latentSize));
        ConditionSize = Guard.AtLeast(conditionSize, 0, nameof(conditionSize));
        Guard.AtLeast(hiddenSize, 1, nameof(hiddenSize));
        _hidden = Linear(inputSize + conditionSize, hiddenSize);
        _mean = Linear(hiddenSize, latentSize);
        _logVariance = Linear(hiddenSize, latentSize);
        _decodeHidden = Linear(latentSize + conditionSize, hiddenSize);
        _decodeOutput = Linear(hiddenSize, inputSize);
        RegisterComponents();
        PlaceOn(device);
    }

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <inheritdoc />
    public override int LatentSize { get; }

    /// <inheritdoc />
    public override int ConditionSize { get; }

    /// <inheritdoc />
    public override (Tensor Mean, Tensor LogVariance) Encode(Tensor x, Tensor? condition = null)
    {
        using var input = Joined(x, condition);
        using var hidden = functional.relu(_hidden.call(input));
        return (_mean.call(hidden), _logVariance.call(hidden));
    }

    /// <summary>The decoder's two layers h → hidden (ReLU) → output, for <see cref="Explorer.QuantizedDecoder"/>.</summary>
    internal (Linear Hidden, Linear Output) DecoderLayers => (_decodeHidden, _decodeOutput);

    /// <inheritdoc />
    public override Tensor Decode(Tensor h, Tensor? condition = null)
    {
        using var input = Joined(h, condition);
        using var hidden = functional.relu(_decodeHidden.call(input));
        return _decodeOutput.call(hidden);
    }
}
