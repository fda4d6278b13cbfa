using CourseNotes.LatentVariables;
using CourseNotes.Probability;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Inference;

/// <summary>Settings of <see cref="ElboAscent.Maximize"/>.</summary>
/// <param name="Steps">Gradient steps, ≥ 2.</param>
/// <param name="SamplesPerStep">Reparameterised samples ε per gradient estimate, ≥ 1.</param>
/// <param name="LearningRate">Adam's initial step size α &gt; 0, decayed as α / √(1 + t / 100).</param>
/// <param name="Seed">Seed of the noise ε: the same seed gives the same result.</param>
/// <param name="RecordEvery">Every how many steps the current iterate q_φₜ is kept in <see cref="ElboAscentResult.Iterates"/> (≥ 1).</param>
public sealed record ElboAscentOptions(int Steps = 4000, int SamplesPerStep = 16, double LearningRate = 0.05, int Seed = 0, int RecordEvery = 25);

/// <summary>The outcome of <see cref="ElboAscent.Maximize"/>.</summary>
/// <param name="Approximation">The fitted q_φ(h | x): the Polyak average of the parameters over the last half of the steps.</param>
/// <param name="ElboTrace">The ELBO estimate at each step: the mean log-joint of the step's samples plus the exact entropy of q.
/// It is noisy even at q = p(h | x) (only the entropy is exact), so single values can exceed log p(x).</param>
/// <param name="Iterates">The iterates q_φₜ (before averaging) at steps 0, r, 2r, … (r = <see cref="ElboAscentOptions.RecordEvery"/>),
/// to follow the exact ELBO along the ascent where it has a closed form.</param>
public sealed record ElboAscentResult(MultivariateGaussian Approximation, IReadOnlyList<double> ElboTrace, IReadOnlyList<(int Step, MultivariateGaussian Q)> Iterates);

/// <summary>
/// Variational inference by stochastic gradient ascent on the ELBO over φ = (m, L) for q_φ = 𝒩(m, L Lᵀ),
/// with reparameterised gradients. With h = m + L ε and H(q) = Σᵢ log Lᵢᵢ + K(1 + log 2π)/2:
/// <list type="bullet">
/// <item><c>∇_m ELBO = E_ε[g]</c>, g = ∇_h log p(x, h);</item>
/// <item><c>∂ELBO/∂Lᵢⱼ = E_ε[gᵢ εⱼ]</c> below the diagonal (Full only);</item>
/// <item><c>∂ELBO/∂ρᵢ = Lᵢᵢ E_ε[gᵢ εᵢ] + 1</c> for the diagonal Lᵢᵢ = exp(ρᵢ), kept positive.</item>
/// </list>
/// Adam follows these estimates with a decaying step α / √(1 + t / 100); the returned q averages the iterates of the second half (Polyak–Ruppert),
/// which removes most of the noise of a stochastic gradient.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Maximiser l'ELBO ».</remarks>
public static class ElboAscent
{
    /// <summary>Fits q_φ(h | x) to the posterior of <paramref name="model"/> at <paramref name="x"/> by maximising the ELBO.</summary>
    /// <param name="model">Gives log p(x, h) and its gradient in h.</param>
    /// <param name="x">The observation, of the model's dimension D.</param>
    /// <param name="structure">Full covariance, or mean field (diagonal).</param>
    /// <param name="options">Steps, samples, step size and seed; defaults when null.</param>
    public static ElboAscentResult Maximize(ILatentVariableModel model, Vector<double> x, CovarianceStructure structure, ElboAscentOptions? options = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.Dimension(Guard.Finite(x, nameof(x)), model.ObservedDimension, nameof(x));
        options ??= new ElboAscentOptions();
        Guard.AtLeast(options.Steps, 2, nameof(options.Steps));
        Guard.AtLeast(options.SamplesPerStep, 1, nameof(options.SamplesPerStep));
        Guard.AtLeast(options.RecordEvery, 1, nameof(options.RecordEvery));

        var layout = new Layout(model.LatentDimension, structure);
        var theta = new double[layout.Count];          // m = 0, ρ = 0 (L = I), off-diagonal 0: q starts at the prior
        var gradient = new double[layout.Count];
        var average = new double[layout.Count];
        var adam = new Adam(layout.Count, options.LearningRate);
        var random = new Random(options.Seed);
        var trace = new double[options.Steps];
        var iterates = new List<(int, MultivariateGaussian)>();
        int K = model.LatentDimension, S = options.SamplesPerStep, averagingStart = options.Steps / 2;
        double entropyConstant = 0.5 * K * (1 + Math.Log(2 * Math.PI));

        for (int t = 0; t < options.Steps; t++)
        {
            var (m, L) = layout.Unpack(theta);
            if (t % options.RecordEvery == 0) iterates.Add((t, MultivariateGaussian.FromCholeskyFactor(m, L)));
            Array.Clear(gradient);
            double logJoint = 0;
            for (int s = 0; s < S; s++)
            {
                var epsilon = Vector<double>.Build.Dense(K, _ => Normal.Sample(random, 0, 1));
                var h = Reparameterize.Gaussian(m, L, epsilon);
                var g = model.LogJointGradient(x, h);
                logJoint += model.LogJoint(x, h);
                layout.AccumulateGradient(gradient, g, epsilon, L, 1.0 / S);
            }
            layout.AddEntropyGradient(gradient);
            trace[t] = logJoint / S + entropyConstant + layout.SumLogDiagonal(theta);

            adam.LearningRate = options.LearningRate / Math.Sqrt(1 + t / 100.0);
            adam.AscentStep(theta, gradient);
            if (t >= averagingStart)
                for (int i = 0; i < theta.Length; i++) average[i] += theta[i] / (options.Steps - averagingStart);
        }

        var (mean, factor) = layout.Unpack(average);
        return new ElboAscentResult(MultivariateGaussian.FromCholeskyFactor(mean, factor), trace, iterates);
    }

