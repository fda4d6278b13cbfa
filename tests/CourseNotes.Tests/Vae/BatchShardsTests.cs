using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// The gradient that <see cref="VaeTraining.Train"/> computes on the CPU as two halves of the batch on two threads
/// (BatchShards) against the same gradient computed the plain way: one forward pass on the whole batch, the loss
/// written out, one <c>backward()</c>. One step of one batch, so the parameters' <c>grad</c> after training is the
/// gradient at the initial weights. Tolerance: float32 sums in another order, 1e-5 of the largest component.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class BatchShardsTests
{
    [Theory]
    [InlineData(64, 0, 1.0, 0.0)]   // even batch, the ELBO
    [InlineData(63, 0, 0.5, 0.0)]   // odd batch (halves of 32 and 31), β ≠ 1
    [InlineData(64, 0, 1.0, 0.3)]   // free bits: the clamp decided on the whole batch
    [InlineData(50, 3, 1.0, 0.0)]   // conditional VAE
    [InlineData(1, 0, 1.0, 0.0)]    // one image: one half only
    public void The_two_halves_give_the_gradient_of_the_whole_batch(int batch, int classes, double beta, double freeBits)
    {
        using var images = ProceduralSprites.Generate(batch, seed: 4).ToTensor();
        using var labels = classes == 0 ? null : functional.one_hot(arange(batch) % classes, classes).to_type(ScalarType.Float32);
        const int seed = 11;

        VaeTraining.Seed(seed);
        var sharded = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 32, latentSize: 6, conditionSize: classes);
        VaeTraining.Seed(seed);
        var plain = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 32, latentSize: 6, conditionSize: classes);

        int threadsBefore = get_num_threads();
        VaeTraining.Train(sharded, images, labels, new VaeTrainingOptions(Epochs: 1, BatchSize: batch, Beta: beta, FreeBits: freeBits, Seed: seed));
        Assert.Equal(threadsBefore, get_num_threads());

        // The same batch, noise and loss, by hand: Train draws the permutation, then ε, from a generator seeded with Seed.
        var generator = new Generator(seed);
        using var order = randperm(batch, generator: generator);
        using var x = images.index_select(0, order);
        using var y = labels?.index_select(0, order);
        var (mean, logVariance) = plain.Encode(x, y);
        using var epsilon = randn([batch, 6], generator: generator);
        using var h = mean + (0.5 * logVariance).exp() * epsilon;
        using var logits = plain.Decode(h, y);
        using var reconstruction = functional.binary_cross_entropy_with_logits(logits, x, reduction: Reduction.Sum);
        using var klPerUnit = (-0.5 * (1 + logVariance - mean.pow(2) - logVariance.exp())).sum(dim: 0);
        using var klTerm = freeBits > 0 ? klPerUnit.clamp_min(freeBits * batch).sum() : klPerUnit.sum();
        using var loss = (reconstruction + beta * klTerm) / batch;
        loss.backward();

        var ours = sharded.parameters().ToArray();
        var theirs = plain.parameters().ToArray();
        for (int i = 0; i < ours.Length; i++)
        {
            using var a = ours[i].grad!;
            using var b = theirs[i].grad!;
            double scale = b.abs().max().item<float>();
            double difference = (a - b).abs().max().item<float>();
            Assert.True(difference <= 1e-5 * Math.Max(scale, 1e-3), $"parameter {i}: max |Δ| {difference:G3} against max |g| {scale:G3}");
        }
        if (freeBits > 0) Assert.Contains(klPerUnit.data<float>().ToArray(), k => k < freeBits * batch); // the clamp was active somewhere
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_step_taken_on_the_two_threads_is_FusedAdams_step_on_the_batchs_gradient(int threads)
    {
        // On the CPU the shards take the Adam step themselves, each thread on its share of the parameters' elements; the
        // gradient test above checks the grad they leave, this one that the update is FusedAdam.Step's on that grad, to
        // the bit (each element gets the same float32 arithmetic). Shares that overlapped would update some elements
        // twice; shares that left some out would leave them unmoved with a zero grad, which the test above catches.
        using var images = ProceduralSprites.Generate(77, seed: 5).ToTensor();
        const int seed = 13;
        int before = get_num_threads();
        set_num_threads(threads);
        try
        {
            VaeTraining.Seed(seed);
            var trained = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 33, latentSize: 5);
            VaeTraining.Seed(seed);
            var stepped = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 33, latentSize: 5);
            var options = new VaeTrainingOptions(Epochs: 1, BatchSize: 77, LearningRate: 0.01, Seed: seed);
            VaeTraining.Train(trained, images, options: options);

            var ours = trained.parameters().ToArray();
            var theirs = stepped.parameters().ToArray();
            for (int i = 0; i < ours.Length; i++)
            {
                using var g = ours[i].grad!;
                theirs[i].grad = g.clone();
            }
            float[] initial = theirs[0].data<float>().ToArray();
            new FusedAdam(theirs, options.LearningRate).Step();
            for (int i = 0; i < ours.Length; i++)
                Assert.True(ours[i].data<float>().ToArray().SequenceEqual(theirs[i].data<float>().ToArray()), $"parameter {i} differs");
            Assert.False(initial.SequenceEqual(ours[0].data<float>().ToArray()), "the step moved nothing");
        }
        finally { set_num_threads(before); }
    }

    [Fact]
    public void One_thread_gives_the_same_training_as_two()
    {
        using var images = ProceduralSprites.Generate(300, seed: 6).ToTensor();
        var options = new VaeTrainingOptions(Epochs: 2, BatchSize: 64, LearningRate: 3e-3, Seed: 2);
        IReadOnlyList<double> Losses(int threads)
        {
            int before = get_num_threads();
            set_num_threads(threads);
            try
            {
                VaeTraining.Seed(2);
                var model = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 32, latentSize: 4);
                return VaeTraining.Train(model, images, options: options).Select(e => e.NegativeElbo).ToList();
            }
            finally { set_num_threads(before); }
        }
        Assert.Equal(Losses(1), Losses(2)); // exactly: the halves are summed in the same order, each on one intra-op thread
    }

    [Fact]
    public void A_thread_interrupt_while_waiting_for_the_second_half_ends_the_training_cleanly()
    {
        // What a Jupyter kernel does to a cell blocked in a wait: Thread.Interrupt. The batch's tensors must outlive the
        // second half's work, the interrupt must come out of Train, and the model must still be usable.
        using var images = ProceduralSprites.Generate(4096, seed: 8).ToTensor();
        VaeTraining.Seed(3);
        var model = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 256, latentSize: 8);
        Exception? caught = null;
        int steps = 0;
        var training = new Thread(() =>
        {
            set_num_threads(2);
            try { VaeTraining.Train(model, images, options: new VaeTrainingOptions(Epochs: 50, BatchSize: 256, Seed: 1), progress: _ => steps++); }
            catch (Exception e) { caught = e; }
        });
        training.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (training.IsAlive && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Volatile.Read(ref steps) > 3 && (training.ThreadState & ThreadState.WaitSleepJoin) != 0) training.Interrupt();
            Thread.Sleep(1);
        }
        Assert.True(training.Join(TimeSpan.FromSeconds(30)), "the training thread did not end");
        Assert.IsType<ThreadInterruptedException>(caught);
        Assert.True(steps < 50 * 16, $"{steps} steps: the interrupt did not stop the training");
        Assert.True(double.IsFinite(VaeTraining.Evaluate(model, images.slice(0, 0, 64, 1)).NegativeElbo));
    }
}
