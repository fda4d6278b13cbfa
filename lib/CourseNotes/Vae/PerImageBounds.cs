using CourseNotes.Probability;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// Lower bounds on log p_θ(x) of each image, for any diagonal Gaussian q(h | x) = 𝒩(μ, diag σ²) — the
/// encoder's (μ_φ(x), log σ²_φ(x)) or a refined one (<see cref="PosteriorRefinement"/>):
/// <list type="bullet">
/// <item>the ELBO, <c>E_q[log p_θ(x | h)] − KL(q ‖ 𝒩(0, I))</c>, the expectation estimated with S draws and
/// returned with its Monte Carlo standard error;</item>
/// <item>the importance-weighted bound of Burda et al. (2016),
/// <c>L_k = log (1/k) Σⱼ p_θ(x | hⱼ) p(hⱼ) / q(hⱼ | x)</c>, hⱼ ~ q, whose expectation rises with k towards log p_θ(x)
/// (L₁'s expectation is the ELBO).</item>
/// </list>
/// One number per image, so that bounds can be compared image by image, and the Monte Carlo error of one
/// image's estimate told apart from the spread between images.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « L’écart d’amortissement ».</remarks>
public static class PerImageBounds
{
    /// <summary>The ELBO of each image under q = 𝒩(<paramref name="mean"/>, diag exp(<paramref name="logVariance"/>)), with S = <paramref name="samples"/> draws.</summary>
    /// <param name="model">A trained, unconditional VAE.</param>
    /// <param name="images">[N, D] images.</param>
    /// <param name="mean">μ, [N, K].</param>
    /// <param name="logVariance">log σ², [N, K].</param>
    /// <param name="samples">S ≥ 2 draws of h per image.</param>
    /// <param name="seed">Seeds the draws.</param>
    public static MonteCarloEstimate[] Elbo(VaeModule model, Tensor images, Tensor mean, Tensor logVariance, int samples, int seed = 0)
    {
        Check(model, images, mean, logVariance);
        Guard.AtLeast(samples, 2, nameof(samples));
        var logLikelihoods = Draws(model, images, mean, logVariance, samples, seed, (logLikelihood, _) => logLikelihood);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var m = VaeTraining.OnDevice(mean, model);
        var lv = VaeTraining.OnDevice(logVariance, model);
        var kl = (-0.5 * (1 + lv - m.pow(2) - lv.exp())).sum(1).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        return logLikelihoods.Select((values, i) =>
        {
            var estimate = MonteCarloEstimate.FromValues(values);
            return estimate with { Mean = estimate.Mean - kl[i] };
        }).ToArray();
    }

    /// <summary>L_k of each image with the proposal q = 𝒩(<paramref name="mean"/>, diag exp(<paramref name="logVariance"/>)).</summary>
    /// <param name="model">A trained, unconditional VAE.</param>
    /// <param name="images">[N, D] images.</param>
    /// <param name="mean">μ, [N, K].</param>
    /// <param name="logVariance">log σ², [N, K].</param>
    /// <param name="k">Importance samples per image, ≥ 1.</param>
    /// <param name="seed">Seeds the draws.</param>
    public static double[] ImportanceWeighted(VaeModule model, Tensor images, Tensor mean, Tensor logVariance, int k, int seed = 0)
    {
        Check(model, images, mean, logVariance);
        Guard.AtLeast(k, 1, nameof(k));
        var logWeights = Draws(model, images, mean, logVariance, k, seed, (logLikelihood, logRatio) => logLikelihood + logRatio);
        return logWeights.Select(w =>
        {
            double max = w.Max();
            return max + Math.Log(w.Sum(v => Math.Exp(v - max))) - Math.Log(w.Length);
        }).ToArray();
    }

    /// <summary>
    /// For each image, <paramref name="samples"/> values f(log p(x | h), log p(h) − log q(h | x)) at draws h ~ q,
    /// computed in chunks so that memory stays bounded.
    /// </summary>
    private static double[][] Draws(VaeModule model, Tensor images, Tensor mean, Tensor logVariance, int samples, int seed,
        Func<double, double, double> value)
    {
        const int chunk = 100;
        long n = images.shape[0];
        int k = model.LatentSize;
        var result = Enumerable.Range(0, (int)n).Select(_ => new double[samples]).ToArray();
        var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        for (int start = 0; start < samples; start += chunk)
        {
            using var scope = NewDisposeScope();
            int s = Math.Min(chunk, samples - start);
            var x = VaeTraining.OnDevice(images, model);
            var m = VaeTraining.OnDevice(mean, model);
            var lv = VaeTraining.OnDevice(logVariance, model);
            var epsilon = VaeModule.Noise([s, n, k], m.dtype, model.Device, generator);        // [s, N, K]
            var h = m + (0.5 * lv).exp() * epsilon;
            var output = model.Decode(h.reshape(-1, k)).reshape(s, n, -1);
            var logLikelihood = model.Likelihood.LogLikelihood(output, x.expand(s, n, x.shape[1])); // [s, N]
            var logRatio = (-0.5 * h.pow(2) + 0.5 * epsilon.pow(2) + 0.5 * lv).sum(2);              // log p(h) − log q(h | x)
            var ll = logLikelihood.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            var lr = logRatio.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            for (int j = 0; j < s; j++)
                for (int i = 0; i < n; i++)
                    result[i][start + j] = value(ll[j * n + i], lr[j * n + i]);
        }
        return result;
    }

    private static void Check(VaeModule model, Tensor images, Tensor mean, Tensor logVariance)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(logVariance, nameof(logVariance));
        if (model.ConditionSize != 0) throw new ArgumentException("these bounds take an unconditional VAE.", nameof(model));
        if (images.dim() != 2 || images.shape[1] != model.InputSize)
            throw new ArgumentException($"images must be [N, {model.InputSize}], got [{string.Join(", ", images.shape)}].", nameof(images));
        long[] expected = [images.shape[0], model.LatentSize];
        if (!mean.shape.SequenceEqual(expected) || !logVariance.shape.SequenceEqual(expected))
            throw new ArgumentException($"mean and logVariance must be [{expected[0]}, {expected[1]}], got [{string.Join(", ", mean.shape)}] and [{string.Join(", ", logVariance.shape)}].", nameof(mean));
    }
}
