namespace CourseNotes.Datasets;

/// <summary>
/// Images with their generative factors: <see cref="Pixels"/> holds <see cref="Count"/> images of
/// <see cref="Height"/> × <see cref="Width"/> pixels in [0, 1], row-major, one after the other (the layout
/// of a TorchSharp tensor of shape [Count, Height·Width]).
/// </summary>
public sealed class SpriteDataset
{
    internal SpriteDataset(float[] pixels, SpriteFactors[] factors, int height, int width)
    {
        Pixels = pixels;
        Factors = factors;
        Height = height;
        Width = width;
    }

    /// <summary>All pixels, image after image, each row-major, in [0, 1].</summary>
    public float[] Pixels { get; }

    /// <summary>The factors of each image.</summary>
    public IReadOnlyList<SpriteFactors> Factors { get; }

    /// <summary>The number of images.</summary>
    public int Count => Factors.Count;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Image(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in 0 … {Count - 1}.");
        return Pixels.AsSpan(index * Height * Width, Height * Width);
    }

    /// <summary>The images as a TorchSharp tensor [Count, Height·Width] of float32, ready for a VAE.</summary>
    public TorchSharp.torch.Tensor ToTensor() => TorchSharp.torch.tensor(Pixels, [Count, Height * Width]);

    /// <summary>
    /// Writes the set as two IDX files (the MNIST format) in <paramref name="folder"/>:
    /// <c>{name}-images-idx3-ubyte</c> (grey levels 0 … 255, [Count, Height, Width]) and
    /// <c>{name}-factors-idx2-ubyte</c> ([Count, 5]: shape, scale, rotation, x, y), so other tools can read it.
    /// </summary>
    public (string Images, string Factors) ExportIdx(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var bytes = new byte[Pixels.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)MathF.Round(Math.Clamp(Pixels[i], 0f, 1f) * 255f);
        var factors = Factors.SelectMany(f => f.ToArray()).Select(v => (byte)v).ToArray();
        string images = Path.Combine(folder, $"{name}-images-idx3-ubyte");
        string labels = Path.Combine(folder, $"{name}-factors-idx2-ubyte");
        IdxFile.Write(images, new IdxArray(bytes, [Count, Height, Width]));
        IdxFile.Write(labels, new IdxArray(factors, [Count, SpriteFactors.Names.Count]));
        return (images, labels);
    }
}
