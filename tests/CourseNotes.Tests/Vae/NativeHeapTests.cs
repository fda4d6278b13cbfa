using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// Training reuses the C heap's freed blocks from one step to the next (<c>NativeHeap.KeepFreedBlocks</c>): the pages
/// of a step's activations and gradients are not handed back to the system and faulted in again at the next step.
/// Counted, not timed: the minor page faults of the training thread (one libtorch thread, so both halves of each batch
/// run on it), the median over steps 3–19 of the 20 of an epoch of the course VAE. The heap grows at steps 1–2; step 20
/// closes the epoch with a trim and a full collection; a collection of .NET's heap during a step adds its own faults to
/// that step, hence the median. Measured: about 850–1 100 faults a step with glibc's defaults (the blocks of
/// 0.2–1.25 MB given back and taken again), 0–31 with the blocks kept; the limit, 150 a step, sits between the two.
/// The environment check restates the library's rule on purpose (NativeHeap is internal): a tuned allocator is left
/// alone, and this test then says why it cannot judge.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class NativeHeapTests
{
    [Fact]
    public void A_training_step_reuses_the_last_steps_memory()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the page-fault count is read from Linux's /proc, and the tuning is glibc's");
        Assert.False(Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal))
            || Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("malloc", StringComparison.Ordinal) == true,
            "this process's allocator was tuned by its environment (GLIBC_TUNABLES or MALLOC_*): the library then leaves it alone");
        var random = new Generator(5);
        using var images = rand([2560, 784], generator: random).gt(0.5).to_type(ScalarType.Float32);
        VaeTraining.Seed(5);
        using var model = new MlpVae();
        int threadsBefore = get_num_threads();
        set_num_threads(1);
        var faults = new List<long>();
        try
        {
            VaeTraining.Train(model, images, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 128, Seed: 5),
                progress: p => faults.Add(ThreadMinorFaults()));
        }
        finally { set_num_threads(threadsBefore); }
        // Steps 3–19: the heap grows at steps 1–2, and step 20 ends the epoch with a trim and a full collection.
        var perStep = faults.Zip(faults.Skip(1), (before, after) => after - before).Skip(2).Take(17).Order().ToList();
        long median = perStep[perStep.Count / 2];
        Assert.True(median < 150, $"a median of {median} minor page faults per training step (limit 150; about 1 000 when each step's freed blocks go back to the system); steps 3–19: {string.Join(" ", perStep)}");
    }

    // Field 10 of /proc/thread-self/stat: the calling thread's minor faults (pages mapped in without reading a file).
    private static long ThreadMinorFaults() =>
        long.Parse(File.ReadAllText("/proc/thread-self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7],
            System.Globalization.CultureInfo.InvariantCulture);
}
