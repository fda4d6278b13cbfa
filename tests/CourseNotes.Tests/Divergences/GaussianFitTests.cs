using CourseNotes.Divergences;
using CourseNotes.LatentVariables;
using CourseNotes.Probability;

namespace CourseNotes.Tests.Divergences;

public class GaussianFitTests
{
    private static readonly GaussianMixture Bimodal = GaussianMixture.OneDimensional([0.5, 0.5], [-2, 2], [0.36, 0.36]);

    [Fact]
    public void Quadrature_agrees_with_the_Gaussian_closed_form_to_1e_8()
    {
        var p = new Gaussian(0.3, 0.8);
        var q = new Gaussian(-0.5, 1.7);
        Assert.Equal(KlDivergence.ClosedForm(p, q), KlDivergence.Quadrature(p.LogDensity, q.LogDensity, -12, 12), 1e-8);
    }

    [Fact]
    public void Mass_covering_fit_matches_the_moments_and_minimises_the_forward_KL()
    {
        var q = GaussianFit.MassCovering(Bimodal);
        Assert.Equal(0, q.Mean, 1e-12);
        Assert.Equal(4.36, q.Variance, 1e-12);
        double best = GaussianFit.ForwardKl(Bimodal, q);
        foreach (var (dm, dv) in new[] { (0.1, 0.0), (-0.1, 0.0), (0.0, 0.2), (0.0, -0.2) })
            Assert.True(GaussianFit.ForwardKl(Bimodal, new Gaussian(q.Mean + dm, q.Variance + dv)) > best);
    }

    [Fact]
    public void Forward_KL_by_quadrature_matches_the_mixtures_own_density()
    {
        // ForwardKl evaluates the mixture's log-density by its own log-sum-exp; H(p, q) − H(p) computed from the
        // mixture's LogDensity must agree.
        var q = new Gaussian(0.5, 2);
        Func<double, double> logP = x => Bimodal.LogDensity(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(1, x));
        double direct = KlDivergence.Quadrature(logP, q.LogDensity, -8, 8, 8001);
        Assert.Equal(direct, GaussianFit.ForwardKl(Bimodal, q), 1e-6);
    }

    [Fact]
    public void Minimising_the_forward_KL_numerically_finds_the_moments_from_any_start()
    {
        foreach (var start in new[] { new Gaussian(2.5, 0.5), new Gaussian(-1, 9) })
        {
            var q = GaussianFit.MinimizeForwardKl(Bimodal, start);
            Assert.Equal(0, q.Mean, 1e-4);
            Assert.Equal(4.36, q.Variance, 1e-3);
        }
    }

    [Fact]
    public void Mode_seeking_fit_lands_on_the_mode_it_starts_near()
    {
        var right = GaussianFit.ModeSeeking(Bimodal, new Gaussian(1, 1));
        var left = GaussianFit.ModeSeeking(Bimodal, new Gaussian(-1, 1));
        Assert.Equal(2, right.Mean, 0.01);
        Assert.Equal(-2, left.Mean, 0.01);
        Assert.Equal(0.36, right.Variance, 0.01);
        // Each fit wins in its own direction of KL.
        var cover = GaussianFit.MassCovering(Bimodal);
        Assert.True(GaussianFit.ReverseKl(Bimodal, right) < GaussianFit.ReverseKl(Bimodal, cover));
        Assert.True(GaussianFit.ForwardKl(Bimodal, cover) < GaussianFit.ForwardKl(Bimodal, right));
    }
}
