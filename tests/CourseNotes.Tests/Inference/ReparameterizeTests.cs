using CourseNotes.Inference;
using static CourseNotes.Tests.Probability.DistributionTests;

namespace CourseNotes.Tests.Inference;

public class ReparameterizeTests
{
    [Fact]
    public void Vector_form_is_mean_plus_factor_times_noise()
    {
        var h = Reparameterize.Gaussian(Vec(1, 2), Mat(new double[,] { { 2, 0 }, { 0.5, 3 } }), Vec(0.1, -0.2));
        Assert.Equal(1 + 0.2, h[0], 1e-15);
        Assert.Equal(2 + 0.05 - 0.6, h[1], 1e-15);
    }

    [Fact]
    public void Shapes_must_agree()
    {
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => Reparameterize.Gaussian(Vec(0, 0), Mat(new double[,] { { 1, 0 }, { 0, 1 } }), Vec(1))).ParamName);
    }
}
