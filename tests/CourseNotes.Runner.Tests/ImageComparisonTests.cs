using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace CourseNotes.Runner.Tests;

public class ImageComparisonTests
{
    // A greyscale PNG written here independently of the course library; rows use the Sub filter (1) when asked,
    // so the reader's unfiltering is exercised. CRCs are left at zero: the comparison reads pixels only.
    private static string Png(byte[,] pixels, bool subFilter = false)
    {
        int height = pixels.GetLength(0), width = pixels.GetLength(1);
        var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(subFilter ? (byte)1 : (byte)0);
                for (int x = 0; x < width; x++)
                    zlib.WriteByte(subFilter && x > 0 ? (byte)(pixels[y, x] - pixels[y, x - 1]) : pixels[y, x]);
            }
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] data)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            png.Write(System.Text.Encoding.ASCII.GetBytes(type));
            png.Write(data);
            png.Write(new byte[4]);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        Chunk("IHDR", header);
        Chunk("IDAT", raw.ToArray());
        Chunk("IEND", []);
        return Convert.ToBase64String(png.ToArray());
    }

    private static JsonArray Output(string base64) =>
        [new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["image/png"] = base64 }, ["metadata"] = new JsonObject() }];

    private static byte[,] Gradient(int shift) => new byte[,] { { 0, (byte)(100 + shift), 200 }, { 50, 150, (byte)(250 - shift) } };

    [Fact]
    public void Filtered_rows_decode_to_the_same_pixels()
    {
        var plain = PngGreyscale.TryRead(Convert.FromBase64String(Png(Gradient(0))))!.Value;
        var sub = PngGreyscale.TryRead(Convert.FromBase64String(Png(Gradient(0), subFilter: true)))!.Value;
        Assert.Equal((3, 2), (plain.Width, plain.Height));
        Assert.Equal(new byte[] { 0, 100, 200, 50, 150, 250 }, plain.Pixels);
        Assert.Equal(plain.Pixels, sub.Pixels);
        Assert.Null(PngGreyscale.TryRead([1, 2, 3]));
    }

    [Fact]
    public void Images_agree_within_the_cells_tolerance_and_differ_beyond_it()
    {
        var config = new VerifyConfig();
        var stored = Output(Png(Gradient(0)));
        var shifted = Output(Png(Gradient(6), subFilter: true)); // two pixels off by 6: mean difference 2 grey levels
        Assert.Null(OutputComparer.FirstDifference(stored, Output(Png(Gradient(0), subFilter: true)), config, new Tolerance(1e-6, 1e-9)));
        Assert.Contains("mean grey-level difference 2", OutputComparer.FirstDifference(stored, shifted, config, new Tolerance(1e-6, 1e-9)));
        Assert.Null(OutputComparer.FirstDifference(stored, shifted, config, new Tolerance(0.01, 0)));
        Assert.Contains("is now", OutputComparer.FirstDifference(stored, Output(Png(new byte[,] { { 1 } })), config, new Tolerance(1, 0)));
    }
}
