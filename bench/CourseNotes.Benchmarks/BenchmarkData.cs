using CourseNotes.Datasets;
using static TorchSharp.torch;

/// <summary>
/// The training and held-out images of a benchmark run, binary (0/1) so that the Bernoulli decoder is a likelihood:
/// Fashion-MNIST binarised with a seed (training set seed 0, test set seed 1), or the procedural sprites (binary by
/// construction). Both are exported to IDX files (0 → 0, 1 → 255) for the PyTorch reference, which divides by 255:
/// the two sides train on the same bits.
/// </summary>
internal sealed class BenchmarkData(string name, Tensor train, Tensor test, SpriteDataset? sprites, SpriteDataset? spriteTest)
{
    public string Name { get; } = name;
    public Tensor Train { get; } = train;
    public Tensor Test { get; } = test;
    /// <summary>The sprites with their factors (disentanglement measures), or null for Fashion-MNIST.</summary>
    public SpriteDataset? Sprites { get; } = sprites;
    public SpriteDataset? SpriteTest { get; } = spriteTest;
    public long Count => Train.shape[0];

    public static BenchmarkData FashionMnist(int images)
    {
        var train = CourseNotes.Datasets.FashionMnist.Load(FashionMnistPart.Train);
        var test = CourseNotes.Datasets.FashionMnist.Load(FashionMnistPart.Test);
        if (images < train.Count) train = train.Take(images);
        return new BenchmarkData($"Fashion-MNIST binarised, {train.Count} training images", train.Binarize(seed: 0), test.Binarize(seed: 1), null, null);
    }

    public static BenchmarkData ProceduralSprites(int images)
    {
        var sprites = CourseNotes.Datasets.ProceduralSprites.Generate(images, seed: 1);
        var test = CourseNotes.Datasets.ProceduralSprites.Generate(2_000, seed: 2);
        return new BenchmarkData($"procedural sprites, {images} training images", sprites.ToTensor(), test.ToTensor(), sprites, test);
    }

    /// <summary>Writes the training and test images as IDX files of 0/255 bytes in <paramref name="folder"/>; returns their paths.</summary>
    public (string Train, string Test) ExportIdx(string folder)
    {
        Directory.CreateDirectory(folder);
        string Write(Tensor images, string name)
        {
            float[] values = images.data<float>().ToArray();
            var bytes = new byte[values.Length];
            for (int i = 0; i < values.Length; i++) bytes[i] = values[i] >= 0.5f ? (byte)255 : (byte)0;
            string path = Path.Combine(folder, $"{name}-images-idx3-ubyte");
            IdxFile.Write(path, new IdxArray(bytes, [(int)images.shape[0], 28, 28]));
            return path;
        }
        return (Write(Train, "train"), Write(Test, "test"));
    }
}
