namespace CourseNotes.Datasets;

/// <summary>
/// A procedural image set with known generative factors, in the spirit of dSprites, at MNIST's size
/// (28 × 28): each image shows one shape (square, ellipse, triangle or heart) at one of
/// <see cref="ScaleCount"/> scales, <see cref="RotationCount"/> rotations and
/// <see cref="PositionCount"/> × <see cref="PositionCount"/> positions; at one scale all four shapes cover the
/// same area, so that scale is the size one sees. The factors h are drawn
/// uniformly and independently, then x is rendered from h — the lecture's p(x, h) = p(x | h) p(h) with
/// h known, so that what a VAE's latent space learns can be measured. Images are binary (so a Bernoulli
/// decoder gives a valid likelihood), or anti-aliased grey levels on request. Deterministic from the seed.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « Démêlage : les facteurs des formes ».</remarks>
public static class ProceduralSprites
{
    /// <summary>Image side in pixels.</summary>
    public const int Size = 28;

    /// <summary>Number of scales.</summary>
    public const int ScaleCount = 6;

    /// <summary>Number of rotations, evenly spaced over a full turn.</summary>
    public const int RotationCount = 40;

    /// <summary>Number of positions along each axis.</summary>
    public const int PositionCount = 14;

    private const double LargestRadius = 7.0;
    private const int Supersampling = 4;

    // Every shape covers the same area at the same scale, 1.6 r² for radius r, so that scale is what a
    // viewer reads as size whatever the shape (at equal radius a heart covers twice a triangle's area).
    // Areas of the shapes drawn at radius 1 by Inside: square 1.5² = 2.25, ellipse 0.6π, triangle 3√3/4,
    // heart 2.5431 (numerical quadrature on a 4000² grid).
    private const double CommonArea = 1.6;

    private static double AreaAtRadiusOne(SpriteShape shape) => shape switch
    {
        SpriteShape.Square => 2.25,
        SpriteShape.Ellipse => 0.6 * Math.PI,
        SpriteShape.Triangle => 3 * Math.Sqrt(3) / 4,
        SpriteShape.Heart => 2.5431,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
    };

    /// <summary>The scale of index <paramref name="index"/>: 0.5 to 1 (relative to the largest sprite).</summary>
    public static double ScaleValue(int index) => 0.5 + 0.5 * Check(index, ScaleCount, nameof(index)) / (ScaleCount - 1);

    /// <summary>The rotation of index <paramref name="index"/> in radians: 2π · index / <see cref="RotationCount"/>.</summary>
    public static double RotationValue(int index) => 2 * Math.PI * Check(index, RotationCount, nameof(index)) / RotationCount;

    /// <summary>The pixel coordinate of the sprite's centre for position index <paramref name="index"/>: 7.5 to 20.5.</summary>
    public static double PositionValue(int index) => 7.5 + Check(index, PositionCount, nameof(index));

    /// <summary>Draws <paramref name="count"/> ≥ 0 factor sets uniformly with <paramref name="seed"/>, then renders them.</summary>
    public static SpriteDataset Generate(int count, int seed, bool antiAliased = false)
    {
        Guard.AtLeast(count, 0, nameof(count));
        var random = new Random(seed);
        var factors = new SpriteFactors[count];
        for (int i = 0; i < count; i++)
            factors[i] = new SpriteFactors((SpriteShape)random.Next(4), random.Next(ScaleCount), random.Next(RotationCount),
                random.Next(PositionCount), random.Next(PositionCount));
        return Render(factors, antiAliased);
    }

    /// <summary>Renders the images of given factors (binary, or anti-aliased by 4 × 4 supersampling).</summary>
    public static SpriteDataset Render(IReadOnlyList<SpriteFactors> factors, bool antiAliased = false)
    {
        Guard.NotNull(factors, nameof(factors));
        var all = factors.ToArray();
        for (int i = 0; i < all.Length; i++)
        {
            var f = all[i];
            if (!Enum.IsDefined(f.Shape)) throw new ArgumentException($"factors[{i}] has an unknown shape {(int)f.Shape}.", nameof(factors));
            Check(f.Scale, ScaleCount, nameof(factors));
            Check(f.Rotation, RotationCount, nameof(factors));
            Check(f.X, PositionCount, nameof(factors));
            Check(f.Y, PositionCount, nameof(factors));
        }
        var pixels = new float[all.Length * Size * Size];
        // Each image writes its own slice, so the parallel loop gives the same bytes as a serial one.
        Parallel.For(0, all.Length, i => Draw(all[i], pixels.AsSpan(i * Size * Size, Size * Size), antiAliased));
        return new SpriteDataset(pixels, all, Size, Size);
    }

    private static void Draw(SpriteFactors f, Span<float> image, bool antiAliased)
    {
        double radius = LargestRadius * ScaleValue(f.Scale) * Math.Sqrt(CommonArea / AreaAtRadiusOne(f.Shape));
        double angle = RotationValue(f.Rotation), cos = Math.Cos(angle), sin = Math.Sin(angle);
        double cx = PositionValue(f.X), cy = PositionValue(f.Y);
        int reach = (int)Math.Ceiling(1.5 * radius) + 1;
        int samples = antiAliased ? Supersampling : 1;
        for (int py = Math.Max(0, (int)cy - reach); py <= Math.Min(Size - 1, (int)cy + reach); py++)
            for (int px = Math.Max(0, (int)cx - reach); px <= Math.Min(Size - 1, (int)cx + reach); px++)
            {
                int inside = 0;
                for (int sy = 0; sy < samples; sy++)
                    for (int sx = 0; sx < samples; sx++)
                    {
                        double dx = px + (sx + 0.5) / samples - cx, dy = py + (sy + 0.5) / samples - cy;
                        double u = (cos * dx + sin * dy) / radius, v = (-sin * dx + cos * dy) / radius;
                        if (Inside(f.Shape, u, v)) inside++;
                    }
                image[py * Size + px] = (float)inside / (samples * samples);
            }
    }

    /// <summary>Whether the point (u, v) of the sprite's own frame (v pointing down, radius 1) lies in the shape.</summary>
    private static bool Inside(SpriteShape shape, double u, double v)
    {
        switch (shape)
        {
            case SpriteShape.Square:
                return Math.Abs(u) <= 0.75 && Math.Abs(v) <= 0.75;
            case SpriteShape.Ellipse:
                return u * u + v * v / 0.36 <= 1;
            case SpriteShape.Triangle:
                // Vertices (0, −1), (√3/2, ½), (−√3/2, ½): below the top two edges and above the base.
                const double h = 0.8660254037844386;
                return v <= 0.5 && Cross(0, -1, h, 0.5, u, v) >= 0 && Cross(-h, 0.5, 0, -1, u, v) >= 0;
            case SpriteShape.Heart:
                double x = 1.2 * u, y = -1.2 * v + 0.2, r = x * x + y * y - 1;
                return r * r * r - x * x * y * y * y <= 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape");
        }
    }

    private static double Cross(double ax, double ay, double bx, double by, double px, double py) =>
        (bx - ax) * (py - ay) - (by - ay) * (px - ax);

    private static int Check(int index, int count, string name) =>
        index >= 0 && index < count ? index : throw new ArgumentOutOfRangeException(name, index, $"a factor index must lie in 0 … {count - 1}.");
}
