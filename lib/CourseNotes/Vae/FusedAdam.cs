using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) on a TorchSharp module's float32 parameters, fused: one pass over memory per
/// step instead of eight. For each parameter θ with gradient g, at step t:
/// <c>m ← β₁ m + (1 − β₁) g</c>, <c>v ← β₂ v + (1 − β₂) g²</c>,
/// <c>θ ← θ − α / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)</c> — the update of <c>torch.optim.Adam</c> (without
/// weight decay), and of <see cref="Inference.Adam"/> in double precision for notebook 3's ascent.
/// <c>torch.optim.Adam</c> runs it as eight tensor operations per parameter, each reading and writing the whole
/// tensor; here each element is read once, updated in SIMD registers and written once. During training on the CPU,
/// <see cref="BatchShards"/> splits the update between its two threads, each on its share of the elements
/// (<see cref="Part"/>), reading the two halves' gradients and adding them as it goes: measured with the benchmark on
/// the course's 2-core machine (Fashion-MNIST, batch 128, quiet), about 34 500 samples/s against 32 000 with the whole
/// update on one thread while the other waited. <see cref="ZeroGrad"/> drops the gradients rather than filling them with zeros, so that
/// the next backward pass stores its gradients instead of adding them to zeros.
/// </summary>
/// <remarks>Used by <see cref="VaeTraining.Train"/>; taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Entraînement ».</remarks>
public sealed class FusedAdam
{
    private readonly Parameter[] _parameters;
    private readonly float[][] _m, _v;
    private long _t;
    private float _stepSize, _inverseCorrection2;

