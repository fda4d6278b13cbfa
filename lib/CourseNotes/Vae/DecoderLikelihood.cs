using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// The decoder's distribution p_θ(x | h) over the D pixels of an image, independent given h; the decoder's
/// output is one number per pixel (a logit for <see cref="Bernoulli"/>, a mean for <see cref="Gaussian"/>).
/// A VAE is built with its likelihood (<see cref="VaeModule.Likelihood"/>): the loss, the evaluation and the
/// pictures all take it from the model, so they cannot disagree.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « La fonction de coût ».</remarks>
public abstract class DecoderLikelihood
{
    private protected DecoderLikelihood() { }

    /// <summary>
    /// Independent Bernoulli pixels, <c>p(x | h) = Πⱼ pⱼ^xⱼ (1 − pⱼ)^(1 − xⱼ)</c> with <c>pⱼ = σ(logitⱼ)</c>: a likelihood
    /// for binary images only (binarise grey levels first).
    /// </summary>
    public static DecoderLikelihood Bernoulli { get; } = new BernoulliLikelihood();

    /// <summary>
    /// Independent Gaussian pixels of fixed variance σ² around the decoded mean m,
    /// <c>−log p(x | h) = ‖x − m‖² / (2σ²) + (D/2) log(2πσ²)</c>: a likelihood for grey levels. σ² weighs the
    /// reconstruction against the KL term like 1/β does.
    /// </summary>
    /// <param name="variance">σ² &gt; 0 (1 by default).</param>
    public static DecoderLikelihood Gaussian(double variance = 1) => new GaussianLikelihood(variance);

    /// <summary>−log p_θ(x | h) summed over every pixel of every image: a scalar tensor (nats).</summary>
    /// <param name="output">The decoder's output, same shape as <paramref name="x"/>.</param>
    /// <param name="x">The images.</param>
    public abstract Tensor NegativeLogLikelihood(Tensor output, Tensor x);

    /// <summary>log p_θ(x | h) per image: summed over the last dimension (the pixels), the other dimensions kept.</summary>
    /// <param name="output">The decoder's output, [..., D].</param>
    /// <param name="x">The images, broadcastable to <paramref name="output"/>.</param>
    public abstract Tensor LogLikelihood(Tensor output, Tensor x);

    /// <summary>The mean image E[x | h] the output stands for: σ(logit) (Bernoulli), the output itself (Gaussian).</summary>
    public abstract Tensor Mean(Tensor output);
}
