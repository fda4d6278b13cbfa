using System.IO.Compression;
using CourseNotes.Datasets;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Tests.Datasets;

public class FashionMnistTests
{
    private static string NewFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Writes a tiny data set in the distributed layout: 3 training and 2 test images, gzipped.</summary>
    private static string TinyDataSet(byte trainLabel = 9)
    {
        string folder = NewFolder();
        void Gz(string name, IdxArray array)
        {
            string raw = Path.Combine(folder, name[..^3]);
            IdxFile.Write(raw, array);
            using (var input = File.OpenRead(raw))
            using (var output = new GZipStream(File.Create(Path.Combine(folder, name)), CompressionLevel.Fastest))
                input.CopyTo(output);
            File.Delete(raw);
        }
        Gz("train-images-idx3-ubyte.gz", new IdxArray(Enumerable.Range(0, 3 * 784).Select(i => (byte)(i % 256)).ToArray(), [3, 28, 28]));
        Gz("train-labels-idx1-ubyte.gz", new IdxArray([0, 5, trainLabel], [3]));
        Gz("t10k-images-idx3-ubyte.gz", new IdxArray(new byte[2 * 784], [2, 28, 28]));
        Gz("t10k-labels-idx1-ubyte.gz", new IdxArray([1, 2], [2]));
        return folder;
    }

    [Fact]
    public void An_explicit_folder_is_read_with_images_and_labels()
    {
        string folder = TinyDataSet();
        var train = FashionMnist.Load(FashionMnistPart.Train, folder);
        Assert.Equal(3, train.Count);
        Assert.Equal([0, 5, 9], train.Labels);
        Assert.Equal(783 % 256 / 255f, train.Image(0)[783]);
        Assert.Equal("bottine", FashionMnist.ClassNames[train.Labels[2]]);
        Assert.Equal(2, FashionMnist.Load(FashionMnistPart.Test, folder).Count);
    }

    [Fact]
    public void The_explicit_folder_comes_first_then_the_cache_then_Debian()
    {
        var folders = FashionMnist.SearchFolders("/x/y");
        Assert.Equal("/x/y", folders[0]);
        Assert.Equal(FashionMnist.DebianFolder, folders[^1]);
        Assert.Equal(FashionMnist.CacheFolder, folders[^2]);
    }

    [Fact]
    public void Missing_files_name_every_folder_looked_at_and_how_to_get_them()
    {
        string first = NewFolder(), second = Path.Combine(NewFolder(), "absent");
        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Locate([first, second]));
        Assert.Contains(first, error.Message);
        Assert.Contains(second, error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("FashionMnist.DownloadAsync", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void An_explicit_folder_without_the_files_is_passed_over_aloud_naming_the_folder_read_instead()
    {
        string debian = Path.Combine(FashionMnist.DebianFolder, "t10k-labels-idx1-ubyte.gz");
        Requirements.That(File.Exists(debian), "needs Debian's Fashion-MNIST (apt-get install dataset-fashion-mnist)");
        Requirements.That(Environment.GetEnvironmentVariable(FashionMnist.DataEnvironmentVariable) is null, "COURSENOTES_DATA is set: the usual places are not Debian's folder alone");
        string empty = NewFolder(), full = TinyDataSet();
        var error = Console.Error;
        var written = new StringWriter();
        try
        {
            Console.SetError(TextWriter.Synchronized(written));
            Assert.Equal(10_000, FashionMnist.Load(FashionMnistPart.Test, empty).Count);
            Assert.Equal(2, FashionMnist.Load(FashionMnistPart.Test, full).Count); // a folder that holds them: read, no line
        }
        finally { Console.SetError(error); }
        string said = written.ToString();
        Assert.Contains($"«\u00A0{empty}\u00A0» ne contient pas les quatre fichiers", said);
        Assert.Contains($"does not hold the four files; read from {Path.GetFullPath(FashionMnist.Locate())}", said);
        Assert.DoesNotContain(full, said);
    }

    [Fact]
    public void A_folder_with_only_some_of_the_files_is_passed_over()
    {
        string partial = TinyDataSet(), full = TinyDataSet();
        File.Delete(Path.Combine(partial, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal(full, FashionMnist.Locate([partial, full]));
    }

    [Fact]
    public void A_label_outside_the_ten_classes_is_an_error_naming_the_file()
    {
        string folder = TinyDataSet(trainLabel: 10);
        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(FashionMnistPart.Train, folder));
        Assert.Contains("train-labels-idx1-ubyte.gz", error.Message);
    }

    [Fact]
    public void Binarised_pixels_have_their_grey_level_as_mean_and_are_reproducible()
    {
        string folder = TinyDataSet();
        var train = FashionMnist.Load(FashionMnistPart.Train, folder);
        using var a = train.Binarize(seed: 3);
        using var b = train.Binarize(seed: 3);
        using var c = train.Binarize(seed: 4);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(a.equal(c).all().item<bool>());
        float[] bits = a.data<float>().ToArray();
        Assert.All(bits, v => Assert.True(v is 0f or 1f));
        // Grey level 0 is always black and 255 always white.
        Assert.Equal(0f, bits[0]);
        Assert.Equal(1f, bits[255]);
        // The mean of the bits is the mean grey level / 255 within 4 standard errors (Bernoulli draws).
        double expected = train.GreyLevels.Average(g => g / 255.0);
        double variance = train.GreyLevels.Average(g => g / 255.0 * (1 - g / 255.0)) / bits.Length;
        Assert.InRange(bits.Average(), expected - 4 * Math.Sqrt(variance), expected + 4 * Math.Sqrt(variance));
    }

    [Fact]
    public void The_Debian_package_gives_60000_and_10000_images_in_ten_balanced_classes()
    {
        Requirements.That(File.Exists(Path.Combine(FashionMnist.DebianFolder, "t10k-labels-idx1-ubyte.gz")),
            "needs Debian's Fashion-MNIST (apt-get install dataset-fashion-mnist)");
        var train = FashionMnist.Load(FashionMnistPart.Train, FashionMnist.DebianFolder);
        var test = FashionMnist.Load(FashionMnistPart.Test, FashionMnist.DebianFolder);
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6_000, train.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1_000, test.Labels.Count(l => l == c)));
    }
}
