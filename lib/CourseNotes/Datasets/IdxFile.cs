using System.Buffers.Binary;
using System.IO.Compression;

namespace CourseNotes.Datasets;

/// <summary>An n-dimensional array of bytes as stored in an IDX file, with its shape.</summary>
/// <param name="Data">The values, row-major.</param>
/// <param name="Shape">The dimensions; their product is the length of <paramref name="Data"/>.</param>
public sealed record IdxArray(byte[] Data, int[] Shape);

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: a magic number <c>00 00 08 n</c> (unsigned bytes, n
/// dimensions), n big-endian 32-bit sizes, then the values. Files ending in <c>.gz</c> are read through
/// gzip, as they are distributed. A user who has the original files points a notebook at their folder.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Les données ».</remarks>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes; a malformed or truncated file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static IdxArray Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> magic = stackalloc byte[4];
        if (!ReadFully(stream, magic))
            throw new InvalidDataException($"{path}: too short for an IDX file (no 4-byte magic number).");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException($"{path}: not an IDX file (magic number {Convert.ToHexString(magic)} does not start with 0000).");
        if (magic[2] != UnsignedByte)
            throw new InvalidDataException($"{path}: IDX type 0x{magic[2]:X2} is not supported (only unsigned bytes, 0x08).");
        int dimensions = magic[3];
        if (dimensions is < 1 or > 8)
            throw new InvalidDataException($"{path}: {dimensions} dimensions is not a valid IDX array (1 to 8).");
        var shape = new int[dimensions];
        Span<byte> size = stackalloc byte[4];
        long total = 1;
        for (int d = 0; d < dimensions; d++)
        {
            if (!ReadFully(stream, size)) throw new InvalidDataException($"{path}: truncated in the header (dimension {d + 1} of {dimensions}).");
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (shape[d] < 0) throw new InvalidDataException($"{path}: dimension {d + 1} is negative ({shape[d]}).");
            total *= shape[d];
        }
        if (total > Array.MaxLength) throw new InvalidDataException($"{path}: {total} values is more than one array holds.");
        var data = new byte[total];
        int read = ReadAvailable(stream, data);
        if (read < total)
            throw new InvalidDataException($"{path}: truncated: the header announces {total} values ([{string.Join(", ", shape)}]), the file holds {read}.");
        return new IdxArray(data, shape);
    }

    /// <summary>Writes <paramref name="array"/> as an IDX file of unsigned bytes, atomically (written aside, then renamed).</summary>
    public static void Write(string path, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        long total = array.Shape.Aggregate(1L, (a, b) => a * b);
        if (array.Shape.Length is < 1 or > 8 || array.Shape.Any(d => d < 0))
            throw new ArgumentException("an IDX shape has 1 to 8 non-negative dimensions.", nameof(array));
        if (total != array.Data.Length)
            throw new ArgumentException($"the shape [{string.Join(", ", array.Shape)}] holds {total} values, the data {array.Data.Length}.", nameof(array));
        string aside = path + ".tmp";
        using (var stream = File.Create(aside))
        {
            stream.Write([0, 0, UnsignedByte, (byte)array.Shape.Length]);
            Span<byte> size = stackalloc byte[4];
            foreach (int d in array.Shape)
            {
                BinaryPrimitives.WriteInt32BigEndian(size, d);
                stream.Write(size);
            }
            stream.Write(array.Data);
        }
        File.Move(aside, path, overwrite: true);
    }

    private static bool ReadFully(Stream stream, Span<byte> buffer) => ReadAvailable(stream, buffer) == buffer.Length;

    private static int ReadAvailable(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
