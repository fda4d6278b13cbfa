using System.Diagnostics;
using System.Globalization;
using static TorchSharp.torch;

// The VAE engine against PyTorch, side by side (figures, not timed tests; on a shared machine compare the ratios of
// paired runs, not absolute rates):
//   dotnet run -c Release --project bench/CourseNotes.Benchmarks -- [--data fashion|sprites] [--images N] [--epochs N]
//       [--pairs N] [--threads N] [--pytorch-threads BxT] [--sweep-epochs N] [--sweep-images N] [--disentanglement 1]
// 1. Data: Fashion-MNIST binarised with a seed (default, all 60 000 training images) or the procedural sprites.
// 2. Each side's best thread configuration on this machine, on the first --sweep-images images (default 10 000) for
//    --sweep-epochs epochs (default 2), the fastest last epoch winning: TorchSharp with 1 or 2 libtorch threads
//    (skipped with --threads N), PyTorch with OpenBLAS {1, 2} × torch {1, 2} threads, and 2 × 2 with
//    OMP_WAIT_POLICY=PASSIVE as the course library sets it for itself (skipped with --pytorch-threads 2x1, or 2x2p).
//    On a loaded machine OpenMP threads wait for each other at every parallel operation, so the best count changes
//    with the load: both sides are compared in their best configuration of the moment.
// 3. --pairs paired runs (default 3): the course VAE trained --epochs epochs (default 5) with TorchSharp and with
//    PyTorch (its best configuration, the same bits), their epochs alternating (TorchSharp's epoch k, then PyTorch's,
//    or PyTorch's first in every other pair), so that each epoch meets the machine of its neighbour: on the shared
//    machine the speed swings within a minute. Per TorchSharp epoch its samples/s, the fp32 GEMM rate (1024²) measured
//    right after it, the fraction of that compute bound reached (3.28 MFLOP per image), the same against the model's
//    own 13 products timed alone, in two halves of 64 on two threads as the training splits them (a tighter bound:
//    smaller shapes), the rate of the epoch's fastest tenth (its fastest run of consecutive steps making a tenth of it:
//    the step time switches between regimes for seconds at a time on the shared machine) against the 1024² bound, and
//    the RSS. Each pair's ratio compares the medians over epochs 2–N (epoch 1 warms up).
// 4. Held-out −ELBO of both sides (first pair), and with --disentanglement 1 on the sprites the MIG of the latent means.
string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Option(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
string data = Text("--data") ?? "fashion";
if (data is not ("fashion" or "sprites")) { Console.Error.WriteLine($"--data {data}: expected fashion or sprites."); return 2; }
int images = Option("--images", data == "fashion" ? 60_000 : 20_000), epochs = Option("--epochs", 5), pairs = Option("--pairs", 3);
int threads = Option("--threads", 0), sweepEpochs = Option("--sweep-epochs", 2), sweepImages = Option("--sweep-images", 10_000);
bool disentanglement = Option("--disentanglement", 0) == 1;
if (epochs < 2) { Console.Error.WriteLine("--epochs must be ≥ 2: epoch 1 warms up and is left out of the medians."); return 2; }

var clock = Stopwatch.StartNew();
var bench = data == "fashion" ? BenchmarkData.FashionMnist(images) : BenchmarkData.ProceduralSprites(images);
Console.WriteLine($"data: {bench.Name}, {bench.Test.shape[0]} held out ({Benchmark.F(clock.Elapsed.TotalSeconds, "0.0")} s to load)");
using var sweepData = bench.Train.slice(0, 0, Math.Min(sweepImages, bench.Count), 1);
if (threads > 0) Console.WriteLine($"TorchSharp threads given: {threads}");
else
{
    Console.WriteLine($"TorchSharp threads ({sweepEpochs} epochs on {sweepData.shape[0]} images each, samples/s of the last):");
    double bestRate = 0;
    foreach (int candidate in new[] { 1, 2 })
    {
        set_num_threads(candidate);
        var (figures, model) = TorchSharpRun.Train(sweepData, sweepEpochs, seed: 0, threads: candidate);
        model.Dispose();
        Console.WriteLine($"  {candidate}: {Benchmark.F(figures[^1].SamplesPerSecond)} ({Benchmark.F(100 * figures[^1].FractionOfBound, "0.0")} % of the GEMM bound at {candidate} thread(s))");
        if (figures[^1].SamplesPerSecond > bestRate) (bestRate, threads) = (figures[^1].SamplesPerSecond, candidate);
    }
    Console.WriteLine($"  best: {threads}");
}
set_num_threads(threads);
double gflops = GemmRate.Gflops(5);
Console.WriteLine($"TorchSharp threads: {get_num_threads()}; fp32 GEMM 1024²: {Benchmark.F(gflops, "0.0")} GFLOP/s → compute bound of the course VAE {Benchmark.F(GemmRate.BoundSamplesPerSecond(gflops))} samples/s");
Console.WriteLine(ProcessorPath.Describe());
Console.WriteLine($"load average before the runs: {Benchmark.LoadAverage()}");

string? missing = PyTorchReference.Unavailable();
string folder = Path.Combine(Path.GetTempPath(), $"coursenotes-bench-{Environment.ProcessId}");
(string Train, string Test) idx = missing is null ? bench.ExportIdx(folder) : default;
ThreadConfiguration best = new(2, 1);
if (missing is not null) Console.WriteLine($"PyTorch reference skipped: {missing}.");
else if (Text("--pytorch-threads") is { } given)
{
    var parts = given.TrimEnd('p').Split('x');
    best = new ThreadConfiguration(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), given.EndsWith('p'));
    Console.WriteLine($"PyTorch thread configuration given: {best}");
}
else
{
    Console.WriteLine($"PyTorch thread configurations ({sweepEpochs} epochs on {sweepData.shape[0]} images each, samples/s of the last):");
    double bestRate = 0;
    foreach (var configuration in new[] { new ThreadConfiguration(1, 1), new(2, 1), new(1, 2), new(2, 2), new(2, 2, Passive: true) })
    {
        var result = PyTorchReference.Train(idx.Train, idx.Test, sweepEpochs, 0, configuration, limit: sweepData.shape[0]);
        double rate = result.SamplesPerSecond[^1];
        Console.WriteLine($"  {configuration}: {Benchmark.F(rate)}");
        if (rate > bestRate) (bestRate, best) = (rate, configuration);
    }
    Console.WriteLine($"  best: {best}");
}

