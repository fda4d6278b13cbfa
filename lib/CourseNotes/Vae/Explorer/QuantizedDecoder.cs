using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseNotes.Vae.Explorer;

/// <summary>
/// The decoder of an <see cref="MlpVae"/>, <c>h → z = ReLU(W₁h + b₁) → ℓ = W₂z + b₂ → x̂ = σ(ℓ)</c> (Bernoulli; for a
/// Gaussian likelihood x̂ = ℓ clipped to [0, 1]), with its large matrix W₂ (pixels × hidden units, 313 600 weights for the
/// course's 400 → 784) quantised to 8 bits per row: <c>W₂[i, j] ≈ sᵢ qᵢⱼ</c>, <c>qᵢⱼ ∈ {−127, …, 127}</c>,
/// <c>sᵢ = maxⱼ |W₂[i, j]| / 127</c>, the roundings chosen so that the logits move least on the hidden activations of
/// points of the box (GPTQ's error-compensating rounding, calibrated on a grid or on seeded uniform draws of the box).
/// W₁, b₁, b₂ and the scales sᵢ stay float32. With <c>Δᵢⱼ = W₂[i, j] − sᵢqᵢⱼ</c>, the logit of pixel i moves by at most
/// <c>Σⱼ |Δᵢⱼ| zⱼ</c>, and the pixel by at most a quarter of that (σ′ ≤ ¼; the clip is 1-Lipschitz): <see cref="ErrorBound"/>.
/// Hidden units that cannot fire anywhere in the box <c>lower ≤ h ≤ upper</c> the explorer lets the reader reach
/// (<c>bⱼ + Σₖ max(wⱼₖ lowerₖ, wⱼₖ upperₖ) ≤ 0</c>, exact for a linear pre-activation) are dropped: inside the box the
/// decoder is unchanged.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « L'espace latent en deux dimensions ».</remarks>
public sealed class QuantizedDecoder
{
    private readonly float[] _absoluteErrors;

    private QuantizedDecoder(int latentSize, int[] coordinates, int pixelCount, float[] hiddenWeights, float[] hiddenBias, sbyte[] outputWeights,
        float[] outputScales, float[] outputBias, bool sigmoid, int droppedUnits, float[] absoluteErrors)
    {
        _absoluteErrors = absoluteErrors;
        LatentSize = latentSize;
        Coordinates = coordinates;
        PixelCount = pixelCount;
        HiddenSize = hiddenBias.Length;
        HiddenWeights = hiddenWeights;
        HiddenBias = hiddenBias;
        OutputWeights = outputWeights;
        OutputScales = outputScales;
        OutputBias = outputBias;
        Sigmoid = sigmoid;
        DroppedUnits = droppedUnits;
    }

    /// <summary>K, the latent dimension of the model.</summary>
    public int LatentSize { get; }

    /// <summary>The free coordinates of h (lower &lt; upper), in order: the decoder's inputs; the fixed ones are folded into b₁.</summary>
    public IReadOnlyList<int> Coordinates { get; }

    /// <summary>Hidden units kept (those that can fire in the box).</summary>
    public int HiddenSize { get; }

    /// <summary>Hidden units dropped because they are 0 everywhere in the box.</summary>
    public int DroppedUnits { get; }

    /// <summary>D, the pixels per image.</summary>
    public int PixelCount { get; }

    /// <summary>W₁'s columns of the free coordinates, [hidden, free] row by row (float32).</summary>
    public float[] HiddenWeights { get; }

    /// <summary>b₁ plus the fixed coordinates' share, [hidden].</summary>
    public float[] HiddenBias { get; }

    /// <summary>q, the 8-bit W₂, stored unit by unit: <c>q[j · D + i]</c> is pixel i's weight for hidden unit j.</summary>
    public sbyte[] OutputWeights { get; }

    /// <summary>sᵢ, one scale per pixel (row of W₂).</summary>
    public float[] OutputScales { get; }

    /// <summary>b₂, [D].</summary>
    public float[] OutputBias { get; }

