using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>Settings of <see cref="VaeTraining.Train"/>; the defaults are the original course's (Adam 1e-3, batch 128, 15 epochs).</summary>
/// <param name="Epochs">Passes over the data, ≥ 1.</param>
/// <param name="BatchSize">Images per step, ≥ 1.</param>
/// <param name="LearningRate">Adam's step size, &gt; 0.</param>
/// <param name="Beta">Weight β ≥ 0 of the KL term (1: the ELBO).</param>
/// <param name="KlWarmupEpochs">Epochs over which β rises linearly from 0 (0: no warm-up).</param>
/// <param name="FreeBits">λ ≥ 0, nats per latent unit (Kingma et al., 2016): the KL term of unit i is replaced by
/// max(λ, KLᵢ), KLᵢ averaged over the batch, so a unit below λ nats gets no push towards the prior (0: the ELBO).</param>
/// <param name="Seed">Seeds the shuffling and the noise ε (and the initial weights when the caller builds the model after <see cref="VaeTraining.Seed"/>).</param>
public sealed record VaeTrainingOptions(
    int Epochs = 15, int BatchSize = 128, double LearningRate = 1e-3, double Beta = 1, int KlWarmupEpochs = 0,
    double FreeBits = 0, int Seed = 0);

/// <summary>Averages per image over one epoch (nats).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="NegativeElbo">Reconstruction + KL (β = 1), the quantity that bounds −log p(x).</param>
/// <param name="Reconstruction">−E_q[log p(x | h)].</param>
/// <param name="Kl">KL(q(h | x) ‖ p(h)).</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochStatistics(int Epoch, double NegativeElbo, double Reconstruction, double Kl, double Seconds);

/// <summary>Where training stands, for a live display or a progress bar.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in all.</param>
/// <param name="Batch">1-based step within the epoch.</param>
/// <param name="Batches">Steps per epoch.</param>
/// <param name="RunningNegativeElbo">The epoch's −ELBO per image so far (nats).</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningNegativeElbo)
{
    /// <summary>« Époque 2/10 · lot 157/157 · −ELBO 45.21 nats », with a bar of the epoch's progress; numbers in the invariant culture.</summary>
    public override string ToString()
    {
        const int width = 20;
        int filled = (int)Math.Round(width * (double)Batch / Batches);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Époque {Epoch}/{Epochs} [{new string('█', filled)}{new string('·', width - filled)}] lot {Batch}/{Batches} · −ELBO {RunningNegativeElbo:F2} nats");
    }
}

/// <summary>The loss stopped being a finite number.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// Trains a VAE (<see cref="MlpVae"/>, <see cref="ConvVae"/>) by minimising the negative ELBO (<see cref="VaeLoss"/>,
/// with the model's likelihood) with Adam, on the model's device: <see cref="FusedAdam"/> (the update of
/// <c>torch.optim.Adam</c> in one pass over memory) on the CPU, <c>torch.optim.Adam</c> on a GPU. The images stay
/// where they are (the CPU, usually); each batch is copied to the model's device. On the CPU each step's gradient is
/// computed as two halves of the batch on two threads and added in a fixed order, and the Adam step is shared by the
/// same two threads (<see cref="BatchShards"/>); on a GPU the batch is one piece and torch's Adam steps. On the CPU the training's threads flush subnormal numbers to
/// zero (<see cref="FlushDenormals"/>), on Linux x86-64. Each step runs in a dispose
/// scope, so memory stays flat across epochs; the seed fixes the shuffling and the noise, so two runs on the
/// same machine give the same losses.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Le modèle dans la bibliothèque ».</remarks>
public static class VaeTraining
{
    /// <summary>Seeds libtorch's global generator: call it before building a model, for reproducible initial weights.</summary>
    public static void Seed(int seed) => torch.random.manual_seed(seed);

