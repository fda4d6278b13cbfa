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
internal sealed record EpochFigures(int Epoch, double SamplesPerSecond, double Gflops, long RssMib, double NegativeElbo, double ShapesBound)
{
    /// <summary>The fraction of the compute bound reached: time the matrix work needs at the measured 1024² rate / time taken.</summary>
    public double FractionOfBound => SamplesPerSecond / GemmRate.BoundSamplesPerSecond(Gflops);

    /// <summary>The same against the model's own products timed alone (<see cref="GemmRate.ModelShapesSamplesPerSecond"/>).</summary>
    public double FractionOfShapesBound => SamplesPerSecond / ShapesBound;
}

/// <summary>
/// Trains the course's MLP VAE (784-400-20, Bernoulli decoder, Adam 1e-3, batch 128) with the library's
/// <see cref="VaeTraining"/>, as the notebooks do. The only place of the benchmark that calls the training API.
/// </summary>
internal static class TorchSharpRun
{
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
        var history = VaeTraining.Train(model, images, options: new VaeTrainingOptions(Epochs: epochs, BatchSize: 128, Seed: seed),
            progress: p =>
            {
                if (p.Batch != p.Batches) return;
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
            });
        long count = images.shape[0];
        var figures = history.Select((s, e) => new EpochFigures(s.Epoch, count / (s.Seconds - measuring[e]), gflops[e], rss[e], s.NegativeElbo, shapes[e])).ToList();
        return (figures, model);
    }

    /// <summary>The held-out −ELBO per image (one reparameterised sample per image, noise seed 0), as the PyTorch reference computes it.</summary>
    public static double HeldOutNegativeElbo(VaeModule model, Tensor images) =>
        VaeTraining.Evaluate(model, images).NegativeElbo;
}
