namespace CourseNotes.Inference;

/// <summary>
/// The Adam optimiser (Kingma &amp; Ba, 2015) on a flat parameter vector, for gradient <em>ascent</em>:
/// <c>m ← β₁ m + (1 − β₁) g</c>, <c>v ← β₂ v + (1 − β₂) g²</c>,
/// <c>θ ← θ + α m̂ / (√v̂ + ε)</c> with the bias-corrected m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
/// It is the optimiser the course uses for the VAE (there, through TorchSharp).
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Maximiser l'ELBO ».</remarks>
public sealed class Adam
{
    private readonly double[] _m;
    private readonly double[] _v;
    private int _t;

    /// <summary>Creates the optimiser for <paramref name="parameterCount"/> ≥ 1 parameters.</summary>
    /// <param name="parameterCount">The length of the parameter vector.</param>
    /// <param name="learningRate">α &gt; 0.</param>
    /// <param name="beta1">β₁ ∈ [0, 1).</param>
    /// <param name="beta2">β₂ ∈ [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    public Adam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        Guard.AtLeast(parameterCount, 1, nameof(parameterCount));
        LearningRate = Guard.Positive(learningRate, nameof(learningRate));
        Beta1 = Guard.Decay(beta1, nameof(beta1));
        Beta2 = Guard.Decay(beta2, nameof(beta2));
        Epsilon = Guard.Positive(epsilon, nameof(epsilon));
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    /// <summary>α, the step size; may be lowered between steps (a schedule).</summary>
    public double LearningRate { get; set; }

    /// <summary>β₁, the decay of the gradient's running mean.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the squared gradient's running mean.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ for stability.</summary>
    public double Epsilon { get; }

    /// <summary>Moves <paramref name="parameters"/> one step up the (estimated) <paramref name="gradient"/>.</summary>
    public void AscentStep(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != _m.Length) throw new ArgumentException($"parameters has length {parameters.Length}, expected {_m.Length}.", nameof(parameters));
        if (gradient.Length != _m.Length) throw new ArgumentException($"gradient has length {gradient.Length}, expected {_m.Length}.", nameof(gradient));
        _t++;
        double correction1 = 1 - Math.Pow(Beta1, _t), correction2 = 1 - Math.Pow(Beta2, _t);
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!double.IsFinite(gradient[i])) throw new ArgumentException($"gradient[{i}] is {gradient[i]} at step {_t}.", nameof(gradient));
            _m[i] = Beta1 * _m[i] + (1 - Beta1) * gradient[i];
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * gradient[i] * gradient[i];
            parameters[i] += LearningRate * (_m[i] / correction1) / (Math.Sqrt(_v[i] / correction2) + Epsilon);
        }
    }
}
