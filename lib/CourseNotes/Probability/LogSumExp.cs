namespace CourseNotes.Probability;

/// <summary>
/// The log-sum-exp of log-values, <c>log Σᵢ exp(aᵢ) = m + log Σᵢ exp(aᵢ − m)</c> with <c>m = maxᵢ aᵢ</c>,
/// computed without overflow or underflow. It turns a sum of probabilities held as logarithms (a mixture
/// density, an importance-sampling average) into its logarithm.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Un premier exemple : le mélange de gaussiennes » (mixture density), and
/// <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Exercices » (importance-weighted bound).</remarks>
public static class LogSumExp
{
    /// <summary>Computes <c>log Σᵢ exp(aᵢ)</c>; −∞ for an empty sequence or when every aᵢ is −∞; NaN if any aᵢ is NaN.</summary>
    public static double Of(ReadOnlySpan<double> logValues)
    {
        double max = double.NegativeInfinity;
        foreach (double a in logValues)
        {
            if (double.IsNaN(a)) return double.NaN;
            if (a > max) max = a;
        }
        if (double.IsNegativeInfinity(max) || double.IsPositiveInfinity(max)) return max;
        double sum = 0;
        foreach (double a in logValues) sum += Math.Exp(a - max);
        return max + Math.Log(sum);
    }

    /// <summary>The log of the mean, <c>log((1/n) Σᵢ exp(aᵢ)) = logsumexp(a) − log n</c> (n ≥ 1).</summary>
    public static double Mean(ReadOnlySpan<double> logValues)
    {
        if (logValues.Length == 0) throw new ArgumentException("At least one value is needed.", nameof(logValues));
        return Of(logValues) - Math.Log(logValues.Length);
    }
}
