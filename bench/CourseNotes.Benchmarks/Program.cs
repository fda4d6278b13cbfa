using System.Diagnostics;
using System.Globalization;
using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

// Benchmarks of the VAE engine (figures, not timed tests; compare ratios within one run):
//   dotnet run -c Release --project bench/CourseNotes.Benchmarks -- [--epochs N] [--images N] [--threads N] [--seeds N] [--disentanglement 1]
// Prints sprite generation time, the machine's fp32 matrix-multiply rate, and per epoch the course
// MLP's training throughput at batch 128, the GEMM rate measured right after it, the fraction of that
// compute bound reached and the process's RSS;
// then the held-out negative ELBO, and the PyTorch reference (bench/pytorch_reference.py, Debian's
// python3-torch) trained on the same data exported to IDX, with 1 and 2 threads, side by side. The
// held-out -ELBO of one run varies by about ±1 % with the seed (initial weights, shuffles, noise), so
// quality is compared on the mean over --seeds seeds (default 3) on each side. With --disentanglement 1,
// the latent means of the course MLP (K = 20) and of a convolutional β-VAE (K = 6, β = 6, 30 epochs,
// about three minutes) are compared with the true factors: best |correlation| per factor and MIG.
using System.Text.Json.Nodes;
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
int epochs = Option("--epochs", 10), images = Option("--images", 20_000), threads = Option("--threads", 0), seeds = Option("--seeds", 3);
bool disentanglement = Option("--disentanglement", 0) == 1;
if (threads > 0) set_num_threads(threads);
string F(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);

var clock = Stopwatch.StartNew();
var sprites = ProceduralSprites.Generate(images, seed: 1);
Console.WriteLine($"sprites: {images} binary images in {F(clock.Elapsed.TotalMilliseconds)} ms");
clock.Restart();
ProceduralSprites.Generate(images, seed: 1, antiAliased: true);
Console.WriteLine($"sprites: {images} anti-aliased images in {F(clock.Elapsed.TotalMilliseconds)} ms");

// Machine GEMM rate: 1024 × 1024 fp32 products, 2·n³ flops each, best of a few batches of 10. The machine is
// shared and its speed drifts, so it is measured again after every epoch and each epoch is compared with
// the rate measured next to it (that measurement's time is taken out of the epoch's).
static double GemmGflops(int batches)
{
    double best = 0;
    using var a = rand(1024, 1024);
    using var b = rand(1024, 1024);
    for (int r = 0; r < batches; r++)
    {
        var t = Stopwatch.StartNew();
        for (int i = 0; i < 10; i++) using (var c = a.matmul(b)) { }
        best = Math.Max(best, 10 * 2.0 * 1024 * 1024 * 1024 / t.Elapsed.TotalSeconds / 1e9);
    }
    return best;
}
// Matrix work per training sample of the 784-400-20 VAE: forward 1.30 MFLOP, backward 1.98 MFLOP.
const double FlopPerSample = 3.28e6;
double gflops = GemmGflops(5);
Console.WriteLine($"threads: {get_num_threads()}; fp32 GEMM 1024²: {F(gflops, "0.0")} GFLOP/s; compute bound of the course VAE: {F(gflops * 1e9 / FlopPerSample)} samples/s");

using var x = sprites.ToTensor();
VaeTraining.Seed(0);
var model = new MlpVae();
var rss = new List<long>();
var epochGflops = new List<double>();
var measuring = new List<double>();
var history = VaeTraining.Train(model, x, options: new VaeTrainingOptions(Epochs: epochs, BatchSize: 128, Seed: 0),
    progress: p =>
    {
        if (p.Batch != p.Batches) return;
        rss.Add(Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024));
        var t = Stopwatch.StartNew();
        epochGflops.Add(GemmGflops(3));
        measuring.Add(t.Elapsed.TotalSeconds);
    });
