using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// Log importance weights <c>log wᵢ = log p(x, hᵢ) − log q(hᵢ)</c>, hᵢ ~ q: their mean is the ELBO's
/// Monte Carlo estimate, the log of their mean is one draw of the importance-weighted bound.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « L'ELBO ».</remarks>
public static class ImportanceWeights
{
    /// <summary>Draws <paramref name="count"/> samples hᵢ ~ q and returns their log weights.</summary>
    /// <param name="model">Gives log p(x, h).</param>
    /// <param name="x">The observation, of the model's dimension D.</param>
    /// <param name="q">The proposal (variational distribution) on ℝᵏ.</param>
    /// <param name="count">The number of samples, ≥ 1.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static double[] SampleLog(ILatentVariableModel model, Vector<double> x, IDistribution<Vector<double>> q, int count, Random random)
    {
        Guard.NotNull(model, nameof(model));
        Guard.Dimension(Guard.Finite(x, nameof(x)), model.ObservedDimension, nameof(x));
        Guard.NotNull(q, nameof(q));
        Guard.AtLeast(count, 1, nameof(count));
        var logWeights = new double[count];
        for (int i = 0; i < count; i++)
        {
            var h = q.Sample(random);
            logWeights[i] = model.LogJoint(x, h) - q.LogDensity(h);
        }
        return logWeights;
    }
}
