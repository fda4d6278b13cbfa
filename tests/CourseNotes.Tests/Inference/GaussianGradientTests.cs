using CourseNotes.Inference;
using CourseNotes.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Tests.Inference;

public class GaussianGradientTests
{
    // f(h) = ‖h − a‖²: E_q[f] = ‖μ − a‖² + Σσ², so ∇_μ = 2(μ − a) exactly.
    private static readonly Vector<double> A = Vector<double>.Build.Dense([1.0, -0.5, 0.2]);
    private static readonly DiagonalGaussian Q = new(Vector<double>.Build.Dense([0.3, 0.1, -0.4]), Vector<double>.Build.Dense([0.5, 0.8, 1.2]));
    private static double F(Vector<double> h) => (h - A).DotProduct(h - A);
    private static Vector<double> Gradient(Vector<double> h) => 2 * (h - A);

    [Fact]
    public void Both_estimators_are_unbiased_within_4_standard_errors()
    {
        var exact = 2 * (Q.Mean - A);
        var score = GaussianGradient.ScoreFunction(F, Q, 200_000, new Random(1));
        var reparameterized = GaussianGradient.Reparameterized(Gradient, Q, 200_000, new Random(2));
        for (int j = 0; j < 3; j++)
        {
            Assert.True(score[j].IsWithin(exact[j], 4), $"score {j}: {score[j]} vs {exact[j]}");
            Assert.True(reparameterized[j].IsWithin(exact[j], 4), $"reparameterized {j}: {reparameterized[j]} vs {exact[j]}");
        }
    }

    [Fact]
    public void The_reparameterized_estimator_has_the_closed_form_variance_and_the_score_one_is_larger()
    {
        // Var[2(μ + σε − a)] = 4σ², per sample.
        var reparameterized = GaussianGradient.Reparameterized(Gradient, Q, 100_000, new Random(3));
        var score = GaussianGradient.ScoreFunction(F, Q, 100_000, new Random(4));
        for (int j = 0; j < 3; j++)
        {
            double perSample = Math.Pow(reparameterized[j].StandardError, 2) * 100_000;
            Assert.Equal(4 * Q.Variances[j], perSample, 0.05 * 4 * Q.Variances[j]);
            Assert.True(score[j].StandardError > 2 * reparameterized[j].StandardError);
        }
    }
}
