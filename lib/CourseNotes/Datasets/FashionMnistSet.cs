using TorchSharp;

namespace CourseNotes.Datasets;

/// <summary>
/// Images of Fashion-MNIST with their labels: <see cref="GreyLevels"/> holds <see cref="Count"/> images of
/// 28 × 28 grey levels 0 … 255, row-major, one after the other; <see cref="Labels"/> their classes 0 … 9
/// (<see cref="FashionMnist.ClassNames"/>).
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Les données ».</remarks>
public sealed class FashionMnistSet
{
    internal FashionMnistSet(byte[] greyLevels, byte[] labels)
    {
        if (greyLevels.Length != labels.Length * FashionMnist.Pixels)
            throw new ArgumentException($"{greyLevels.Length} grey levels for {labels.Length} labels: expected {labels.Length * FashionMnist.Pixels}.");
        GreyLevels = greyLevels;
        Labels = labels;
    }

    /// <summary>All grey levels (0 black … 255 white), image after image, each row-major.</summary>
    public byte[] GreyLevels { get; }

    /// <summary>The class of each image, 0 … 9.</summary>
    public byte[] Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The first <paramref name="count"/> images (1 ≤ count ≤ <see cref="Count"/>), sharing nothing with this set.</summary>
    public FashionMnistSet Take(int count)
    {
        if (count < 1 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must lie in 1 … {Count}.");
        return new FashionMnistSet(GreyLevels[..(count * FashionMnist.Pixels)], Labels[..count]);
    }

    /// <summary>The grey levels of image <paramref name="index"/> divided by 255, in [0, 1].</summary>
    public float[] Image(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in 0 … {Count - 1}.");
        var image = new float[FashionMnist.Pixels];
        for (int i = 0; i < image.Length; i++) image[i] = GreyLevels[index * FashionMnist.Pixels + i] / 255f;
        return image;
    }

    /// <summary>The grey levels divided by 255, as a float32 tensor [Count, 784] with values in [0, 1].</summary>
    public torch.Tensor ToTensor()
    {
        var pixels = new float[GreyLevels.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = GreyLevels[i] / 255f;
        return torch.tensor(pixels, [Count, FashionMnist.Pixels]);
    }

    /// <summary>
    /// Binary images for a Bernoulli decoder: pixel j of image i is 1 with probability g/255 (g its grey
    /// level), drawn once from a generator seeded by (<paramref name="seed"/>, i) — so a pixel's expected value
    /// is its grey level, two calls with the same seed give the same bits on every machine, and an image's
    /// bits do not depend on which other images are in the set. Returns a float32 tensor [Count, 784] of 0 and 1.
    /// </summary>
    public torch.Tensor Binarize(int seed)
    {
        var bits = new float[GreyLevels.Length];
        Parallel.For(0, Count, i =>
        {
            ulong state = SplitMix.Seed(seed, i);
            int offset = i * FashionMnist.Pixels;
            for (int j = 0; j < FashionMnist.Pixels; j++)
            {
                // 24 random bits compared with g/255 scaled to the same range: exact for g = 0 and g = 255.
                uint u = (uint)(SplitMix.Next(ref state) >> 40);
                bits[offset + j] = u * 255UL < (ulong)GreyLevels[offset + j] << 24 ? 1f : 0f;
            }
        });
        return torch.tensor(bits, [Count, FashionMnist.Pixels]);
    }

    /// <summary>The labels as an int64 tensor [Count].</summary>
    public torch.Tensor LabelTensor() => torch.tensor(Labels.Select(l => (long)l).ToArray(), [Count]);

    /// <summary>The labels one-hot encoded, a float32 tensor [Count, 10] (the condition of a conditional VAE).</summary>
    public torch.Tensor OneHotLabels() => torch.nn.functional.one_hot(LabelTensor(), FashionMnist.ClassCount).to_type(torch.ScalarType.Float32);

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): a small generator with the same output on every platform.</summary>
    private static class SplitMix
    {
        public static ulong Seed(int seed, int stream) => ((ulong)(uint)seed << 32 | (uint)stream) * 0xD1B54A32D192ED03UL ^ 0x9E3779B97F4A7C15UL;

        public static ulong Next(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
