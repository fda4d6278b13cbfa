using System.Diagnostics;
using static TorchSharp.torch;

/// <summary>
/// The machine's fp32 matrix-multiply rate through libtorch, on the threads TorchSharp uses: 1024 × 1024 products,
/// 2·n³ flops each, the best of a few batches of 10. The machine is shared and its speed drifts, so the benchmark
/// measures it again after every epoch and compares each epoch with the rate measured next to it.
/// </summary>
internal static class GemmRate
{
    /// <summary>Matrix work per training sample of the 784-400-20 VAE: forward 1.30 MFLOP (651 200 weights × 2), backward 1.98 MFLOP (weight gradients 1.30, input gradients 0.68; the first layer needs none).</summary>
    public const double FlopPerSample = 3.28e6;

    /// <summary>GFLOP/s, the best of <paramref name="batches"/> batches of 10 products.</summary>
    public static double Gflops(int batches)
    {
        double best = 0;
        using var a = rand(1024, 1024);
        using var b = rand(1024, 1024);
        for (int r = 0; r < batches; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 10; i++) using (var c = a.matmul(b)) { }
            best = Math.Max(best, 10 * 2.0 * 1024 * 1024 * 1024 / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    /// <summary>
    /// The samples/s of the course VAE's own matrix products alone, at batch 128: the 13 products of one training step
    /// (forward: 784→400, 400→20 twice, 20→400, 400→784; backward: the five weight gradients and the input gradients
    /// of every layer but the first), 3.28 MFLOP per image in all, timed back to back — the best of
    /// <paramref name="batches"/> batches of 20 steps. A tighter bound than the 1024² rate: these shapes are smaller.
    /// </summary>
    public static double ModelShapesSamplesPerSecond(int batches)
    {
        const int b = 128;
        var generator = new TorchSharp.torch.Generator(7);
        Tensor R(long rows, long columns) => rand(rows, columns, generator: generator);
        using var scope = NewDisposeScope();
        var x = R(b, 784); var h1 = R(b, 400); var z = R(b, 20); var h2 = R(b, 400);
        var w1 = R(400, 784); var wMean = R(20, 400); var wLogVariance = R(20, 400); var w3 = R(400, 20); var w4 = R(784, 400);
        var g4 = R(b, 784); var g3 = R(b, 400); var gMean = R(b, 20); var gLogVariance = R(b, 20); var g1 = R(b, 400);
        void Step()
        {
            using var inner = NewDisposeScope();
            // forward, as Linear computes input · Wᵀ
            x.mm(w1.t()); h1.mm(wMean.t()); h1.mm(wLogVariance.t()); z.mm(w3.t()); h2.mm(w4.t());
            // weight gradients gᵀ · input
            g4.t().mm(h2); g3.t().mm(z); gMean.t().mm(h1); gLogVariance.t().mm(h1); g1.t().mm(x);
            // input gradients g · W (none for the first layer: the images need no gradient)
            g4.mm(w4); g3.mm(w3); gMean.mm(wMean); gLogVariance.mm(wLogVariance);
        }
        Step();
        double best = 0;
        for (int r = 0; r < batches; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 20; i++) Step();
            best = Math.Max(best, 20 * b / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>The samples/s the course VAE would train at if all its time went into GEMM at <paramref name="gflops"/>.</summary>
    public static double BoundSamplesPerSecond(double gflops) => gflops * 1e9 / FlopPerSample;
}
