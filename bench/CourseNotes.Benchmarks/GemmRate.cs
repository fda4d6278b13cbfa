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
    /// The samples/s of the course VAE's own matrix products alone, run as the training runs them (BatchShards): the
    /// batch of 128 in two halves of 64, each half on its own thread with <c>threads / 2</c> libtorch threads (with one
    /// thread, the halves one after the other). Per half, the 13 products of one training step — forward: 784→400,
    /// 400→20 twice, 20→400, 400→784; backward: the five weight gradients and the input gradients of every layer but the
    /// first — 3.28 MFLOP per image in all, timed back to back on shared weights; the best of <paramref name="batches"/>
    /// batches of 20 steps. A tighter bound than the 1024² rate: these shapes are smaller, and the eight small products
    /// (20 wide) cost calls more than flops.
    /// </summary>
    /// <param name="batches">Timed batches of 20 steps (≥ 1).</param>
    /// <param name="threads">The libtorch threads the training uses (1, or 2 and more: two halves at once).</param>
    public static double ModelShapesSamplesPerSecond(int batches, int threads)
    {
        const int half = 64;
        var generator = new Generator(7);
        Tensor R(long rows, long columns) => rand(rows, columns, generator: generator).DetachFromDisposeScope();
        var weights = new[] { R(400, 784), R(20, 400), R(20, 400), R(400, 20), R(784, 400) }; // W1, Wμ, Wlogσ², W3, W4
        Tensor[] Activations() => [R(half, 784), R(half, 400), R(half, 20), R(half, 400), R(half, 784), R(half, 400), R(half, 20), R(half, 20), R(half, 400)];
        var halves = new[] { Activations(), Activations() };
        void Step(Tensor[] a)
        {
            using var scope = NewDisposeScope();
            var (x, h1, z, h2, g4, g3, gMean, gLogVariance, g1) = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
            var (w1, wMean, wLogVariance, w3, w4) = (weights[0], weights[1], weights[2], weights[3], weights[4]);
            // forward, as Linear computes input · Wᵀ
            x.mm(w1.t()); h1.mm(wMean.t()); h1.mm(wLogVariance.t()); z.mm(w3.t()); h2.mm(w4.t());
            // weight gradients gᵀ · input
            g4.t().mm(h2); g3.t().mm(z); gMean.t().mm(h1); gLogVariance.t().mm(h1); g1.t().mm(x);
            // input gradients g · W (none for the first layer: the images need no gradient)
            g4.mm(w4); g3.mm(w3); gMean.mm(wMean); gLogVariance.mm(wLogVariance);
        }
        int during = get_num_threads(), perHalf = Math.Max(1, threads / 2);
        set_num_threads(perHalf);
        try
        {
            void Steps(Tensor[] a, int count) { for (int i = 0; i < count; i++) Step(a); }
            double Timed(int steps)
            {
                var clock = Stopwatch.StartNew();
                if (threads < 2) { Steps(halves[0], steps); Steps(halves[1], steps); }
                else
                {
                    var second = new Thread(() => { set_num_threads(perHalf); Steps(halves[1], steps); });
                    second.Start();
                    Steps(halves[0], steps);
                    second.Join();
                }
                return 2 * half * steps / clock.Elapsed.TotalSeconds;
            }
            Timed(1);
            double best = 0;
            for (int r = 0; r < batches; r++) best = Math.Max(best, Timed(20));
            return best;
        }
        finally
        {
            set_num_threads(during);
            foreach (var t in weights.Concat(halves[0]).Concat(halves[1])) t.Dispose();
        }
    }

    /// <summary>The samples/s the course VAE would train at if all its time went into GEMM at <paramref name="gflops"/>.</summary>
    public static double BoundSamplesPerSecond(double gflops) => gflops * 1e9 / FlopPerSample;
}
