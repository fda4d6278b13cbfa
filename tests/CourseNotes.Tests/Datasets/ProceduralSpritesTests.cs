using CourseNotes.Datasets;

namespace CourseNotes.Tests.Datasets;

public class ProceduralSpritesTests
{
    [Fact]
    public void Same_seed_same_images_and_factors()
    {
        var a = ProceduralSprites.Generate(200, seed: 3);
        var b = ProceduralSprites.Generate(200, seed: 3);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Factors, b.Factors);
        Assert.NotEqual(a.Pixels, ProceduralSprites.Generate(200, seed: 4).Pixels);
    }

    [Fact]
    public void Binary_images_hold_only_0_and_1_and_anti_aliased_ones_grey_levels()
    {
        var binary = ProceduralSprites.Generate(100, seed: 1);
        Assert.All(binary.Pixels, p => Assert.True(p is 0f or 1f));
        var grey = ProceduralSprites.Generate(100, seed: 1, antiAliased: true);
        Assert.All(grey.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Contains(grey.Pixels, p => p is > 0f and < 1f);
        Assert.Equal(binary.Factors, grey.Factors);
    }

    [Fact]
    public void Factors_are_drawn_uniformly()
    {
        var set = ProceduralSprites.Generate(8000, seed: 2);
        foreach (SpriteShape shape in Enum.GetValues<SpriteShape>())
        {
            double share = set.Factors.Count(f => f.Shape == shape) / 8000.0, se = Math.Sqrt(0.25 * 0.75 / 8000);
            Assert.InRange(share, 0.25 - 4 * se, 0.25 + 4 * se);
        }
        Assert.Equal(ProceduralSprites.PositionCount, set.Factors.Select(f => f.X).Distinct().Count());
        Assert.Equal(ProceduralSprites.RotationCount, set.Factors.Select(f => f.Rotation).Distinct().Count());
    }

    [Theory]
    [InlineData(SpriteShape.Square)]
    [InlineData(SpriteShape.Ellipse)]
    [InlineData(SpriteShape.Triangle)]
    [InlineData(SpriteShape.Heart)]
    public void Images_follow_their_factors(SpriteShape shape)
    {
        // The covered area grows as scale² (scales 0.5 and 1: a ratio of 4, within 15 %: 4 × 4 supersampling
        // quantises edges to quarter pixels, which weighs most on the small sprite),
        // and the centroid follows the position.
        var small = ProceduralSprites.Render([new SpriteFactors(shape, 0, 0, 7, 7)], antiAliased: true);
        var large = ProceduralSprites.Render([new SpriteFactors(shape, ProceduralSprites.ScaleCount - 1, 0, 7, 7)], antiAliased: true);
        double ratio = Area(large.Image(0)) / Area(small.Image(0));
        Assert.InRange(ratio, 4 * 0.85, 4 * 1.15);

        var left = ProceduralSprites.Render([new SpriteFactors(shape, 3, 0, 2, 7)], antiAliased: true);
        var right = ProceduralSprites.Render([new SpriteFactors(shape, 3, 0, 12, 7)], antiAliased: true);
        Assert.Equal(10, CentroidX(right.Image(0)) - CentroidX(left.Image(0)), 0.05);
    }

    [Fact]
    public void At_one_scale_every_shape_covers_the_same_area()
    {
        // Scale is the size one sees: the four shapes' anti-aliased areas agree within 3 % at the largest
        // scale (the areas at radius 1 come from the shapes' closed forms and a quadrature for the heart).
        var sprites = ProceduralSprites.Render(Enum.GetValues<SpriteShape>()
            .Select(shape => new SpriteFactors(shape, ProceduralSprites.ScaleCount - 1, 3, 7, 7)).ToArray(), antiAliased: true);
        var areas = Enumerable.Range(0, sprites.Count).Select(i => Area(sprites.Image(i))).ToArray();
        Assert.InRange(areas.Max() / areas.Min(), 1, 1.03);
    }

    [Fact]
    public void Rotation_changes_the_ellipse_but_not_a_quarter_turned_square()
    {
        var square = ProceduralSprites.Render([new SpriteFactors(SpriteShape.Square, 5, 0, 7, 7), new SpriteFactors(SpriteShape.Square, 5, 10, 7, 7)]);
        Assert.Equal(square.Image(0).ToArray(), square.Image(1).ToArray());
        var ellipse = ProceduralSprites.Render([new SpriteFactors(SpriteShape.Ellipse, 5, 0, 7, 7), new SpriteFactors(SpriteShape.Ellipse, 5, 10, 7, 7)]);
        Assert.NotEqual(ellipse.Image(0).ToArray(), ellipse.Image(1).ToArray());
    }

    [Fact]
    public void Bad_factors_name_the_parameter()
    {
        Assert.Equal("factors", Assert.ThrowsAny<ArgumentException>(() => ProceduralSprites.Render([new SpriteFactors(SpriteShape.Heart, 6, 0, 0, 0)])).ParamName);
        Assert.Equal("factors", Assert.ThrowsAny<ArgumentException>(() => ProceduralSprites.Render([new SpriteFactors((SpriteShape)7, 0, 0, 0, 0)])).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => ProceduralSprites.Generate(-1, 0)).ParamName);
    }

    private static double Area(ReadOnlySpan<float> image)
    {
        double sum = 0;
        foreach (float p in image) sum += p;
        return sum;
    }

    private static double CentroidX(ReadOnlySpan<float> image)
    {
        double mass = 0, moment = 0;
        for (int i = 0; i < image.Length; i++)
        {
            mass += image[i];
            moment += image[i] * (i % ProceduralSprites.Size + 0.5);
        }
        return moment / mass;
    }
}
