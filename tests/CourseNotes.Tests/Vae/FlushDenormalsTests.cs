using System.Runtime.InteropServices;
using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// During a CPU training the library flushes subnormal floats to zero on the training's thread (the processor's FTZ
/// and DAZ modes), and clears the flush when the training ends: half of 10⁻³⁸, a subnormal, computes as 5 × 10⁻³⁹
/// before and after the training, and as 0 inside it (in the progress callback, on the training's thread).
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class FlushDenormalsTests
{
    private static float HalfOfASubnormal()
    {
        using var x = tensor(new[] { 1e-38f });
        using var half = x * 0.5f;
        return half.data<float>()[0];
    }

    [Fact]
    public void Training_flushes_subnormals_on_its_thread_and_clears_the_flush_after()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, "the flush is set on Linux x86-64 only");
        Assert.Equal(5e-39f, HalfOfASubnormal());
        using var images = ProceduralSprites.Generate(32, seed: 4).ToTensor();
        VaeTraining.Seed(3);
        var model = new MlpVae(inputSize: (int)images.shape[1], hiddenSize: 16, latentSize: 4);
        var during = new List<float>();
        VaeTraining.Train(model, images, options: new VaeTrainingOptions(Epochs: 1, BatchSize: 16, Seed: 3), progress: _ => during.Add(HalfOfASubnormal()));
        Assert.Equal([0f, 0f], during);
        Assert.Equal(5e-39f, HalfOfASubnormal());
    }
}