    /// <summary>Creates the optimiser for <paramref name="parameters"/> (float32, contiguous, on the CPU).</summary>
    /// <param name="parameters">The module's parameters, e.g. <c>model.parameters()</c>.</param>
    /// <param name="learningRate">α &gt; 0 (the course: 1e-3).</param>
    /// <param name="beta1">β₁ ∈ [0, 1).</param>
    /// <param name="beta2">β₂ ∈ [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    public FusedAdam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        Guard.NotNull(parameters, nameof(parameters));
        LearningRate = Guard.Positive(learningRate, nameof(learningRate));
        Beta1 = Guard.Decay(beta1, nameof(beta1));
        Beta2 = Guard.Decay(beta2, nameof(beta2));
        Epsilon = Guard.Positive(epsilon, nameof(epsilon));
        _parameters = parameters.ToArray();
        foreach (var p in _parameters)
            if (p.dtype != ScalarType.Float32 || p.device_type != DeviceType.CPU || !p.is_contiguous())
                throw new ArgumentException($"FusedAdam takes contiguous float32 CPU parameters; got {p.dtype} on {p.device_type}.", nameof(parameters));
        _m = _parameters.Select(p => new float[checked((int)p.numel())]).ToArray();
        _v = _parameters.Select(p => new float[checked((int)p.numel())]).ToArray();
    }

    /// <summary>α, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>β₁, the decay of the gradient's running mean.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the squared gradient's running mean.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the bias-corrected √v.</summary>
    public double Epsilon { get; }

    /// <summary>Drops every parameter's gradient (<c>zero_grad(set_to_none=True)</c>): the next backward pass stores fresh ones.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.grad = null;
    }

    /// <summary>Moves every parameter that has a gradient one step down it.</summary>
    /// <exception cref="InvalidOperationException">A gradient is not contiguous.</exception>
    public void Step()
    {
        BeginStep();
        for (int i = 0; i < _parameters.Length; i++)
        {
            using var g = _parameters[i].grad;
            if (g is null) continue;
            Update(i, Floats(g, i), default, default, 0, _m[i].Length);
        }
    }

    /// <summary>Starts step t + 1: its bias corrections, used by every <see cref="Update"/> of the step.</summary>
    internal void BeginStep()
    {
        _t++;
        _stepSize = (float)(LearningRate / (1 - Math.Pow(Beta1, _t)));
        _inverseCorrection2 = (float)(1 / Math.Sqrt(1 - Math.Pow(Beta2, _t)));
    }

    /// <summary>
    /// Part <paramref name="part"/> of <paramref name="parts"/> of the step: the parameters' elements, counted in order
    /// across all parameters, cut into nearly equal runs of whole SIMD vectors; as (parameter, from, to) ranges.
    /// Each element's update depends on that element only, so the parts can run on different threads.
    /// </summary>
    internal IEnumerable<(int Parameter, int From, int To)> Part(int part, int parts)
    {
        long total = _m.Sum(m => (long)m.Length), width = Vector<float>.Count;
        long Cut(int k) => k == parts ? total : Math.Min(total, total * k / parts / width * width);
        long start = Cut(part), end = Cut(part + 1), offset = 0;
        for (int i = 0; i < _m.Length && offset < end; offset += _m[i].Length, i++)
        {
            long from = Math.Max(start, offset), to = Math.Min(end, offset + _m[i].Length);
            if (from < to) yield return (i, (int)(from - offset), (int)(to - offset));
        }
    }

    /// <summary>
    /// Updates elements [<paramref name="from"/>, <paramref name="to"/>) of parameter <paramref name="i"/> (after
    /// <see cref="BeginStep"/>) with the gradient <c>first + second</c>, added in that order (<paramref name="second"/>
    /// empty: <c>first</c> alone), and writes that sum into <paramref name="sum"/> when it is not empty.
    /// </summary>
    internal void Update(int i, ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> sum, int from, int to)
    {
        int n = to - from;
        UpdateElements(Floats(_parameters[i], i).Slice(from, n), first.Slice(from, n), second.IsEmpty ? default : second.Slice(from, n),
            sum.IsEmpty ? default : sum.Slice(from, n), _m[i].AsSpan(from, n), _v[i].AsSpan(from, n),
            (float)Beta1, (float)Beta2, (float)Epsilon, _stepSize, _inverseCorrection2);
    }

    /// <summary>The float32 elements of a contiguous CPU tensor (parameter <paramref name="i"/> or its gradient).</summary>
    internal static Span<float> Floats(Tensor tensor, int i) => tensor.is_contiguous()
        ? MemoryMarshal.Cast<byte, float>(tensor.bytes)
        : throw new InvalidOperationException($"the gradient of parameter {i} is not contiguous.");

    private static void UpdateElements(Span<float> theta, ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> sum,
        Span<float> m, Span<float> v, float b1, float b2, float eps, float stepSize, float inverseCorrection2)
    {
        bool two = !second.IsEmpty, keep = !sum.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<float>(b1); var vc1 = new Vector<float>(1 - b1);
            var vb2 = new Vector<float>(b2); var vc2 = new Vector<float>(1 - b2);
            var veps = new Vector<float>(eps); var vstep = new Vector<float>(stepSize); var vcorr = new Vector<float>(inverseCorrection2);
            var thetaV = MemoryMarshal.Cast<float, Vector<float>>(theta);
            var firstV = MemoryMarshal.Cast<float, Vector<float>>(first);
            var secondV = MemoryMarshal.Cast<float, Vector<float>>(second);
            var sumV = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var mV = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vV = MemoryMarshal.Cast<float, Vector<float>>(v);
            for (int k = 0; k < thetaV.Length; k++)
            {
                var gk = two ? firstV[k] + secondV[k] : firstV[k];
                if (keep) sumV[k] = gk;
                var mk = vb1 * mV[k] + vc1 * gk;
                var vk = vb2 * vV[k] + vc2 * gk * gk;
                mV[k] = mk;
                vV[k] = vk;
                thetaV[k] -= vstep * (mk / (Vector.SquareRoot(vk) * vcorr + veps));
            }
            i = thetaV.Length * Vector<float>.Count;
        }
        for (; i < theta.Length; i++)
        {
            float gi = two ? first[i] + second[i] : first[i];
            if (keep) sum[i] = gi;
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            theta[i] -= stepSize * (m[i] / (MathF.Sqrt(v[i]) * inverseCorrection2 + eps));
        }
    }
}
