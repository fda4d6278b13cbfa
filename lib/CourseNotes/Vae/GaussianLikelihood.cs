using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>Independent Gaussian pixels of variance σ² (see <see cref="DecoderLikelihood.Gaussian"/>).</summary>
public sealed class GaussianLikelihood : DecoderLikelihood
{
    internal GaussianLikelihood(double variance) => Variance = Guard.Positive(variance, nameof(variance));

    /// <summary>σ², the variance of every pixel given h.</summary>
    public double Variance { get; }

    /// <inheritdoc />
    public override Tensor NegativeLogLikelihood(Tensor output, Tensor x)
    {
        using var squares = functional.mse_loss(output, x, reduction: Reduction.Sum);
        return squares / (2 * Variance) + 0.5 * x.numel() * Math.Log(2 * Math.PI * Variance);
    }

    /// <inheritdoc />
    public override Tensor LogLikelihood(Tensor output, Tensor x)
    {
        using var difference = output - x;
        using var squares = difference.pow(2).sum(-1);
        return squares / (-2 * Variance) - 0.5 * output.shape[^1] * Math.Log(2 * Math.PI * Variance);
    }

    /// <inheritdoc />
    public override Tensor Mean(Tensor output) => output.alias();

    /// <summary>« Gaussian(σ² = 0.1) », the variance in the invariant culture.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Gaussian(σ² = {Variance})");
}
