using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// The two threads of a CPU training hand each other the phases of every step without putting their cores to sleep
/// (<c>Handoff</c>): counted, not timed, as the voluntary context switches of the training's two threads between the
/// 10th step and the last of a training of small steps (the count a thread gets each time it blocks). Blocking at every
/// hand-off, as a plain semaphore wait does, gives about three a step, one for each phase the worker waits for
/// (measured: 2,7–4,0 a step); waiting with a spin first, nearly none (measured: 0,06–0,11 on a quiet machine). The
/// limit, 1,5 a step, leaves room for a loaded machine, where a thread descheduled for longer than the spin makes its
/// partner block. Read in the progress callback, while the second half's thread is alive.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class HandoffTests
{
    /// <summary>The voluntary context switches of this thread and of the training's second thread (named « CourseNotes VAE: … », which Linux cuts to 15 characters).</summary>
    private static long VoluntarySwitches()
    {
        long sum = Count("/proc/thread-self/status");
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith("CourseNotes VAE", StringComparison.Ordinal))
                    sum += Count(Path.Combine(task, "status"));
            }
            catch (IOException) { } // a thread that ended meanwhile
        }
        return sum;
    }

    private static long Count(string status) => File.ReadLines(status)
        .Where(line => line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
        .Sum(line => long.Parse(line.AsSpan("voluntary_ctxt_switches:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_training_threads_hand_off_without_sleeping()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "context switches are read from Linux's /proc");
        Assert.SkipUnless(get_num_threads() >= 2, "the halves run on two threads only with two or more libtorch threads");
        using var images = ProceduralSprites.Generate(2048, seed: 4).ToTensor();
        VaeTraining.Seed(3);
        var model = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 16, latentSize: 4);
        long atTenth = 0, atLast = 0;
        int steps = 0, seen = 0;
        VaeTraining.Train(model, images, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 16, Seed: 3), progress: p =>
        {
            if (p.Batch == 10) atTenth = VoluntarySwitches();
            if (p.Batch == 10) seen = Directory.EnumerateDirectories("/proc/self/task").Count(t => File.ReadAllText(Path.Combine(t, "comm")).StartsWith("CourseNotes VAE", StringComparison.Ordinal));
            if (p.Batch == p.Batches) { atLast = VoluntarySwitches(); steps = p.Batches - 10; }
        });
        Assert.Equal(1, seen); // the second half's thread, found by its name
        double perStep = (double)(atLast - atTenth) / steps;
        Assert.True(perStep < 1.5, $"{perStep:F2} voluntary context switches a step over {steps} steps: the training's threads sleep at their hand-offs");
    }
}
