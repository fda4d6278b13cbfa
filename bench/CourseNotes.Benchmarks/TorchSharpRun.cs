using System.Diagnostics;
using CourseNotes.Vae;
using static TorchSharp.torch;

/// <summary>One epoch of the course VAE in TorchSharp, with the GEMM rate measured right after it.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="SamplesPerSecond">Training images per second (the GEMM measurement's time taken out).</param>
/// <param name="Gflops">The fp32 GEMM rate measured right after the epoch.</param>
/// <param name="RssMib">The process's resident memory after the epoch.</param>
/// <param name="NegativeElbo">The epoch's training −ELBO per image (nats).</param>
/// <param name="ShapesBound">The samples/s of the model's own matrix products alone, split as the training splits them, measured right after the epoch.</param>
/// <param name="FastestTenth">The samples/s of the epoch's fastest run of consecutive steps making a tenth of it: on the
/// shared 2-core machine the step time switches for seconds at a time between regimes (3.6–4.7 ms and 6–7.5 ms per
/// step, the same code in the same process, 1 % steal), so this shows what the code does when the machine lets it.</param>
internal sealed record EpochFigures(int Epoch, double SamplesPerSecond, double Gflops, long RssMib, double NegativeElbo, double ShapesBound, double FastestTenth)
{
    /// <summary>The fraction of the compute bound reached: time the matrix work needs at the measured 1024² rate / time taken.</summary>
    public double FractionOfBound => SamplesPerSecond / GemmRate.BoundSamplesPerSecond(Gflops);

    /// <summary>The same against the model's own products timed alone (<see cref="GemmRate.ModelShapesSamplesPerSecond"/>).</summary>
    public double FractionOfShapesBound => SamplesPerSecond / ShapesBound;

    /// <summary>The fraction of the 1024² bound reached by the epoch's fastest tenth (<see cref="FastestTenth"/>).</summary>
    public double FastestTenthOfBound => FastestTenth / GemmRate.BoundSamplesPerSecond(Gflops);
}

/// <summary>
/// Trains the course's MLP VAE (784-400-20, Bernoulli decoder, Adam 1e-3, batch 128) with the library's
/// <see cref="VaeTraining"/>, as the notebooks do. The only place of the benchmark that calls the training API.
/// </summary>
internal static class TorchSharpRun
{
    private const int BatchSize = 128; // the course's (and the PyTorch reference's)

    /// <param name="images">Training images [N, 784].</param>
    /// <param name="epochs">Passes over them.</param>
    /// <param name="seed">Seeds the weights, the order and the noise.</param>
    /// <param name="threads">The libtorch threads the training was given (the GEMM bound is measured on as many).</param>
    /// <param name="afterEpoch">Called with the epoch (1-based) after each epoch and its GEMM measurement, its time not
    /// counted in the epoch's (the paired PyTorch epoch runs there: <see cref="PyTorchLockstep"/>).</param>
    public static (IReadOnlyList<EpochFigures> Epochs, MlpVae Model) Train(Tensor images, int epochs, int seed, int threads, Action<int>? afterEpoch = null)
    {
        VaeTraining.Seed(seed);
        var model = new MlpVae();
        var rss = new List<long>();
        var gflops = new List<double>();
        var shapes = new List<double>();
        var measuring = new List<double>();
        var fastest = new List<double>();
        var steps = new List<double>();
        var stepClock = Stopwatch.StartNew();
        var history = VaeTraining.Train(model, images, options: new VaeTrainingOptions(Epochs: epochs, BatchSize: BatchSize, Seed: seed),
            progress: p =>
            {
                steps.Add(stepClock.Elapsed.TotalSeconds); // the last step's end was this clock's restart
                stepClock.Restart();
                if (p.Batch != p.Batches) return;
                // the last step of an epoch: its images may be fewer than a batch; its time is left out (a whole epoch's rate counts it)
                steps.RemoveAt(steps.Count - 1);
                fastest.Add(FastestRun(steps));
                steps.Clear();
                rss.Add(Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024));
                var clock = Stopwatch.StartNew();
                // During training this thread runs one half of each batch on half of the threads (BatchShards): the
                // bound is measured on all the threads the training uses, then the training's setting is put back.
                int during = get_num_threads();
                set_num_threads(threads);
                try
                {
                    gflops.Add(GemmRate.Gflops(3));
                    shapes.Add(GemmRate.ModelShapesSamplesPerSecond(3, threads));
                }
                finally { set_num_threads(during); }
                afterEpoch?.Invoke(p.Epoch);
                measuring.Add(clock.Elapsed.TotalSeconds);
                stepClock.Restart(); // the next step's time starts after the measurement and the paired epoch
            });
        long count = images.shape[0];
        var figures = history.Select((s, e) => new EpochFigures(s.Epoch, count / (s.Seconds - measuring[e]), gflops[e], rss[e], s.NegativeElbo, shapes[e], fastest[e])).ToList();
        return (figures, model);
    }

    /// <summary>The samples/s of the fastest run of ⌈n/10⌉ consecutive steps among <paramref name="stepSeconds"/> (a batch each).</summary>
    private static double FastestRun(IReadOnlyList<double> stepSeconds)
    {
        int width = Math.Max(1, (stepSeconds.Count + 9) / 10);
        double window = stepSeconds.Take(width).Sum(), best = window;
        for (int i = width; i < stepSeconds.Count; i++)
        {
            window += stepSeconds[i] - stepSeconds[i - width];
            best = Math.Min(best, window);
        }
        return width * BatchSize / best;
    }

    /// <summary>The held-out −ELBO per image (one reparameterised sample per image, noise seed 0), as the PyTorch reference computes it.</summary>
    public static double HeldOutNegativeElbo(VaeModule model, Tensor images) =>
        VaeTraining.Evaluate(model, images).NegativeElbo;
}
