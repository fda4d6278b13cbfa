using System.Buffers.Binary;
using System.IO.Compression;
using CourseNotes.Charts;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Charts;

public class ImageGridTests
{
    // An independent reading of the PNG: chunk CRCs checked with System.IO.Hashing-free arithmetic is
    // Png's own code, so here only structure and pixels are read back through zlib.
    private static (int Width, int Height, byte[] Pixels) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int offset = 8, width = 0, height = 0;
        var idat = new MemoryStream();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR") { width = BinaryPrimitives.ReadInt32BigEndian(data); height = BinaryPrimitives.ReadInt32BigEndian(data[4..]); Assert.Equal(8, data[8]); Assert.Equal(0, data[9]); }
            if (type == "IDAT") idat.Write(data);
            offset += 12 + length;
        }
        idat.Position = 0;
        var raw = new MemoryStream();
        new ZLibStream(idat, CompressionMode.Decompress).CopyTo(raw);
        var rows = raw.ToArray();
        Assert.Equal(height * (width + 1), rows.Length);
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, rows[y * (width + 1)]);
            Array.Copy(rows, y * (width + 1) + 1, pixels, y * width, width);
        }
        return (width, height, pixels);
    }

    [Fact]
    public void Png_round_trips_through_zlib_and_matches_a_CRC_of_reference()
    {
        var pixels = Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray();
        var png = Png.Greyscale(pixels, 4, 3);
        var (w, h, back) = Decode(png);
        Assert.Equal((4, 3), (w, h));
        Assert.Equal(pixels, back);
        // IEND's CRC is fixed by the PNG specification: AE 42 60 82.
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]);
        Assert.Equal(png, Png.Greyscale(pixels, 4, 3));
    }

    [Fact]
    public void A_grid_places_each_scaled_image_between_grey_lines()
    {
        using var images = tensor(new float[] { 0, 1, 1, 0, 1, 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f }, [3, 4]);
        var (w, h, pixels) = Decode(ImageGrid.Png(images, columns: 2, scale: 2).Bytes);
        Assert.Equal((2 * 4 + 3, 2 * 4 + 3), (w, h));
        Assert.Equal(128, pixels[0]);
        Assert.Equal(0, pixels[1 * w + 1]);     // image 0, pixel (0, 0), first copy
        Assert.Equal(255, pixels[1 * w + 3]);   // image 0, pixel (0, 1)
        Assert.Equal(255, pixels[1 * w + 6]);   // image 1, all white
        Assert.Equal(128, pixels[6 * w + 1]);   // image 2 at row 2, grey 0.5 → 128
        Assert.Equal(128, pixels[6 * w + 6]);   // the missing fourth image stays background
        Assert.Throws<ArgumentException>(() => ImageGrid.Png(ones(2, 5), 2));
    }

    [Fact]
    public void A_picture_formats_as_base64_png_the_way_both_kernels_ask_for_it()
    {
        var image = ImageGrid.Png(new float[] { 0, 1, 1, 0 }, count: 1, side: 2, columns: 1, scale: 1);
        Assert.Equal(["image/png"], Microsoft.DotNet.Interactive.Formatting.Formatter.GetPreferredMimeTypesFor(typeof(PngImage)));
        Assert.Equal(Convert.ToBase64String(image.Bytes), Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(image, "image/png"));
        Assert.Throws<ArgumentException>(() => new PngImage([1, 2, 3]));
    }
}
