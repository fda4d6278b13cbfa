using static TorchSharp.torch;

namespace CourseNotes.Charts;

/// <summary>
/// Lays square greyscale images out on a grid and returns it as a <see cref="PngImage"/>, which the notebook kernels
/// show as an image: reconstructions, samples from the prior, the latent grid, interpolations.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Reconstructions ».</remarks>
public static class ImageGrid
{
    /// <summary>The images of <paramref name="images"/> ([N, side²], values in [0, 1], white shapes on black) as a PNG grid.</summary>
    /// <param name="images">One image per row; the side is √D.</param>
    /// <param name="columns">Images per grid row, ≥ 1.</param>
    /// <param name="scale">Each pixel drawn as scale × scale pixels, 1 to 8.</param>
    public static PngImage Png(Tensor images, int columns, int scale = 2)
    {
        Guard.NotNull(images, nameof(images));
        if (images.dim() != 2) throw new ArgumentException($"images must be [N, D], got [{string.Join(", ", images.shape)}].", nameof(images));
        int side = (int)Math.Round(Math.Sqrt(images.shape[1]));
        if (side * side != images.shape[1]) throw new ArgumentException($"images of {images.shape[1]} pixels are not square.", nameof(images));
        using var values = images.detach().to_type(ScalarType.Float32).contiguous();
        return Png(values.data<float>().ToArray(), (int)images.shape[0], side, columns, scale);
    }

    /// <summary>The <paramref name="count"/> images of side <paramref name="side"/> stored one after another in <paramref name="pixels"/> (values in [0, 1]) as a PNG grid, separated by grey lines.</summary>
    public static PngImage Png(ReadOnlySpan<float> pixels, int count, int side, int columns, int scale = 2)
    {
        Guard.AtLeast(count, 1, nameof(count));
        Guard.AtLeast(side, 1, nameof(side));
        Guard.AtLeast(columns, 1, nameof(columns));
        if (scale is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must lie in 1…8.");
        if (pixels.Length != (long)count * side * side)
            throw new ArgumentException($"{count} images of {side}×{side} pixels expected, got {pixels.Length} values.", nameof(pixels));

        const int gap = 1;
        const byte separator = 128;
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        int tile = side * scale;
        int width = columns * tile + (columns + 1) * gap, height = rows * tile + (rows + 1) * gap;
        var canvas = new byte[width * height];
        Array.Fill(canvas, separator);
        for (int n = 0; n < count; n++)
        {
            int left = gap + (n % columns) * (tile + gap), top = gap + (n / columns) * (tile + gap);
            for (int y = 0; y < tile; y++)
                for (int x = 0; x < tile; x++)
                {
                    float v = pixels[n * side * side + (y / scale) * side + x / scale];
                    canvas[(top + y) * width + left + x] = (byte)Math.Round(255 * Math.Clamp(v, 0f, 1f));
                }
        }
        return new PngImage(Charts.Png.Greyscale(canvas, width, height));
    }
}
