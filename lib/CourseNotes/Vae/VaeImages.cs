using MathNet.Numerics.Distributions;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// The images a trained VAE makes, as mean images [n, D] with values in [0, 1] (the Bernoulli decoder's
/// probabilities σ(logit), or the Gaussian decoder's means): reconstructions, samples from the prior,
/// the 2-D latent grid of Kingma &amp; Welling and interpolations in latent space. Show them with
/// <see cref="Charts.ImageGrid"/>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, sections « Reconstructions » to « Interpolation ».</remarks>
public static class VaeImages
{
    /// <summary>The decoder's mean at h = μ_φ(x), the encoder's mean for each image of <paramref name="images"/> ([n, D]).</summary>
    public static Tensor Reconstructions(VaeModule model, Tensor images, DecoderLikelihood likelihood, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        return Decoded(model, () => model.Encode(images, conditions).Mean, likelihood, conditions);
    }

    /// <summary>The decoder's mean image at each given latent code <paramref name="h"/> ([n, K]): for a conditional VAE, the same h under different labels shows what the label controls.</summary>
    /// <param name="model">The trained VAE.</param>
    /// <param name="h">Latent codes, [n, K].</param>
    /// <param name="likelihood">The decoder's distribution (gives the mean image).</param>
    /// <param name="conditions">For a conditional VAE, one-hot labels [n, C], else null.</param>
    public static Tensor Decode(VaeModule model, Tensor h, DecoderLikelihood likelihood, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(h, nameof(h));
        return Decoded(model, () => h.alias(), likelihood, conditions);
    }

    /// <summary>Decodes <paramref name="count"/> (≥ 1) draws h ~ 𝒩(0, I) of the prior, noise from <paramref name="seed"/>.</summary>
    /// <param name="model">The trained VAE.</param>
    /// <param name="count">Images to draw, ≥ 1.</param>
    /// <param name="likelihood">The decoder's distribution (gives the mean image).</param>
    /// <param name="seed">Seeds the draws of h.</param>
    /// <param name="conditions">For a conditional VAE, one-hot labels [count, C]: the class to draw.</param>
    public static Tensor PriorSamples(VaeModule model, int count, DecoderLikelihood likelihood, int seed, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.AtLeast(count, 1, nameof(count));
        var generator = new Generator((ulong)seed);
        return Decoded(model, () => randn([count, model.LatentSize], generator: generator), likelihood, conditions);
    }

    /// <summary>
    /// For a VAE with K = 2: decodes a side × side grid of latent points placed at the Gaussian quantiles
    /// Φ⁻¹(u) of equally spaced u in (0, 1), so that each cell holds equal prior mass (Kingma &amp; Welling, 2014,
    /// figure 4). Rows run from high h₂ (top) to low, columns from low h₁ to high.
    /// </summary>
    /// <param name="model">A trained VAE with K = 2.</param>
    /// <param name="side">Images per row and column, ≥ 2.</param>
    /// <param name="likelihood">The decoder's distribution (gives the mean image).</param>
    public static Tensor LatentGrid(VaeModule model, int side, DecoderLikelihood likelihood)
    {
        Guard.NotNull(model, nameof(model));
        Guard.AtLeast(side, 2, nameof(side));
        if (model.LatentSize != 2) throw new ArgumentException($"the latent grid needs K = 2, this VAE has K = {model.LatentSize}.", nameof(model));
        var quantiles = Enumerable.Range(0, side).Select(i => Normal.InvCDF(0, 1, (i + 0.5) / side)).ToArray();
        var points = new float[side * side * 2];
        for (int row = 0; row < side; row++)
            for (int column = 0; column < side; column++)
            {
                points[2 * (row * side + column)] = (float)quantiles[column];
                points[2 * (row * side + column) + 1] = (float)quantiles[side - 1 - row];
            }
        return Decoded(model, () => tensor(points, [side * side, 2]), likelihood, null);
    }

    /// <summary>Decodes <paramref name="steps"/> (≥ 2) points on the segment from μ_φ(a) to μ_φ(b), a and b single images [1, D] or [D].</summary>
    public static Tensor Interpolation(VaeModule model, Tensor a, Tensor b, int steps, DecoderLikelihood likelihood)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(a, nameof(a));
        Guard.NotNull(b, nameof(b));
        Guard.AtLeast(steps, 2, nameof(steps));
        return Decoded(model, () =>
        {
            var start = model.Encode(a.reshape(1, -1)).Mean;
            var end = model.Encode(b.reshape(1, -1)).Mean;
            var t = linspace(0, 1, steps).reshape(steps, 1);
            return start + t * (end - start);
        }, likelihood, null);
    }

    private static Tensor Decoded(VaeModule model, Func<Tensor> latent, DecoderLikelihood likelihood, Tensor? conditions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = model.Decode(latent(), conditions);
        var mean = likelihood == DecoderLikelihood.Bernoulli ? output.sigmoid() : output.clamp(0, 1);
        return mean.MoveToOuterDisposeScope();
    }
}
