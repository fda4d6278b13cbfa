using CourseNotes.Inference;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>Settings of <see cref="PosteriorRefinement.Refine"/> (notebook 3's stochastic ascent).</summary>
/// <param name="Steps">Gradient steps, ≥ 2; the last half is averaged.</param>
/// <param name="SamplesPerStep">Reparameterised samples of h per image and step, ≥ 1.</param>
/// <param name="LearningRate">Adam's initial step size α &gt; 0, decayed as α / √(1 + t / 100).</param>
/// <param name="Seed">Seeds the noise ε.</param>
public sealed record RefinementOptions(int Steps = 400, int SamplesPerStep = 8, double LearningRate = 0.02, int Seed = 0);

/// <summary>
/// Per-image variational inference in a trained VAE, to measure the amortisation gap (Cremer, Li &amp; Duvenaud, 2018):
/// for each image x, the Gaussian q = 𝒩(μ, diag σ²) is fitted by stochastic gradient ascent on
/// <c>ELBO(x; μ, log σ²) = E_q[log p_θ(x | h)] − KL(q ‖ 𝒩(0, I))</c> in (μ, log σ²) only — the decoder θ fixed —
/// starting from the encoder's output (μ_φ(x), log σ²_φ(x)). The gradient is reparameterised
/// (h = μ + σ ⊙ ε), the KL is in closed form, and <see cref="Adam"/> follows it with notebook 3's schedule:
/// α / √(1 + t / 100), and the Polyak–Ruppert average of the second half of the iterates as the result.
/// The refined ELBO is at least the encoder's, up to Monte Carlo noise: their difference is the amortisation gap,
/// what it costs to let one network infer q for every x.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « L’écart d’amortissement ».</remarks>
public static class PosteriorRefinement
{
    /// <summary>The refined (μ, log σ²) of every image, each [N, K], as float32 tensors on the CPU.</summary>
    /// <param name="model">A trained, unconditional VAE (its parameters are not changed).</param>
    /// <param name="images">[N, D] images.</param>
    /// <param name="options">Steps, samples, step size and seed; defaults when null.</param>
    public static (Tensor Mean, Tensor LogVariance) Refine(VaeModule model, Tensor images, RefinementOptions? options = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        options ??= new RefinementOptions();
        Guard.AtLeast(options.Steps, 2, nameof(options.Steps));
        Guard.AtLeast(options.SamplesPerStep, 1, nameof(options.SamplesPerStep));
        Guard.Positive(options.LearningRate, nameof(options.LearningRate));
        if (model.ConditionSize != 0) throw new ArgumentException("refinement takes an unconditional VAE.", nameof(model));

        var x = VaeTraining.OnDevice(images, model);
        long n = x.shape[0];
        int k = model.LatentSize, count = (int)n * k;
        double[] theta = new double[2 * count], gradient = new double[2 * count], average = new double[2 * count];
        using (no_grad())
        {
            var (mean0, logVariance0) = model.Encode(x);
            using (mean0)
            using (logVariance0)
            {
                Copy(mean0, theta.AsSpan(0, count));
                Copy(logVariance0, theta.AsSpan(count, count));
            }
        }

        var adam = new Adam(2 * count, options.LearningRate);
        var generator = new Generator((ulong)options.Seed);
        int averagingStart = options.Steps / 2, s = options.SamplesPerStep;
        var frozen = model.parameters().Select(p => (Parameter: p, p.requires_grad)).ToList();
        foreach (var (p, _) in frozen) p.requires_grad = false;
        try
        {
            for (int t = 0; t < options.Steps; t++)
            {
                using var scope = NewDisposeScope();
                var mean = tensor(theta.AsSpan(0, count).ToArray(), [n, k], dtype: ScalarType.Float32).to(model.Device).requires_grad_(true);
                var logVariance = tensor(theta.AsSpan(count, count).ToArray(), [n, k], dtype: ScalarType.Float32).to(model.Device).requires_grad_(true);
                var elbo = ElboSum(model, x, mean, logVariance, s, generator);
                elbo.backward();
                Copy(mean.grad!, gradient.AsSpan(0, count));
                Copy(logVariance.grad!, gradient.AsSpan(count, count));
                adam.LearningRate = options.LearningRate / Math.Sqrt(1 + t / 100.0);
                adam.AscentStep(theta, gradient);
                if (t >= averagingStart)
                    for (int i = 0; i < theta.Length; i++) average[i] += theta[i] / (options.Steps - averagingStart);
            }
        }
        finally
        {
            foreach (var (p, requiresGrad) in frozen) p.requires_grad = requiresGrad;
        }
        return (tensor(average.AsSpan(0, count).ToArray(), [n, k], dtype: ScalarType.Float32),
                tensor(average.AsSpan(count, count).ToArray(), [n, k], dtype: ScalarType.Float32));
    }

    /// <summary>Σ over images of the ELBO estimated with <paramref name="samples"/> reparameterised draws each (KL in closed form).</summary>
    private static Tensor ElboSum(VaeModule model, Tensor x, Tensor mean, Tensor logVariance, int samples, Generator generator)
    {
        long n = x.shape[0];
        int k = model.LatentSize;
        var epsilon = VaeModule.Noise([samples, n, k], mean.dtype, model.Device, generator);
        var h = mean + (0.5 * logVariance).exp() * epsilon;                                   // [S, N, K]
        var output = model.Decode(h.reshape(-1, k)).reshape(samples, n, -1);
        var logLikelihood = model.Likelihood.LogLikelihood(output, x.expand(samples, n, x.shape[1])); // [S, N]
        return logLikelihood.mean([0]).sum() - VaeLoss.KlToStandardNormal(mean, logVariance);
    }

    private static void Copy(Tensor source, Span<double> target)
    {
        using var cpu = source.detach().to_type(ScalarType.Float64).cpu().contiguous();
        cpu.data<double>().ToArray().CopyTo(target);
    }
}
