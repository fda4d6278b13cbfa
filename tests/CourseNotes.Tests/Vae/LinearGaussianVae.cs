using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// A one-dimensional VAE whose evidence and posterior are known in closed form: h ~ 𝒩(0, 1), x | h ~ 𝒩(w h + b, σ²),
/// so p(x) = 𝒩(b, w² + σ²) and p(h | x) = 𝒩(w (x − b) / (w² + σ²), σ² / (w² + σ²)). Its encoder returns a fixed,
/// deliberately wrong q = 𝒩(m, exp(ℓ)) for every x.
/// </summary>
internal sealed class LinearGaussianVae : VaeModule
{
    private readonly TorchSharp.Modules.Parameter _weight, _bias;

    public LinearGaussianVae(double w, double b, double variance, double encoderMean, double encoderLogVariance)
        : base(nameof(LinearGaussianVae), DecoderLikelihood.Gaussian(variance))
    {
        (W, B, Variance, EncoderMean, EncoderLogVariance) = (w, b, variance, encoderMean, encoderLogVariance);
        _weight = new TorchSharp.Modules.Parameter(tensor(new[] { (float)w }, [1, 1]));
        _bias = new TorchSharp.Modules.Parameter(tensor(new[] { (float)b }, [1]));
        RegisterComponents();
        PlaceOn(null);
    }

    public double W { get; }
    public double B { get; }
    public double Variance { get; }
    public double EncoderMean { get; }
    public double EncoderLogVariance { get; }

    public override int InputSize => 1;
    public override int LatentSize => 1;
    public override int ConditionSize => 0;

    public override (Tensor Mean, Tensor LogVariance) Encode(Tensor x, Tensor? condition = null) =>
        (full([x.shape[0], 1], EncoderMean, dtype: ScalarType.Float32), full([x.shape[0], 1], EncoderLogVariance, dtype: ScalarType.Float32));

    public override Tensor Decode(Tensor h, Tensor? condition = null) => nn.functional.linear(h, _weight, _bias);

    public double LogEvidence(double x) => -0.5 * Math.Log(2 * Math.PI * (W * W + Variance)) - 0.5 * (x - B) * (x - B) / (W * W + Variance);

    public (double Mean, double Variance) Posterior(double x) => (W * (x - B) / (W * W + Variance), Variance / (W * W + Variance));

    /// <summary>ELBO(x; m, s²) = E_q[log 𝒩(x; w h + b, σ²)] − KL(𝒩(m, s²) ‖ 𝒩(0, 1)), in closed form.</summary>
    public double Elbo(double x, double m, double s2) =>
        -0.5 * Math.Log(2 * Math.PI * Variance) - ((x - W * m - B) * (x - W * m - B) + W * W * s2) / (2 * Variance)
        - 0.5 * (m * m + s2 - 1 - Math.Log(s2));
}
