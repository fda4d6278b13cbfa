using System.Diagnostics;
using System.Globalization;
using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

// Benchmarks of the VAE engine (figures, not timed tests; compare ratios within one run):
//   dotnet run -c Release --project bench/CourseNotes.Benchmarks -- [--epochs N] [--images N] [--threads N]
// Prints sprite generation time, the machine's fp32 matrix-multiply rate, and per epoch the course
// MLP's training throughput at batch 128, its fraction of the compute bound and the process's RSS.
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
int epochs = Option("--epochs", 10), images = Option("--images", 20_000), threads = Option("--threads", 0);
if (threads > 0) set_num_threads(threads);
string F(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);

var clock = Stopwatch.StartNew();
var sprites = ProceduralSprites.Generate(images, seed: 1);
Console.WriteLine($"sprites: {images} binary images in {F(clock.Elapsed.TotalMilliseconds)} ms");
clock.Restart();
ProceduralSprites.Generate(images, seed: 1, antiAliased: true);
Console.WriteLine($"sprites: {images} anti-aliased images in {F(clock.Elapsed.TotalMilliseconds)} ms");

// Machine GEMM rate: 1024 × 1024 fp32 products, 2·n³ flops each, best of 5 batches.
double gflops = 0;
using (var a = rand(1024, 1024)) using (var b = rand(1024, 1024))
{
    for (int r = 0; r < 5; r++)
    {
        var t = Stopwatch.StartNew();
        for (int i = 0; i < 10; i++) using (var c = a.matmul(b)) { }
        gflops = Math.Max(gflops, 10 * 2.0 * 1024 * 1024 * 1024 / t.Elapsed.TotalSeconds / 1e9);
    }
}
// Matrix work per training sample of the 784-400-20 VAE: forward 1.30 MFLOP, backward 1.98 MFLOP.
const double FlopPerSample = 3.28e6;
double bound = gflops * 1e9 / FlopPerSample;
Console.WriteLine($"threads: {get_num_threads()}; fp32 GEMM 1024²: {F(gflops, "0.0")} GFLOP/s; compute bound of the course VAE: {F(bound)} samples/s");

using var x = sprites.ToTensor();
VaeTraining.Seed(0);
var model = new MlpVae();
var rss = new List<long>();
var history = VaeTraining.Train(model, x, options: new VaeTrainingOptions(Epochs: epochs, BatchSize: 128, Seed: 0),
    progress: p => { if (p.Batch == p.Batches) rss.Add(Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)); });
Console.WriteLine("epoch  samples/s  of bound  -ELBO     RSS (MiB)");
foreach (var stats in history)
{
    double throughput = images / stats.Seconds;
    Console.WriteLine($"{stats.Epoch,5}  {F(throughput),9}  {F(100 * throughput / bound, "0.0"),7} %  {F(stats.NegativeElbo, "0.00"),-8}  {rss[stats.Epoch - 1],9}");
}
if (rss.Count >= 2)
    Console.WriteLine($"RSS after the last epoch / after epoch 2: {F(100.0 * rss[^1] / rss[1], "0.0")} %");
