using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>Independent Bernoulli pixels (see <see cref="DecoderLikelihood.Bernoulli"/>).</summary>
public sealed class BernoulliLikelihood : DecoderLikelihood
{
    internal BernoulliLikelihood() { }

    /// <inheritdoc />
    public override Tensor NegativeLogLikelihood(Tensor output, Tensor x) =>
        functional.binary_cross_entropy_with_logits(output, x, reduction: Reduction.Sum);

    /// <inheritdoc />
    public override Tensor LogLikelihood(Tensor output, Tensor x)
    {
        using var perPixel = functional.binary_cross_entropy_with_logits(output, x.expand_as(output), reduction: Reduction.None);
        return -perPixel.sum(-1);
    }

    /// <inheritdoc />
    public override Tensor Mean(Tensor output) => output.sigmoid();

    /// <summary>« Bernoulli ».</summary>
    public override string ToString() => "Bernoulli";
}
