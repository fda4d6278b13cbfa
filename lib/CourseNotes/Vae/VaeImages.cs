using MathNet.Numerics.Distributions;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// The images a trained VAE makes, as mean images [n, D] on the CPU with values in [0, 1] (the mean of the
/// model's likelihood: σ(logit) for Bernoulli, the decoded mean clipped to [0, 1] for Gaussian):
/// reconstructions, samples from the prior, the 2-D latent grid of Kingma &amp; Welling, traversals of one
/// latent coordinate and interpolations in latent space. Show them with <see cref="Charts.ImageGrid"/>.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, sections « Reconstructions » to « Interpolation ».</remarks>
public static class VaeImages
{
    /// <summary>The decoder's mean at h = μ_φ(x), the encoder's mean for each image of <paramref name="images"/> ([n, D]).</summary>
    /// <param name="model">The trained VAE.</param>
    /// <param name="images">Images [n, D].</param>
    /// <param name="conditions">For a conditional VAE, one-hot labels [n, C], else null.</param>
    public static Tensor Reconstructions(VaeModule model, Tensor images, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        return Decoded(model, () => model.Encode(VaeTraining.OnDevice(images, model), Placed(conditions, model)).Mean, conditions);
    }

    /// <summary>The decoder's mean image at each given latent code <paramref name="h"/> ([n, K]): for a conditional VAE, the same h under different labels shows what the label controls.</summary>
    /// <param name="model">The trained VAE.</param>
    /// <param name="h">Latent codes, [n, K].</param>
    /// <param name="conditions">For a conditional VAE, one-hot labels [n, C], else null.</param>
    public static Tensor Decode(VaeModule model, Tensor h, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(h, nameof(h));
        return Decoded(model, () => VaeTraining.OnDevice(h, model).alias(), conditions);
    }

    /// <summary>Decodes <paramref name="count"/> (≥ 1) draws h ~ 𝒩(0, I) of the prior, noise from <paramref name="seed"/>.</summary>
    /// <param name="model">The trained VAE.</param>
    /// <param name="count">Images to draw, ≥ 1.</param>
    /// <param name="seed">Seeds the draws of h.</param>
    /// <param name="conditions">For a conditional VAE, one-hot labels [count, C]: the class to draw.</param>
    public static Tensor PriorSamples(VaeModule model, int count, int seed, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.AtLeast(count, 1, nameof(count));
        var generator = new Generator((ulong)seed);
        return Decoded(model, () => VaeModule.Noise([count, model.LatentSize], ScalarType.Float32, model.Device, generator), conditions);
    }

    /// <summary>
    /// For a VAE with K = 2: decodes a side × side grid of latent points placed at the Gaussian quantiles
    /// Φ⁻¹(u) of equally spaced u in (0, 1), so that each cell holds equal prior mass (Kingma &amp; Welling, 2014,
    /// figure 4). Rows run from high h₂ (top) to low, columns from low h₁ to high.
    /// </summary>
    /// <param name="model">A trained VAE with K = 2.</param>
    /// <param name="side">Images per row and column, ≥ 2.</param>
    public static Tensor LatentGrid(VaeModule model, int side)
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
        return Decoded(model, () => VaeTraining.OnDevice(tensor(points, [side * side, 2]), model), null);
    }

    /// <summary>
    /// A latent traversal: starting from h = μ_φ(x) of one image, sets coordinate <paramref name="coordinate"/>
    /// to each of <paramref name="values"/> in turn (the others unchanged) and decodes, [values, D]. It shows
    /// what that coordinate alone changes in the image.
    /// </summary>
    /// <param name="model">The trained VAE (unconditional).</param>
    /// <param name="image">One image, [1, D] or [D].</param>
    /// <param name="coordinate">The coordinate i to vary, 0 ≤ i &lt; K.</param>
    /// <param name="values">The values given to hᵢ (e.g. −3 … 3), at least one.</param>
    public static Tensor Traversal(VaeModule model, Tensor image, int coordinate, IReadOnlyList<double> values)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(image, nameof(image));
        Guard.NotNull(values, nameof(values));
        if (coordinate < 0 || coordinate >= model.LatentSize)
            throw new ArgumentOutOfRangeException(nameof(coordinate), coordinate, $"the coordinate must lie in [0, {model.LatentSize - 1}].");
        if (values.Count == 0) throw new ArgumentException("give at least one value.", nameof(values));
        return Decoded(model, () =>
        {
            var start = model.Encode(VaeTraining.OnDevice(image.reshape(1, -1), model)).Mean;
            var h = start.repeat(values.Count, 1);
            h[TensorIndex.Colon, coordinate] = VaeTraining.OnDevice(tensor(values.Select(v => (float)v).ToArray()), model);
            return h;
        }, null);
    }

    /// <summary>Decodes <paramref name="steps"/> (≥ 2) equally spaced points on the segment from μ_φ(a) to μ_φ(b), a and b single images [1, D] or [D].</summary>
    /// <param name="model">The trained VAE (unconditional).</param>
    /// <param name="a">The first image.</param>
    /// <param name="b">The last image.</param>
    /// <param name="steps">Points on the segment, ends included, ≥ 2.</param>
    public static Tensor Interpolation(VaeModule model, Tensor a, Tensor b, int steps)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(a, nameof(a));
        Guard.NotNull(b, nameof(b));
        Guard.AtLeast(steps, 2, nameof(steps));
        return Decoded(model, () =>
        {
            var start = model.Encode(VaeTraining.OnDevice(a.reshape(1, -1), model)).Mean;
            var end = model.Encode(VaeTraining.OnDevice(b.reshape(1, -1), model)).Mean;
            var t = VaeTraining.OnDevice(linspace(0, 1, steps).reshape(steps, 1), model);
            return start + t * (end - start);
        }, null);
    }

    private static Tensor? Placed(Tensor? conditions, VaeModule model) => conditions is null ? null : VaeTraining.OnDevice(conditions, model);

    private static Tensor Decoded(VaeModule model, Func<Tensor> latent, Tensor? conditions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = model.Decode(latent(), Placed(conditions, model));
        var mean = model.Likelihood.Mean(output).clamp(0, 1).cpu();
        return mean.MoveToOuterDisposeScope();
    }
}
