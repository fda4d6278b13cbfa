using CourseNotes.Vae;

namespace CourseNotes.Tests.Vae;

public class DisentanglementProbeTests
{
    [Fact]
    public void Linear_decodability_is_one_for_an_exact_linear_code_and_near_zero_for_noise()
    {
        var random = new Random(1);
        var factors = Enumerable.Range(0, 500).Select(_ => new[] { random.Next(10), random.Next(6) }).ToArray();
        // Latent 0 = 2·f₀ − 1, latent 1 = noise: f₀ is read exactly, f₁ not at all.
        var latents = factors.Select(f => new[] { 2.0 * f[0] - 1, random.NextDouble() }).ToArray();
        var r2 = Disentanglement.LinearDecodability(latents, factors);
        Assert.Equal(1, r2[0], 1e-9);
        Assert.InRange(r2[1], 0, 0.02);
    }
}
