using CourseNotes.Vae;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>The fused optimiser against two oracles: torch.optim.Adam (float32) and the course's double-precision Adam.</summary>
public class FusedAdamTests
{
    // Gradients of a fixed sequence, the same for every optimiser, so that only the update rule is compared.
    private static Tensor[] Gradients(int steps, int size) =>
        Enumerable.Range(0, steps).Select(s => randn([size], generator: new Generator((ulong)(100 + s))) * (1 + s % 3)).ToArray();

    private static Parameter Start(int size) => new(randn([size], generator: new Generator(7)));

    [Fact]
    public void Takes_the_steps_of_torch_optim_Adam()
    {
        // Same gradients, same hyper-parameters: float32 rounding apart (a few ulps per step), the same parameters.
        const int size = 1003; // not a multiple of the SIMD width: the scalar tail runs too
        var gradients = Gradients(40, size);
        var fusedParameter = Start(size);
        var referenceParameter = Start(size);
        var fused = new FusedAdam([fusedParameter], learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6);
        using var reference = optim.Adam([referenceParameter], lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6);
        foreach (var g in gradients)
        {
            fused.ZeroGrad();
            fusedParameter.grad = g.clone();
            fused.Step();
            reference.zero_grad();
            referenceParameter.grad = g.clone();
            reference.step();
        }
        float largest = (fusedParameter - referenceParameter).abs().max().item<float>();
        float moved = (referenceParameter - Start(size)).abs().max().item<float>();
        Assert.True(moved > 0.1f, $"the parameters moved by {moved} only");
        Assert.True(largest < 1e-5f, $"largest difference from torch.optim.Adam: {largest}");
    }

    [Fact]
    public void Is_the_course_Adam_descending()
    {
        // CourseNotes.Inference.Adam ascends in double precision; descending g is ascending −g.
        const int size = 64;
        var gradients = Gradients(30, size);
        var parameter = Start(size);
        var expected = parameter.data<float>().Select(v => (double)v).ToArray();
        var fused = new FusedAdam([parameter], learningRate: 0.05);
        var course = new CourseNotes.Inference.Adam(size, learningRate: 0.05);
        foreach (var g in gradients)
        {
            parameter.grad = g.clone();
            fused.Step();
            course.AscentStep(expected, g.data<float>().Select(v => -(double)v).ToArray());
        }
        var actual = parameter.data<float>().ToArray();
        for (int i = 0; i < size; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Fact]
    public void ZeroGrad_drops_the_gradients_and_a_parameter_without_one_stays()
    {
        var parameter = Start(10);
        var before = parameter.data<float>().ToArray();
        var fused = new FusedAdam([parameter]);
        parameter.grad = ones(10);
        fused.ZeroGrad();
        Assert.Null(parameter.grad);
        fused.Step();
        Assert.Equal(before, parameter.data<float>().ToArray());
    }

    [Fact]
    public void Refuses_parameters_it_cannot_update_in_place()
    {
        var error = Assert.Throws<ArgumentException>(() => new FusedAdam([new Parameter(zeros(3, dtype: ScalarType.Float64))]));
        Assert.Contains("float32", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FusedAdam([Start(3)], beta1: 1));
    }
}
