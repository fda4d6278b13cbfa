using CourseNotes.Inference;
using CourseNotes.LatentVariables;
using MathNet.Numerics.LinearAlgebra;
using static CourseNotes.Tests.LatentVariables.LinearGaussianModelTests;

namespace CourseNotes.Tests.Inference;

public class NaiveMonteCarloTests
{
    [Fact]
    public void Relative_variance_in_closed_form_matches_the_sample_variance_in_low_dimension()
    {
        var model = Model();
        double exact = NaiveMonteCarlo.RelativeVariance(model, Observation);
        // Averaged over independent batches, the empirical ratio is consistent (light tails in 2-D).
        double empirical = Enumerable.Range(0, 8).Average(s => NaiveMonteCarlo.EmpiricalRelativeVariance(model, Observation, 50_000, new Random(s)));
        Assert.InRange(empirical / exact, 0.9, 1.1);
    }

    [Fact]
    public void Relative_variance_grows_exponentially_with_the_dimension()
    {
        double Ratio(int d)
        {
            var model = new LinearGaussianModel(Matrix<double>.Build.DenseIdentity(d), Vector<double>.Build.Dense(d), 0.1);
            return NaiveMonteCarlo.RelativeVariance(model, Vector<double>.Build.Dense(d, 0.5));
        }
        // Per dimension the factor is the one-dimensional 1 + r: for W = I and x = 0.5·1 the ratio factorises.
        double oneD = 1 + Ratio(1);
        Assert.Equal(Math.Pow(oneD, 8) - 1, Ratio(8), 1e-6 * Ratio(8));
        Assert.True(Ratio(16) > 100 * Ratio(4));
    }

    [Fact]
    public void The_naive_estimate_is_consistent()
    {
        var model = Model();
        Assert.Equal(model.LogEvidence(Observation), NaiveMonteCarlo.LogEvidence(model, Observation, 200_000, new Random(3)), 0.02);
    }
}