var summary = new List<string>();
var ratios = new List<double>();
double? ourHeldOut = null, theirHeldOut = null;
CourseNotes.Vae.MlpVae? firstModel = null;
for (int pair = 1; pair <= pairs; pair++)
{
    IReadOnlyList<EpochFigures> ours;
    PyTorchResult? theirs = null;
    bool pyTorchFirst = pair % 2 == 0;
    using (var python = missing is null ? PyTorchReference.Start(idx.Train, idx.Test, epochs, 0, best) : null)
    {
        if (pyTorchFirst) python?.Epoch();
        var (figures, model) = TorchSharpRun.Train(bench.Train, epochs, seed: 0, threads: threads,
            afterEpoch: epoch => { if (!pyTorchFirst || epoch < epochs) python?.Epoch(); });
        ours = figures;
        theirs = python?.Finish();
        Console.WriteLine($"pair {pair} ({(pyTorchFirst ? "PyTorch's epoch first" : "TorchSharp's epoch first")}), TorchSharp:");
        Console.WriteLine("  epoch  samples/s  GEMM GFLOP/s  of bound  shapes bound  of it  fastest tenth  of bound    −ELBO     RSS (MiB)");
        foreach (var e in figures)
            Console.WriteLine($"  {e.Epoch,5}  {Benchmark.F(e.SamplesPerSecond),9}  {Benchmark.F(e.Gflops, "0.0"),12}  {Benchmark.F(100 * e.FractionOfBound, "0.0"),6} %  {Benchmark.F(e.ShapesBound),12}  {Benchmark.F(100 * e.FractionOfShapesBound, "0.0"),5} %  {Benchmark.F(e.FastestTenth),13}  {Benchmark.F(100 * e.FastestTenthOfBound, "0.0"),6} %  {Benchmark.F(e.NegativeElbo, "0.00"),-8}  {e.RssMib,9}");
        if (theirs is not null)
        {
            Console.WriteLine($"pair {pair} PyTorch ({best}) samples/s per epoch: {string.Join(" ", theirs.SamplesPerSecond.Select(v => Benchmark.F(v)))}; max RSS {Benchmark.F(theirs.MaxRssMib)} MiB");
            theirHeldOut ??= theirs.HeldOutNegativeElbo;
        }
        if (firstModel is null)
        {
            firstModel = model;
            ourHeldOut = TorchSharpRun.HeldOutNegativeElbo(model, bench.Test);
        }
        else model.Dispose();
    }
    double ourRate = Benchmark.SteadyMedian(ours.Select(e => e.SamplesPerSecond).ToList());
    double fraction = Benchmark.SteadyMedian(ours.Select(e => e.FractionOfBound).ToList());
    double shapesFraction = Benchmark.SteadyMedian(ours.Select(e => e.FractionOfShapesBound).ToList());
    double fastestFraction = Benchmark.SteadyMedian(ours.Select(e => e.FastestTenthOfBound).ToList());
    string line = $"pair {pair} ({(pyTorchFirst ? "PyTorch's epochs first" : "TorchSharp's epochs first")}): TorchSharp {Benchmark.F(ourRate)} samples/s, {Benchmark.F(100 * fraction, "0.0")} % of the 1024² GEMM bound (min {Benchmark.F(100 * ours.Skip(1).Min(e => e.FractionOfBound), "0.0")} %), {Benchmark.F(100 * shapesFraction, "0.0")} % of the model-shapes bound, {Benchmark.F(100 * fastestFraction, "0.0")} % in each epoch's fastest tenth, RSS {ours[1].RssMib}→{ours[^1].RssMib} MiB";
    if (theirs is not null)
    {
        double theirRate = Benchmark.SteadyMedian(theirs.SamplesPerSecond);
        ratios.Add(ourRate / theirRate);
        line += $"; PyTorch {Benchmark.F(theirRate)} samples/s, max RSS {Benchmark.F(theirs.MaxRssMib)} MiB; ratio {Benchmark.F(ourRate / theirRate, "0.00")}×";
    }
    summary.Add(line);
}
Console.WriteLine("summary (medians over epochs 2–" + epochs + "):");
foreach (string line in summary) Console.WriteLine("  " + line);
if (ratios.Count > 0) Console.WriteLine($"TorchSharp / PyTorch ({best}): min {Benchmark.F(ratios.Min(), "0.00")}×, max {Benchmark.F(ratios.Max(), "0.00")}× over {ratios.Count} paired runs");
Console.WriteLine($"peak RSS of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB; load average after the runs: {Benchmark.LoadAverage()}");
Console.WriteLine($"held-out −ELBO after {epochs} epochs (one sample per image): TorchSharp {Benchmark.F(ourHeldOut ?? double.NaN, "0.00")} nats"
    + (theirHeldOut is { } t ? $", PyTorch {Benchmark.F(t, "0.00")} nats" : ""));
if (disentanglement)
{
    if (bench.Sprites is null) Console.WriteLine("--disentanglement needs --data sprites (known factors).");
    else DisentanglementReport.Print(firstModel!, epochs, bench.Train, bench.Test, bench.SpriteTest!);
}
if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
return 0;

/// <summary>Formatting and medians shared by the benchmark's files.</summary>
internal static class Benchmark
{
    public static string F(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The median over epochs 2 to N (the first one warms up).</summary>
    public static double SteadyMedian(IReadOnlyList<double> perEpoch)
    {
        var v = perEpoch.Skip(1).Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
