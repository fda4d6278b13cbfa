using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>
/// The course's perceptron VAE with a more powerful, autoregressive decoder, to show why such decoders make
/// posterior collapse worse (Bowman et al., 2016): pixel j (in reading order) gets its own logit from h
/// <em>and</em> from the pixels before it,
/// <c>p_θ(x | h) = Πⱼ Bernoulli(xⱼ ; σ(aⱼ(h) + Σ_{i&lt;j} wⱼᵢ xᵢ))</c>,
/// aⱼ(h) the output of the course's decoder h → 400 (ReLU) → 784 and w a strictly lower-triangular matrix
/// (a fully visible sigmoid belief network, the simplest autoregressive model, added to the decoder).
/// It is still a likelihood of x given h, so the ELBO keeps its meaning; but what the preceding pixels predict,
/// the decoder no longer needs h for, and the KL term then pushes q(h | x) to the prior.
/// The image the decoder reads is passed as the <c>condition</c> (<see cref="ConditionSize"/> = D): train with
/// <c>VaeTraining.Train(model, images, conditions: images)</c>; the encoder ignores it. Drawing new images
/// would take D sequential passes, which the course does not do (<see cref="VaeImages"/> does not apply).
/// w starts at zero: at initialisation the model is the course's VAE.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « Un décodeur trop puissant ».</remarks>
public sealed class AutoregressiveMlpVae : VaeModule
{
    private readonly Linear _hidden, _mean, _logVariance, _decodeHidden, _decodeOutput;
    private readonly Parameter _autoregressive;
    private readonly Tensor _mask;

    /// <summary>Creates the network (seed libtorch with <see cref="VaeTraining.Seed"/> first); the decoder is Bernoulli.</summary>
    /// <param name="inputSize">Pixels per image D, ≥ 2 (784).</param>
    /// <param name="hiddenSize">Hidden units, ≥ 1 (400).</param>
    /// <param name="latentSize">K, the dimension of h, ≥ 1 (20).</param>
    /// <param name="device">Where the parameters live: "cpu" (or null, the default), "cuda" or "cuda:N".</param>
    public AutoregressiveMlpVae(int inputSize = 784, int hiddenSize = 400, int latentSize = 20, string? device = null)
        : base(nameof(AutoregressiveMlpVae), DecoderLikelihood.Bernoulli)
    {
        InputSize = Guard.AtLeast(inputSize, 2, nameof(inputSize));
        LatentSize = Guard.AtLeast(latentSize, 1, nameof(latentSize));
        Guard.AtLeast(hiddenSize, 1, nameof(hiddenSize));
        _hidden = Linear(inputSize, hiddenSize);
        _mean = Linear(hiddenSize, latentSize);
        _logVariance = Linear(hiddenSize, latentSize);
        _decodeHidden = Linear(latentSize, hiddenSize);
        _decodeOutput = Linear(hiddenSize, inputSize);
        _autoregressive = new Parameter(zeros(inputSize, inputSize));
        _mask = ones(inputSize, inputSize).tril(-1);                  // mask[j, i] = 1 for i < j
        RegisterComponents();
        PlaceOn(device);
    }

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <inheritdoc />
    public override int LatentSize { get; }

    /// <summary>D: the condition is the image itself, whose preceding pixels the decoder reads.</summary>
    public override int ConditionSize => InputSize;

    /// <summary>q_φ(h | x): the course's encoder x → 400 (ReLU) → (μ, log σ²); <paramref name="condition"/> is not used.</summary>
    public override (Tensor Mean, Tensor LogVariance) Encode(Tensor x, Tensor? condition = null)
    {
        using var hidden = functional.relu(_hidden.call(x));
        return (_mean.call(hidden), _logVariance.call(hidden));
    }

    /// <summary>The logits aⱼ(h) + Σ_{i&lt;j} wⱼᵢ xᵢ, [batch, D]; <paramref name="condition"/> is the image x, [batch, D].</summary>
    public override Tensor Decode(Tensor h, Tensor? condition = null)
    {
        if (condition is null || condition.dim() != 2 || condition.shape[^1] != InputSize)
            throw new ArgumentException($"the autoregressive decoder reads the image itself: pass it as the condition, [batch, {InputSize}].", nameof(condition));
        using var scope = NewDisposeScope();
        var hidden = functional.relu(_decodeHidden.call(h));
        var fromLatent = _decodeOutput.call(hidden);
        var fromPixels = functional.linear(condition, _autoregressive * _mask.to(_autoregressive.device));
        return (fromLatent + fromPixels).MoveToOuterDisposeScope();
    }
}
