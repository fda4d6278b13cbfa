using System.IO.Compression;
using CourseNotes.Datasets;

namespace CourseNotes.Tests.Datasets;

public class IdxFileTests
{
    private static string NewFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public void Round_trip_keeps_shape_and_values_with_the_MNIST_header()
    {
        string path = Path.Combine(NewFolder(), "t10k-images-idx3-ubyte");
        var array = new IdxArray(Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray(), [2, 3, 4]);
        IdxFile.Write(path, array);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4 }, bytes[..16]);
        var back = IdxFile.Read(path);
        Assert.Equal(array.Shape, back.Shape);
        Assert.Equal(array.Data, back.Data);
    }

    [Fact]
    public void Gzipped_files_are_read_as_distributed()
    {
        string folder = NewFolder();
        string plain = Path.Combine(folder, "labels-idx1-ubyte");
        IdxFile.Write(plain, new IdxArray([1, 2, 3], [3]));
        using (var source = File.OpenRead(plain))
        using (var target = new GZipStream(File.Create(plain + ".gz"), CompressionLevel.Optimal))
            source.CopyTo(target);
        Assert.Equal(new byte[] { 1, 2, 3 }, IdxFile.Read(plain + ".gz").Data);
    }

    [Fact]
    public void Truncated_and_wrong_magic_files_give_clear_errors()
    {
        string folder = NewFolder();
        string truncated = Path.Combine(folder, "truncated");
        IdxFile.Write(truncated, new IdxArray(new byte[100], [10, 10]));
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..50]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(truncated));
        Assert.Contains("truncated: the header announces 100 values ([10, 10]), the file holds 38", e.Message);
        Assert.Contains(truncated, e.Message);

        string wrong = Path.Combine(folder, "wrong");
        File.WriteAllBytes(wrong, [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0]);
        Assert.Contains("not an IDX file", Assert.Throws<InvalidDataException>(() => IdxFile.Read(wrong)).Message);

        string floats = Path.Combine(folder, "floats");
        File.WriteAllBytes(floats, [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Contains("type 0x0D is not supported", Assert.Throws<InvalidDataException>(() => IdxFile.Read(floats)).Message);

        string header = Path.Combine(folder, "header");
        File.WriteAllBytes(header, [0, 0, 8, 3, 0, 0, 0, 1]);
        Assert.Contains("truncated in the header", Assert.Throws<InvalidDataException>(() => IdxFile.Read(header)).Message);
    }

    [Fact]
    public void The_sprites_export_to_IDX_with_their_factors()
    {
        var set = ProceduralSprites.Generate(50, seed: 9, antiAliased: true);
        var (images, factors) = set.ExportIdx(NewFolder(), "sprites");
        var pixels = IdxFile.Read(images);
        Assert.Equal([50, 28, 28], pixels.Shape);
        Assert.Equal((byte)MathF.Round(set.Pixels[400] * 255), pixels.Data[400]);
        var labels = IdxFile.Read(factors);
        Assert.Equal([50, 5], labels.Shape);
        Assert.Equal(set.Factors[7].ToArray(), labels.Data[35..40].Select(b => (int)b));
    }

    [Fact]
    public void Writing_checks_the_shape()
    {
        Assert.Equal("array", Assert.ThrowsAny<ArgumentException>(() => IdxFile.Write(Path.Combine(NewFolder(), "x"), new IdxArray(new byte[5], [2, 3]))).ParamName);
    }
}
