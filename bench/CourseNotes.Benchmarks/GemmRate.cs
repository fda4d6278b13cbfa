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

    /// <summary>The samples/s the course VAE would train at if all its time went into GEMM at <paramref name="gflops"/>.</summary>
    public static double BoundSamplesPerSecond(double gflops) => gflops * 1e9 / FlopPerSample;
}
