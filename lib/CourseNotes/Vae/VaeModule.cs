using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>
/// What every VAE of the course is: an encoder q_φ(h | x) = 𝒩(μ(x), diag σ²(x)), a decoder p_θ(x | h)
/// whose distribution over pixels is the model's <see cref="Likelihood"/> (one logit per pixel for Bernoulli,
/// one mean for Gaussian), and the reparameterised pass between them. The model lives on one
/// <see cref="Device"/>. <see cref="MlpVae"/> (the course's perceptron) and <see cref="ConvVae"/> (convolutional)
/// are the two architectures; training, evaluation and pictures take either, and read the likelihood
/// and the device from it.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Le modèle dans la bibliothèque ».</remarks>
public abstract class VaeModule : Module
{
    /// <summary>Names the module and fixes its likelihood; the subclass builds its layers, then calls <see cref="PlaceOn"/>.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="likelihood">The decoder's distribution; <see cref="DecoderLikelihood.Bernoulli"/> when null.</param>
    protected VaeModule(string name, DecoderLikelihood? likelihood) : base(name) =>
        Likelihood = likelihood ?? DecoderLikelihood.Bernoulli;

    /// <summary>The decoder's distribution p_θ(x | h), fixed at construction.</summary>
    public DecoderLikelihood Likelihood { get; }

    /// <summary>Where the parameters live: the CPU unless a CUDA device was asked for at construction.</summary>
    public Device Device { get; private set; } = CPU;

    /// <summary>Pixels per image.</summary>
    public abstract int InputSize { get; }

    /// <summary>The latent dimension K.</summary>
    public abstract int LatentSize { get; }

    /// <summary>The number of label classes joined to x and h (0 for an unconditional VAE).</summary>
    public abstract int ConditionSize { get; }

    /// <summary>The encoder q_φ(h | x) (q_φ(h | x, y) when conditional): returns (μ, log σ²), each [batch, K].</summary>
    /// <param name="x">Images, [batch, InputSize], on <see cref="Device"/>.</param>
    /// <param name="condition">One-hot labels [batch, ConditionSize] for a conditional VAE, else null.</param>
    public abstract (Tensor Mean, Tensor LogVariance) Encode(Tensor x, Tensor? condition = null);

    /// <summary>The decoder p_θ(x | h): per-pixel logits (Bernoulli) or means (Gaussian), [batch, InputSize].</summary>
    /// <param name="h">Latent codes, [batch, K], on <see cref="Device"/>.</param>
    /// <param name="condition">One-hot labels [batch, ConditionSize] for a conditional VAE, else null.</param>
    public abstract Tensor Decode(Tensor h, Tensor? condition = null);

    /// <summary>Encodes, samples h = μ + σ ⊙ ε by <see cref="Reparameterize"/> with <paramref name="generator"/>, and decodes.</summary>
    public (Tensor Output, Tensor Mean, Tensor LogVariance) Forward(Tensor x, Generator? generator = null, Tensor? condition = null)
    {
        var (mean, logVariance) = Encode(x, condition);
        using var h = Reparameterize(mean, logVariance, generator);
        return (Decode(h, condition), mean, logVariance);
    }

    /// <summary>The same pass with the noise ε given ([batch, K], on <see cref="Device"/>): h = μ + σ ⊙ ε.</summary>
    internal (Tensor Output, Tensor Mean, Tensor LogVariance) Forward(Tensor x, Tensor epsilon, Tensor? condition)
    {
        var (mean, logVariance) = Encode(x, condition);
        using var h = Shift(mean, logVariance, epsilon);
        return (Decode(h, condition), mean, logVariance);
    }

    /// <summary>
    /// The reparameterisation trick for a diagonal Gaussian given by its mean and log-variance (any shape,
    /// e.g. batch × K): <c>h = μ + exp(½ log σ²) ⊙ ε</c>, ε ~ 𝒩(0, I), differentiable with respect to both tensors.
    /// ε is drawn on the CPU from <paramref name="generator"/> (seed it; null: libtorch's global generator),
    /// then moved to the tensors' device, so a seed gives the same noise on every device.
    /// </summary>
    /// <param name="mean">μ.</param>
    /// <param name="logVariance">log σ², the shape of <paramref name="mean"/>.</param>
    /// <param name="generator">A CPU generator, or null.</param>
    public static Tensor Reparameterize(Tensor mean, Tensor logVariance, Generator? generator = null)
    {
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(logVariance, nameof(logVariance));
        if (!mean.shape.SequenceEqual(logVariance.shape))
            throw new ArgumentException($"logVariance has shape [{string.Join(", ", logVariance.shape)}], mean has [{string.Join(", ", mean.shape)}].", nameof(logVariance));
        using var epsilon = Noise(mean.shape, mean.dtype, mean.device, generator);
        return Shift(mean, logVariance, epsilon);
    }

    /// <summary>μ + exp(½ log σ²) ⊙ ε for a given ε.</summary>
    private static Tensor Shift(Tensor mean, Tensor logVariance, Tensor epsilon)
    {
        using var standardDeviation = (0.5 * logVariance).exp();
        using var scaled = standardDeviation * epsilon;
        return mean + scaled;
    }

    /// <summary>Standard normal noise of the given shape drawn on the CPU from <paramref name="generator"/>, on <paramref name="device"/>.</summary>
    internal static Tensor Noise(long[] shape, ScalarType dtype, Device device, Generator? generator)
    {
        var noise = randn(shape, dtype: dtype, generator: generator);
        if (device.type == DeviceType.CPU) return noise;
        using (noise) return noise.to(device);
    }

    /// <summary><paramref name="input"/> with the one-hot <paramref name="condition"/> joined as extra columns; checks that a condition is given exactly when the VAE is conditional.</summary>
    protected Tensor Joined(Tensor input, Tensor? condition)
    {
        if ((condition is null) != (ConditionSize == 0))
            throw new ArgumentException(ConditionSize == 0 ? "this VAE takes no condition." : $"this conditional VAE needs a one-hot condition of {ConditionSize} classes.", nameof(condition));
        return condition is null ? input.alias() : cat([input, condition], 1);
    }

    /// <summary>
    /// Moves the registered parameters to <paramref name="device"/>: null or "cpu" for the CPU, "cuda" or "cuda:N"
    /// for a GPU. Call once, after <c>RegisterComponents()</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and this libtorch has no CUDA device.</exception>
    /// <exception cref="ArgumentException">The name is neither "cpu" nor "cuda[:N]".</exception>
    protected void PlaceOn(string? device)
    {
        string name = (device ?? "cpu").Trim().ToLowerInvariant();
        if (name == "cpu") { Device = CPU; return; }
        if (name != "cuda" && !(name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out int index) && index >= 0))
            throw new ArgumentException($"unknown device « {device} »: use \"cpu\" (the default), \"cuda\" or \"cuda:N\".", nameof(device));
        if (!cuda.is_available())
            throw new InvalidOperationException(
                $"CUDA was asked for (device « {device} »), but libtorch sees no CUDA device here. The course library uses the TorchSharp-cpu package; "
                + "for a GPU, reference TorchSharp-cuda-linux or TorchSharp-cuda-windows in its place, with an NVIDIA driver installed; "
                + "or leave the device out to train on the CPU.");
        Device = torch.device(name);
        this.to(Device);
    }
}
