using CourseNotes.Probability;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// Measures of a trained VAE beyond its loss: the importance-weighted bound on log p(x) (the IWAE
/// bound with k samples, above the ELBO on average), the KL of each latent unit and the active units of
/// the latent space, the posterior means. Images may live on any device; results come back as .NET values.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Parcours latents ».</remarks>
public static class VaeEvaluation
{
    /// <summary>
    /// The course's collapse threshold, in nats per image: a latent unit whose KL averaged over the images,
    /// <c>KLᵢ = mean_x KL(q(hᵢ | x) ‖ 𝒩(0, 1))</c> (<see cref="KlPerUnit"/>), is below it has collapsed onto the prior.
    /// Training never reaches exactly 0; the threshold is 0.05 nat, one value for every notebook of the course.
    /// </summary>
    /// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « L’effondrement a posteriori ».</remarks>
    public const double CollapseThreshold = 0.05;

    /// <summary>
    /// <c>log p(x) ≈ log (1/k) Σⱼ p(x | hⱼ) p(hⱼ) / q(hⱼ | x)</c>, hⱼ ~ q(h | x), for each image, averaged over
    /// the images, with its standard error across images. A lower bound on log p(x) in expectation that
    /// tightens as k grows; k = 1 is the ELBO.
    /// </summary>
    /// <param name="model">A trained VAE (unconditional).</param>
    /// <param name="images">[N, D] images.</param>
    /// <param name="k">Importance samples per image, ≥ 1.</param>
    /// <param name="seed">Seeds the samples.</param>
    /// <param name="batchSize">Images per forward pass, ≥ 1.</param>
    /// <returns>The mean over images of the per-image bound, with its standard error across images (not the Monte-Carlo error of one image's estimate).</returns>
    public static MonteCarloEstimate ImportanceWeightedLogLikelihood(VaeModule model, Tensor images, int k, int seed = 0, int batchSize = 100)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        Guard.AtLeast(k, 1, nameof(k));
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        var generator = new Generator((ulong)seed);
        long count = images.shape[0];
        var perImage = new List<double>((int)count);
        using var noGrad = no_grad();
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var x = VaeTraining.OnDevice(images.slice(0, start, Math.Min(count, start + batchSize), 1), model); // [B, D]
            var (mean, logVariance) = model.Encode(x);                                      // [B, K]
            var std = (0.5 * logVariance).exp();
            var epsilon = VaeModule.Noise([k, x.shape[0], model.LatentSize], mean.dtype, model.Device, generator); // [k, B, K]
            var h = mean + std * epsilon;
            var output = model.Decode(h.reshape(-1, model.LatentSize)).reshape(k, x.shape[0], -1);
            var logLikelihood = model.Likelihood.LogLikelihood(output, x.expand(k, x.shape[0], x.shape[1]));
            var logPrior = -0.5 * (h.pow(2) + Math.Log(2 * Math.PI)).sum(2);
            var logPosterior = -0.5 * (epsilon.pow(2) + Math.Log(2 * Math.PI) + logVariance).sum(2);
            var logWeights = logLikelihood + logPrior - logPosterior;                      // [k, B]
            var estimate = logWeights.logsumexp(0) - Math.Log(k);
            perImage.AddRange(estimate.to_type(ScalarType.Float64).cpu().data<double>().ToArray());
        }
        return MonteCarloEstimate.FromValues(perImage);
    }

    /// <summary>
    /// The KL of each latent unit averaged over the images, <c>KLᵢ = mean_x KL(q(hᵢ | x) ‖ 𝒩(0, 1))</c> in nats, [K];
    /// their sum is the average KL term of the ELBO. A unit whose KL is near 0 says nothing about x: it
    /// collapsed onto the prior.
    /// </summary>
    /// <param name="model">The VAE.</param>
    /// <param name="images">[N, D] images.</param>
    /// <param name="conditions">One-hot labels [N, C] for a conditional VAE, else null.</param>
    public static double[] KlPerUnit(VaeModule model, Tensor images, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (mean, logVariance) = model.Encode(VaeTraining.OnDevice(images, model), conditions is null ? null : VaeTraining.OnDevice(conditions, model));
        var perUnit = VaeLoss.KlPerUnit(mean, logVariance) / images.shape[0];
        return perUnit.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    /// <summary>
    /// The active units (Burda et al., 2016): latent coordinates i whose posterior mean varies with the
    /// image, <c>Cov_x(E_q[hᵢ | x]) &gt; threshold</c> (0.01 by default). The others collapsed to the prior.
    /// </summary>
    public static int ActiveUnits(VaeModule model, Tensor images, double threshold = 0.01)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var means = model.Encode(VaeTraining.OnDevice(images, model)).Mean;
        var variances = means.var(0).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        return variances.Count(v => v > threshold);
    }

    /// <summary>The posterior means E_q[h | x] of every image, [N, K], as doubles (for scatter plots, correlation and MIG).</summary>
    public static double[][] LatentMeans(VaeModule model, Tensor images, Tensor? conditions = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var means = model.Encode(VaeTraining.OnDevice(images, model), conditions is null ? null : VaeTraining.OnDevice(conditions, model)).Mean.to_type(ScalarType.Float64).cpu();
        long n = means.shape[0], k = means.shape[1];
        var flat = means.data<double>().ToArray();
        return Enumerable.Range(0, (int)n).Select(i => flat.AsSpan(i * (int)k, (int)k).ToArray()).ToArray();
    }
}