    /// <summary>Trains <paramref name="model"/> on <paramref name="images"/> ([N, D], values in [0, 1]).</summary>
    /// <param name="model">The VAE.</param>
    /// <param name="images">Training images, one per row.</param>
    /// <param name="conditions">One-hot labels [N, C] for a conditional VAE, else null.</param>
    /// <param name="options">Settings; the course's defaults when null.</param>
    /// <param name="progress">Called after every step.</param>
    /// <returns>One line of statistics per epoch.</returns>
    public static IReadOnlyList<EpochStatistics> Train(VaeModule model, Tensor images, Tensor? conditions = null,
        VaeTrainingOptions? options = null, Action<TrainingProgress>? progress = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        options ??= new VaeTrainingOptions();
        Guard.AtLeast(options.Epochs, 1, nameof(options.Epochs));
        Guard.AtLeast(options.BatchSize, 1, nameof(options.BatchSize));
        Guard.Positive(options.LearningRate, nameof(options.LearningRate));
        if (!(options.Beta >= 0) || !double.IsFinite(options.Beta)) throw new ArgumentOutOfRangeException(nameof(options), options.Beta, "Beta must be finite and ≥ 0.");
        if (options.KlWarmupEpochs < 0) throw new ArgumentOutOfRangeException(nameof(options), options.KlWarmupEpochs, "KlWarmupEpochs must be ≥ 0.");
        if (!(options.FreeBits >= 0) || !double.IsFinite(options.FreeBits)) throw new ArgumentOutOfRangeException(nameof(options), options.FreeBits, "FreeBits must be finite and ≥ 0.");
        CheckImages(model, images, conditions);

        long count = images.shape[0];
        int batches = (int)((count + options.BatchSize - 1) / options.BatchSize);
        var generator = new Generator((ulong)options.Seed);
        var optimizer = Optimizer.For(model, options.LearningRate);
        var history = new List<EpochStatistics>();
        var parameters = model.parameters().ToArray();
        int threads = get_num_threads();
        bool cpu = model.Device.type == DeviceType.CPU;
        if (cpu) NativeHeap.KeepFreedBlocks(); // each step reuses the last one's freed blocks (see NativeHeap)
        using var shards = new BatchShards(cpu ? threads : 1, split: cpu);
        if (cpu) set_num_threads(Math.Max(1, threads / 2)); // the other half of the threads serves the second half of each batch
        bool flushing = cpu && FlushDenormals.Set(true); // subnormals as 0 during training (see FlushDenormals)
        try
        {
            model.train();
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                double reconstructionSum = 0, klSum = 0;
                using var order = randperm(count, generator: generator);
                for (int b = 0; b < batches; b++)
                {
                    using var scope = NewDisposeScope();
                    var indices = order.slice(0, b * options.BatchSize, Math.Min(count, (b + 1L) * options.BatchSize), 1);
                    var x = OnDevice(images.index_select(0, indices), model);
                    var condition = conditions is null ? null : OnDevice(conditions.index_select(0, indices), model);
                    long size = x.shape[0];
                    double beta = options.Beta * (options.KlWarmupEpochs > 0 ? Math.Min(1.0, (epoch - 1 + (double)b / batches) / options.KlWarmupEpochs) : 1.0);
                    double reconstructionValue = 0, klValue = 0;
                    void Check(double reconstruction, double kl)
                    {
                        (reconstructionValue, klValue) = (reconstruction, kl);
                        if (!double.IsFinite(reconstruction) || !double.IsFinite(kl))
                            throw new TrainingDivergedException($"the loss became {(double.IsFinite(reconstruction) ? kl : reconstruction)} at epoch {epoch}, batch {b + 1} of {batches}.");
                    }
                    optimizer.ZeroGrad();
                    var epsilon = VaeModule.Noise([size, model.LatentSize], ScalarType.Float32, model.Device, generator);
                    shards.Gradient(model, parameters, x, condition, epsilon, beta, options.FreeBits, Check, optimizer.Fused);
                    if (optimizer.Fused is null) optimizer.Step(); // on the CPU the shards took the fused step themselves
                    reconstructionSum += reconstructionValue;
                    klSum += klValue;
                    if (b == batches - 1) NativeHeap.Release(); // memory flat across epochs (see NativeHeap)
                    progress?.Invoke(new TrainingProgress(epoch, options.Epochs, b + 1, batches,
                        (reconstructionSum + klSum) / Math.Min(count, (b + 1L) * options.BatchSize)));
                }
                history.Add(new EpochStatistics(epoch, (reconstructionSum + klSum) / count, reconstructionSum / count, klSum / count, clock.Elapsed.TotalSeconds));
            }
        }
        finally
        {
            if (flushing) FlushDenormals.Set(false);
            if (cpu) set_num_threads(threads);
            model.eval();
        }
        return history;
    }

    /// <summary>
    /// The negative ELBO of held-out <paramref name="images"/> (one reparameterised sample per image,
    /// noise from <paramref name="seed"/>), with its two terms, averaged per image; the model's likelihood.
    /// </summary>
    /// <param name="model">The VAE.</param>
    /// <param name="images">[N, D] images (any device).</param>
    /// <param name="conditions">One-hot labels [N, C] for a conditional VAE, else null.</param>
    /// <param name="batchSize">Images per forward pass, ≥ 1.</param>
    /// <param name="seed">Seeds the noise ε.</param>
    public static EpochStatistics Evaluate(VaeModule model, Tensor images, Tensor? conditions = null, int batchSize = 1000, int seed = 0)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        CheckImages(model, images, conditions);
        var clock = Stopwatch.StartNew();
        var generator = new Generator((ulong)seed);
        long count = images.shape[0];
        double reconstructionSum = 0, klSum = 0;
        using var noGrad = no_grad();
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var x = OnDevice(images.slice(0, start, Math.Min(count, start + batchSize), 1), model);
            var condition = conditions is null ? null : OnDevice(conditions.slice(0, start, Math.Min(count, start + batchSize), 1), model);
            var (reconstruction, kl) = VaeLoss.Terms(model, x, generator, condition);
            reconstructionSum += reconstruction.item<float>();
            klSum += kl.item<float>();
        }
        return new EpochStatistics(0, (reconstructionSum + klSum) / count, reconstructionSum / count, klSum / count, clock.Elapsed.TotalSeconds);
    }

    /// <summary><paramref name="tensor"/> on the model's device (the same tensor when it is already there).</summary>
    internal static Tensor OnDevice(Tensor tensor, VaeModule model) =>
        tensor.device_type == model.Device.type && tensor.device_index == model.Device.index ? tensor : tensor.to(model.Device);

    private static void CheckImages(VaeModule model, Tensor images, Tensor? conditions)
    {
        if (images.dim() != 2 || images.shape[1] != model.InputSize)
            throw new ArgumentException($"images must be [N, {model.InputSize}], got [{string.Join(", ", images.shape)}].", nameof(images));
        if (conditions is not null && (conditions.dim() != 2 || conditions.shape[0] != images.shape[0] || conditions.shape[1] != model.ConditionSize))
            throw new ArgumentException($"conditions must be [{images.shape[0]}, {model.ConditionSize}], got [{string.Join(", ", conditions.shape)}].", nameof(conditions));
    }

    /// <summary>Adam on the model's device: the fused CPU update, or torch's own on a GPU.</summary>
    private sealed class Optimizer
    {
        private readonly FusedAdam? _fused;
        private readonly TorchSharp.Modules.Adam? _torch;

        private Optimizer(FusedAdam? fused, TorchSharp.Modules.Adam? torch) => (_fused, _torch) = (fused, torch);

        /// <summary>The fused CPU optimiser, or null on a GPU.</summary>
        public FusedAdam? Fused => _fused;

        public static Optimizer For(VaeModule model, double learningRate) => model.Device.type == DeviceType.CPU
            ? new Optimizer(new FusedAdam(model.parameters(), learningRate), null)
            : new Optimizer(null, optim.Adam(model.parameters(), learningRate));

        public void ZeroGrad()
        {
            if (_fused is not null) _fused.ZeroGrad();
            else _torch!.zero_grad();
        }

        public void Step()
        {
            if (_fused is not null) _fused.Step();
            else _torch!.step();
        }
    }
}
