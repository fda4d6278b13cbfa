using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae;

/// <summary>
/// The VAE's loss, the negative ELBO of a batch, summed over pixels and latent units:
/// <c>−ELBO = −E_q[log p_θ(x | h)] + β · KL(q_φ(h | x) ‖ 𝒩(0, I))</c>, the expectation estimated with one
/// reparameterised sample and the KL in closed form, <c>−½ Σᵢ (1 + log σᵢ² − μᵢ² − σᵢ²)</c>.
/// β = 1 is the ELBO; β ≠ 1 trades reconstruction against the prior (β-VAE).
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « La fonction de coût ».</remarks>
public static class VaeLoss
{
    /// <summary>−log p_θ(x | h) summed over the batch: binary cross-entropy of logits (Bernoulli) or ½‖x − m‖² + (D/2) log 2π (Gaussian, unit variance).</summary>
    public static Tensor Reconstruction(Tensor output, Tensor x, DecoderLikelihood likelihood) => likelihood switch
    {
        DecoderLikelihood.Bernoulli => functional.binary_cross_entropy_with_logits(output, x, reduction: Reduction.Sum),
        DecoderLikelihood.Gaussian => 0.5 * functional.mse_loss(output, x, reduction: Reduction.Sum) + 0.5 * x.numel() * Math.Log(2 * Math.PI),
        _ => throw new ArgumentOutOfRangeException(nameof(likelihood), likelihood, "unknown likelihood"),
    };

    /// <summary>KL(𝒩(μ, diag σ²) ‖ 𝒩(0, I)) summed over the batch and the latent units.</summary>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVariance) =>
        -0.5 * (1 + logVariance - mean.pow(2) - logVariance.exp()).sum();
}