    /// <summary>Where m, ρ = log diag L and the strictly lower entries of L sit in the flat vector θ.</summary>
    private sealed class Layout(int k, CovarianceStructure structure)
    {
        private readonly bool _full = structure == CovarianceStructure.Full;

        public int Count => 2 * k + (_full ? k * (k - 1) / 2 : 0);

        private int LogDiagonal(int i) => k + i;

        private int Lower(int i, int j) => 2 * k + i * (i - 1) / 2 + j; // j < i

        public (Vector<double> Mean, Matrix<double> Factor) Unpack(double[] theta)
        {
            var mean = Vector<double>.Build.Dense(k, i => theta[i]);
            var factor = Matrix<double>.Build.Dense(k, k);
            for (int i = 0; i < k; i++)
            {
                factor[i, i] = Math.Exp(theta[LogDiagonal(i)]);
                if (_full)
                    for (int j = 0; j < i; j++) factor[i, j] = theta[Lower(i, j)];
            }
            return (mean, factor);
        }

        public double SumLogDiagonal(double[] theta)
        {
            double sum = 0;
            for (int i = 0; i < k; i++) sum += theta[LogDiagonal(i)];
            return sum;
        }

        public void AccumulateGradient(double[] gradient, Vector<double> g, Vector<double> epsilon, Matrix<double> factor, double weight)
        {
            for (int i = 0; i < k; i++)
            {
                gradient[i] += weight * g[i];
                gradient[LogDiagonal(i)] += weight * g[i] * epsilon[i] * factor[i, i];
                if (_full)
                    for (int j = 0; j < i; j++) gradient[Lower(i, j)] += weight * g[i] * epsilon[j];
            }
        }

        public void AddEntropyGradient(double[] gradient)
        {
            for (int i = 0; i < k; i++) gradient[LogDiagonal(i)] += 1; // ∂/∂ρᵢ of Σᵢ ρᵢ
        }
    }
}
