using CourseNotes.Divergences;
using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>
/// The evidence lower bound of a variational distribution q(h | x):
/// <c>ELBO(x, q) = E_q[log p(x, h) − log q(h | x)] = E_q[log p(x | h)] − KL(q ‖ p(h)) = log p(x) − KL(q ‖ p(h | x))</c>,
/// so ELBO ≤ log p(x), with equality exactly when q is the posterior.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « L'ELBO ».</remarks>
public static class Elbo
{
    /// <summary>
    /// The Monte Carlo estimate <c>(1/n) Σᵢ (log p(x, hᵢ) − log q(hᵢ))</c>, hᵢ ~ q (a Gaussian q samples by
    /// reparameterisation, <c>hᵢ = m + L εᵢ</c>), with its standard error. Unbiased for the ELBO.
    /// </summary>
    /// <param name="model">Gives log p(x, h).</param>
    /// <param name="x">The observation, of the model's dimension D.</param>
    /// <param name="q">The variational distribution q(h | x) on ℝᵏ.</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="random">The source of randomness (seed it).</param>
    public static MonteCarloEstimate MonteCarlo(ILatentVariableModel model, Vector<double> x, IDistribution<Vector<double>> q, int samples, Random random)
    {
        Guard.AtLeast(samples, 2, nameof(samples));
        return MonteCarloEstimate.FromValues(ImportanceWeights.SampleLog(model, x, q, samples, random));
    }

    /// <summary>
    /// The exact ELBO of a Gaussian q = 𝒩(m, S) on the linear-Gaussian model, from its second form:
    /// <c>E_q[log p(x | h)] − KL(q ‖ 𝒩(0, I))</c>, both terms in closed form.
    /// </summary>
    public static double ClosedForm(LinearGaussianModel model, Vector<double> x, MultivariateGaussian q)
    {
        Guard.NotNull(model, nameof(model));
        return model.ExpectedLogLikelihood(x, q) - KlDivergence.ClosedForm(q, model.Prior);
    }
}
