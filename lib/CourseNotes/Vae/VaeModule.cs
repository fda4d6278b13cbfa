using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>
/// What every VAE of the course is: an encoder q_φ(h | x) = 𝒩(μ(x), diag σ²(x)), a decoder p_θ(x | h)
/// giving one logit (Bernoulli) or mean (Gaussian) per pixel, and the reparameterised pass between them.
/// <see cref="MlpVae"/> (the course's perceptron) and <see cref="ConvVae"/> (convolutional) are the two
/// architectures; training, evaluation and pictures take either.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Le modèle ».</remarks>
public abstract class VaeModule(string name) : Module(name)
{
    /// <summary>Pixels per image.</summary>
    public abstract int InputSize { get; }

    /// <summary>The latent dimension K.</summary>
    public abstract int LatentSize { get; }

    /// <summary>The number of label classes joined to x and h (0 for an unconditional VAE).</summary>
    public abstract int ConditionSize { get; }

    /// <summary>The encoder q_φ(h | x) (q_φ(h | x, y) when conditional): returns (μ, log σ²), each [batch, K].</summary>
    /// <param name="x">Images, [batch, InputSize].</param>
    /// <param name="condition">One-hot labels [batch, ConditionSize] for a conditional VAE, else null.</param>
    public abstract (Tensor Mean, Tensor LogVariance) Encode(Tensor x, Tensor? condition = null);

    /// <summary>The decoder p_θ(x | h): per-pixel logits (Bernoulli) or means (Gaussian), [batch, InputSize].</summary>
    /// <param name="h">Latent codes, [batch, K].</param>
    /// <param name="condition">One-hot labels [batch, ConditionSize] for a conditional VAE, else null.</param>
    public abstract Tensor Decode(Tensor h, Tensor? condition = null);

    /// <summary>Encodes, samples h = μ + σ ⊙ ε by reparameterisation with <paramref name="generator"/>, and decodes.</summary>
    public (Tensor Output, Tensor Mean, Tensor LogVariance) Forward(Tensor x, Generator? generator = null, Tensor? condition = null)
    {
        var (mean, logVariance) = Encode(x, condition);
        using var h = Inference.Reparameterize.Gaussian(mean, logVariance, generator);
        return (Decode(h, condition), mean, logVariance);
    }

    /// <summary><paramref name="input"/> with the one-hot <paramref name="condition"/> joined as extra columns; checks that a condition is given exactly when the VAE is conditional.</summary>
    protected Tensor Joined(Tensor input, Tensor? condition)
    {
        if ((condition is null) != (ConditionSize == 0))
            throw new ArgumentException(ConditionSize == 0 ? "this VAE takes no condition." : $"this conditional VAE needs a one-hot condition of {ConditionSize} classes.", nameof(condition));
        return condition is null ? input.alias() : cat([input, condition], 1);
    }
}
