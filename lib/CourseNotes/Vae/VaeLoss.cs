using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// The VAE's loss, the negative ELBO of a batch, summed over pixels and latent units:
/// <c>−ELBO = −E_q[log p_θ(x | h)] + KL(q_φ(h | x) ‖ 𝒩(0, I))</c>, the expectation estimated with one
/// reparameterised sample and the KL in closed form, <c>−½ Σᵢ (1 + log σᵢ² − μᵢ² − σᵢ²)</c>.
/// The reconstruction term is the model's own <see cref="VaeModule.Likelihood"/>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « La fonction de coût ».</remarks>
public static class VaeLoss
{
    /// <summary>
    /// The two terms of −ELBO for the batch <paramref name="x"/>, each summed over the batch: the reconstruction
    /// −log p_θ(x | h) at one sample h = μ + σ ⊙ ε (ε from <paramref name="generator"/>) and the KL to the prior.
    /// Their sum divided by the batch size is the loss the training minimises (β = 1).
    /// </summary>
    /// <param name="model">The VAE (its likelihood gives the reconstruction term).</param>
    /// <param name="x">Images [batch, D] on the model's device.</param>
    /// <param name="generator">Seeds ε (null: libtorch's global generator).</param>
    /// <param name="condition">One-hot labels for a conditional VAE, else null.</param>
    public static (Tensor Reconstruction, Tensor Kl) Terms(VaeModule model, Tensor x, Generator? generator = null, Tensor? condition = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(x, nameof(x));
        var (output, mean, logVariance) = model.Forward(x, generator, condition);
        using (output)
        using (mean)
        using (logVariance)
            return (model.Likelihood.NegativeLogLikelihood(output, x), KlToStandardNormal(mean, logVariance));
    }

    /// <summary>KL(𝒩(μ, diag σ²) ‖ 𝒩(0, I)) summed over the batch and the latent units.</summary>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVariance)
    {
        using var perUnit = KlPerUnit(mean, logVariance);
        return perUnit.sum();
    }

    /// <summary>The KL of each latent unit, <c>−½ (1 + log σᵢ² − μᵢ² − σᵢ²)</c>, summed over the batch: a tensor [K].</summary>
    public static Tensor KlPerUnit(Tensor mean, Tensor logVariance)
    {
        using var scope = NewDisposeScope();
        return (-0.5 * (1 + logVariance - mean.pow(2) - logVariance.exp())).sum(dim: 0).MoveToOuterDisposeScope();
    }
}
