using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace CourseNotes.Runner;

/// <summary>
/// The kernel benchmark (figures, not a timed test): from process start to the first kernel_info
/// reply, the first cell, and the median round trip of a trivial cell over many cells after warm-up,
/// each measured through the Jupyter protocol as a client sees it.
/// </summary>
public static class KernelBenchmark
{
    /// <summary>Runs the benchmark and writes the figures to <paramref name="output"/>.</summary>
    public static void Run(KernelLauncher launcher, int cells, TextWriter output)
    {
        string folder = Directory.GetCurrentDirectory();
        var start = Stopwatch.StartNew();
        using var kernel = KernelClient.Start(launcher, folder, TimeSpan.FromSeconds(60));
        double startup = start.Elapsed.TotalMilliseconds;

        var first = Stopwatch.StartNew();
        Require(kernel.Execute("var benchmark = 1;", TimeSpan.FromSeconds(60), _ => { }));
        double firstCell = first.Elapsed.TotalMilliseconds;

        for (int i = 0; i < 20; i++) Require(kernel.Execute($"benchmark + {i}", TimeSpan.FromSeconds(60), _ => { }));
        var times = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            var clock = Stopwatch.StartNew();
            Require(kernel.Execute($"benchmark + {i}", TimeSpan.FromSeconds(60), _ => { }));
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        output.WriteLine($"kernel start to first kernel_info reply: {F(startup)}");
        output.WriteLine($"first cell after start:                 {F(firstCell)}");
        output.WriteLine($"trivial cell, median of {cells}:          {F(times[cells / 2])} (p10 {F(times[cells / 10])}, p90 {F(times[cells * 9 / 10])})");
    }

    private static void Require(JsonObject? reply)
    {
        if ((string?)reply?["status"] != "ok") throw new InvalidOperationException($"a benchmark cell failed: {reply?.ToJsonString() ?? "timeout"}");
    }
}