    /// <summary>True: pixel = σ(logit) (Bernoulli decoder); false: the mean clipped to [0, 1] (Gaussian decoder).</summary>
    public bool Sigmoid { get; }

    /// <summary>Bytes of the weights as stored: 4 per float, 1 per 8-bit weight.</summary>
    public int Bytes => 4 * (HiddenWeights.Length + HiddenBias.Length + OutputScales.Length + OutputBias.Length) + OutputWeights.Length;

    /// <summary>
    /// Quantises the decoder of <paramref name="model"/> (unconditional) for the box <paramref name="lower"/> ≤ h ≤
    /// <paramref name="upper"/> (each of length K, lower ≤ upper): keeps the hidden units that can fire in the box, and
    /// folds each fixed coordinate (lowerₖ = upperₖ) into b₁, so that the decoder takes the free coordinates only.
    /// </summary>
    public static QuantizedDecoder Of(MlpVae model, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(lower, nameof(lower));
        Guard.NotNull(upper, nameof(upper));
        if (model.ConditionSize != 0) throw new ArgumentException("the explorer decodes an unconditional VAE.", nameof(model));
        int k = model.LatentSize;
        if (lower.Count != k || upper.Count != k) throw new ArgumentException($"the box needs {k} lower and upper bounds.", nameof(lower));
        for (int c = 0; c < k; c++)
            if (!(lower[c] <= upper[c])) throw new ArgumentException($"lower[{c}] = {lower[c]} exceeds upper[{c}] = {upper[c]}.", nameof(lower));
        var (hidden, output) = model.DecoderLayers;
        float[] w1 = Floats(hidden.weight!), b1 = Floats(hidden.bias!), w2 = Floats(output.weight!), b2 = Floats(output.bias!);
        int h = b1.Length, d = b2.Length;
        var free = Enumerable.Range(0, k).Where(c => lower[c] < upper[c]).ToArray();

        var kept = Enumerable.Range(0, h).Where(j =>
        {
            double most = b1[j];
            for (int c = 0; c < k; c++) most += Math.Max(w1[j * k + c] * lower[c], w1[j * k + c] * upper[c]);
            return most > 0;
        }).ToArray();

        var scales = new float[d];
        for (int i = 0; i < d; i++)
        {
            float largest = 0;
            foreach (int j in kept) largest = Math.Max(largest, Math.Abs(w2[i * h + j]));
            scales[i] = largest / 127f;
        }
        var w1Kept = new float[kept.Length * free.Length];
        var b1Kept = new float[kept.Length];
        for (int n = 0; n < kept.Length; n++)
        {
            int j = kept[n];
            for (int f = 0; f < free.Length; f++) w1Kept[n * free.Length + f] = w1[j * k + free[f]];
            // A fixed coordinate adds the same wⱼₖ hₖ everywhere in the box: it joins the bias (in float, as the layer adds it).
            float bias = b1[j];
            for (int c = 0; c < k; c++) if (lower[c] == upper[c]) bias += w1[j * k + c] * (float)lower[c];
            b1Kept[n] = bias;
        }

        // The hidden activations on points of the box: the rounding keeps the logits right where the page decodes.
        var points = Calibration(free.Select(c => lower[c]).ToArray(), free.Select(c => upper[c]).ToArray());
        int samples = points.Length / Math.Max(1, free.Length), units = kept.Length;
        var z = new double[samples * units];
        for (int n = 0; n < samples; n++)
            for (int u = 0; u < units; u++)
            {
                double a = b1Kept[u];
                for (int f = 0; f < free.Length; f++) a += w1Kept[u * free.Length + f] * points[n * free.Length + f];
                z[n * units + u] = Math.Max(0, a);
            }
        var weights = new double[d * units];
        for (int i = 0; i < d; i++)
            for (int u = 0; u < units; u++) weights[i * units + u] = w2[i * h + kept[u]];
        var q = ErrorCompensatingRounding.Round(weights, d, units, scales, z, samples);
        var absoluteErrors = new float[units * d];
        for (int u = 0; u < units; u++)
            for (int i = 0; i < d; i++) absoluteErrors[u * d + i] = (float)Math.Abs(weights[i * units + u] - (double)scales[i] * q[u * d + i]);
        bool sigmoid = model.Likelihood is BernoulliLikelihood;
        return new QuantizedDecoder(k, free, d, w1Kept, b1Kept, q, scales, b2, sigmoid, h - kept.Length, absoluteErrors);
    }

