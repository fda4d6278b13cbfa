using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

/// <summary>
/// On the sprites (known factors): the best |correlation| of a latent mean with scale, x and y, and the MIG, for the
/// course MLP and for a convolutional β-VAE (K = 6, β = 6, 30 epochs, about three minutes).
/// </summary>
internal static class DisentanglementReport
{
    public static void Print(MlpVae mlp, int mlpEpochs, Tensor train, Tensor test, SpriteDataset testSprites)
    {
        var factors = testSprites.Factors.Select(f => f.ToArray()).ToArray();
        void Report(string name, VaeModule trained)
        {
            var means = VaeEvaluation.LatentMeans(trained, test);
            var r = Disentanglement.Correlations(means, factors);
            var (mig, _) = Disentanglement.MutualInformationGap(means, factors);
            string best = string.Join(", ", new[] { (1, "scale"), (3, "x"), (4, "y") }.Select(p => $"{p.Item2} {Benchmark.F(r.Max(c => Math.Abs(c[p.Item1])), "0.00")}"));
            Console.WriteLine($"{name}: best |r| {best}; MIG {Benchmark.F(mig, "0.000")}");
        }
        Report($"MLP K = 20, β = 1, {mlpEpochs} epochs", mlp);
        VaeTraining.Seed(0);
        var conv = new ConvVae(latentSize: 6);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        VaeTraining.Train(conv, train, options: new VaeTrainingOptions(Epochs: 30, Beta: 6, Seed: 0));
        Report($"convolutional K = 6, β = 6, 30 epochs ({Benchmark.F(clock.Elapsed.TotalSeconds)} s)", conv);
    }
}
