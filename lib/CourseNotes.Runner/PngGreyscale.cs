using System.Buffers.Binary;
using System.IO.Compression;

namespace CourseNotes.Runner;

/// <summary>
/// Reads the pixels of an 8-bit greyscale, non-interlaced PNG (the course's image grids), undoing the five
/// PNG row filters, so that two images can be compared within a tolerance rather than byte for byte.
/// Anything else (colour, other depths, interlacing) is not read: the caller then compares bytes.
/// </summary>
public static class PngGreyscale
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width, height and row-major grey levels of <paramref name="png"/>, or null when it is not an 8-bit greyscale PNG.</summary>
    public static (int Width, int Height, byte[] Pixels)? TryRead(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) return null;
        int offset = 8, width = 0, height = 0;
        var compressed = new MemoryStream();
        while (offset + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12L + length > png.Length) return null;
            var type = png.AsSpan(offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[9] != 0 || data[12] != 0 || width <= 0 || height <= 0) return null;
            }
            else if (type.SequenceEqual("IDAT"u8)) compressed.Write(data);
            offset += 12 + length;
        }
        if (width == 0) return null;
        compressed.Position = 0;
        var raw = new MemoryStream();
        try { using var zlib = new ZLibStream(compressed, CompressionMode.Decompress); zlib.CopyTo(raw); }
        catch (InvalidDataException) { return null; }
        var rows = raw.ToArray();
        if (rows.Length != (long)height * (width + 1)) return null;
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = rows[y * (width + 1)];
            for (int x = 0; x < width; x++)
            {
                int a = x > 0 ? pixels[y * width + x - 1] : 0, b = y > 0 ? pixels[(y - 1) * width + x] : 0, c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => -1 };
                if (predictor < 0) return null;
                pixels[y * width + x] = (byte)(rows[y * (width + 1) + 1 + x] + predictor);
            }
        }
        return (width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