    /// <summary>The dequantised W₂ᵀ, [hidden, D]: <c>sᵢ qᵢⱼ</c> at <c>[j, i]</c>.</summary>
    public float[] DequantizedOutputWeights()
    {
        var w = new float[OutputWeights.Length];
        for (int j = 0; j < HiddenSize; j++)
            for (int i = 0; i < PixelCount; i++)
                w[j * PixelCount + i] = OutputScales[i] * OutputWeights[j * PixelCount + i];
        return w;
    }

    /// <summary>
    /// TorchSharp's decode with the quantised weights, the reference the page must match: mean images [n, D] in [0, 1]
    /// (float32, on the CPU) of the latent codes <paramref name="h"/> ([n, K], inside the box: the fixed coordinates are not read).
    /// </summary>
    public Tensor Decode(Tensor h)
    {
        Guard.NotNull(h, nameof(h));
        using var scope = NewDisposeScope();
        var z = Hidden(h);
        var logits = functional.linear(z, tensor(DequantizedOutputWeights(), [HiddenSize, PixelCount]).t(), tensor(OutputBias));
        var mean = Sigmoid ? logits.sigmoid() : logits.clamp(0, 1);
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For each code of <paramref name="h"/> ([n, K], inside the box), the largest possible gap between a pixel of
    /// <see cref="Decode"/> and the same pixel of the float decoder: <c>c · maxᵢ Σⱼ |Δᵢⱼ| zⱼ</c>, c = ¼ (σ) or 1 (clip).
    /// </summary>
    public double[] ErrorBound(Tensor h)
    {
        Guard.NotNull(h, nameof(h));
        using var scope = NewDisposeScope();
        var z = Hidden(h);
        var logitBound = z.matmul(tensor(_absoluteErrors, [HiddenSize, PixelCount])).max(1).values;
        double factor = Sigmoid ? 0.25 : 1;
        return logitBound.to_type(ScalarType.Float64).data<double>().Select(b => factor * b).ToArray();
    }

    // Points of the free box where the rounding is calibrated: a 41 × 41 grid for two coordinates or fewer (41 points for
    // one), else 4 000 uniform draws from a fixed seed. Flat, point after point.
    private static double[] Calibration(double[] lower, double[] upper)
    {
        int f = lower.Length;
        if (f == 0) return [];
        if (f <= 2)
        {
            const int steps = 41;
            int count = f == 1 ? steps : steps * steps;
            var grid = new double[count * f];
            for (int n = 0; n < count; n++)
                for (int c = 0; c < f; c++)
                {
                    int step = c == 0 ? n % steps : n / steps;
                    grid[n * f + c] = lower[c] + (upper[c] - lower[c]) * step / (steps - 1);
                }
            return grid;
        }
        var random = new Random(1);
        var draws = new double[4000 * f];
        for (int n = 0; n < draws.Length; n++) draws[n] = lower[n % f] + (upper[n % f] - lower[n % f]) * random.NextDouble();
        return draws;
    }

    // z = ReLU(W₁ h_free + b₁) for codes [n, K].
    private Tensor Hidden(Tensor h)
    {
        var input = h.to_type(ScalarType.Float32).cpu().reshape(-1, LatentSize).index_select(1, tensor(Coordinates.Select(c => (long)c).ToArray()));
        return functional.relu(functional.linear(input, tensor(HiddenWeights, [HiddenSize, Coordinates.Count]), tensor(HiddenBias)));
    }

    private static float[] Floats(Tensor t)
    {
        using var values = t.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return values.data<float>().ToArray();
    }
}