Console.WriteLine("epoch  samples/s  GEMM GFLOP/s  of bound  -ELBO     RSS (MiB)");
var throughputs = new List<double>();
var fractions = new List<double>();
foreach (var stats in history)
{
    int e = stats.Epoch - 1;
    double throughput = images / (stats.Seconds - measuring[e]), fraction = throughput * FlopPerSample / (epochGflops[e] * 1e9);
    throughputs.Add(throughput);
    fractions.Add(fraction);
    Console.WriteLine($"{stats.Epoch,5}  {F(throughput),9}  {F(epochGflops[e], "0.0"),12}  {F(100 * fraction, "0.0"),6} %  {F(stats.NegativeElbo, "0.00"),-8}  {rss[e],9}");
}
if (rss.Count >= 2)
    Console.WriteLine($"RSS after the last epoch / after epoch 2: {F(100.0 * rss[^1] / rss[1], "0.0")} %; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
// The median over epochs 2 to N (the first one warms up), or epoch 1 when it is the only one.
static double SteadyMedian(IReadOnlyList<double> perEpoch) { var v = perEpoch.Skip(perEpoch.Count > 1 ? 1 : 0).Order().ToList(); return v[(v.Count - 1) / 2]; }
double ours = SteadyMedian(throughputs);
Console.WriteLine($"TorchSharp: median {F(ours)} samples/s and {F(100 * SteadyMedian(fractions), "0.0")} % of the compute bound over epochs 2–{epochs}");

// Held-out quality, then the PyTorch reference on the same data (IDX export: 0/1 pixels → 0/255 → 0/1, exact).
var test = ProceduralSprites.Generate(2_000, seed: 2);
using var testX = test.ToTensor();
var held = VaeTraining.Evaluate(model, testX);
var heldBySeed = new List<double> { held.NegativeElbo };
for (int seed = 1; seed < seeds; seed++)
{
    VaeTraining.Seed(seed);
    var again = new MlpVae();
    VaeTraining.Train(again, x, options: new VaeTrainingOptions(Epochs: epochs, BatchSize: 128, Seed: seed));
    heldBySeed.Add(VaeTraining.Evaluate(again, testX).NegativeElbo);
}
Console.WriteLine($"TorchSharp held-out -ELBO {string.Join(" / ", heldBySeed.Select(v => F(v, "0.00")))} nats (seeds 0–{seeds - 1}), mean {F(heldBySeed.Average(), "0.00")}");

if (disentanglement)
{
    var factors = test.Factors.Select(f => f.ToArray()).ToArray();
    void Report(string name, VaeModule trained)
    {
        var means = VaeEvaluation.LatentMeans(trained, testX);
        var r = Disentanglement.Correlations(means, factors);
        var (mig, _) = Disentanglement.MutualInformationGap(means, factors);
        string best = string.Join(", ", new[] { (1, "scale"), (3, "x"), (4, "y") }.Select(p => $"{p.Item2} {F(r.Max(c => Math.Abs(c[p.Item1])), "0.00")}"));
        Console.WriteLine($"{name}: best |r| {best}; MIG {F(mig, "0.000")}");
    }
    Report($"MLP K = 20, β = 1, {epochs} epochs", model);
    VaeTraining.Seed(0);
    var conv = new ConvVae(latentSize: 6);
    var convClock = Stopwatch.StartNew();
    VaeTraining.Train(conv, x, options: new VaeTrainingOptions(Epochs: 30, Beta: 6, Seed: 0));
    Report($"convolutional K = 6, β = 6, 30 epochs ({F(convClock.Elapsed.TotalSeconds)} s)", conv);
}

const string python = "/usr/bin/python3";
string script = Path.Combine(RepositoryRoot.Find(), "bench", "pytorch_reference.py");
if (!File.Exists(python) || Run(python, ["-c", "import torch"]).Code != 0)
{
    Console.WriteLine("PyTorch reference skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch libopenblas0-pthread).");
    return;
}
string folder = Path.Combine(Path.GetTempPath(), "coursenotes-bench-idx");
var (trainIdx, _) = sprites.ExportIdx(folder, "train");
var (testIdx, _) = test.ExportIdx(folder, "test");
var referenceRates = new Dictionary<int, double>();
var referenceElbos = new List<double>();
foreach (var (t, seed) in new[] { (1, 0), (2, 0) }.Concat(Enumerable.Range(1, Math.Max(0, seeds - 1)).Select(s => (1, s))))
{
    var (code, output) = Run(python, [script, "--train", trainIdx, "--test", testIdx, "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
        "--threads", t.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture)]);
    if (code != 0) { Console.WriteLine($"PyTorch reference ({t} thread(s), seed {seed}) failed:\n{output}"); continue; }
    var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    if (seed == 0)
    {
        var rates = lines.Where(l => l["epoch"] is not null).Select(l => (double)l["samples_per_s"]!).ToList();
        referenceRates[t] = SteadyMedian(rates);
        Console.WriteLine($"PyTorch {t} thread(s): median {F(referenceRates[t])} samples/s → TorchSharp/PyTorch {F(ours / referenceRates[t], "0.00")}×");
    }
    if (t == 1) referenceElbos.Add((double)lines.Last()["held_out_neg_elbo"]!);
}
if (referenceElbos.Count > 0)
{
    double mean = referenceElbos.Average();
    Console.WriteLine($"PyTorch held-out -ELBO {string.Join(" / ", referenceElbos.Select(v => F(v, "0.00")))} nats, mean {F(mean, "0.00")} → TorchSharp mean differs by {F(100 * (heldBySeed.Average() - mean) / mean, "+0.0;-0.0")} %");
}

static (int Code, string Output) Run(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in arguments) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var stderr = process.StandardError.ReadToEndAsync();
    string stdout = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return (process.ExitCode, process.ExitCode == 0 ? stdout : stdout + stderr.Result);
}

