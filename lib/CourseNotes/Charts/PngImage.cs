using Microsoft.DotNet.Interactive.Formatting;

namespace CourseNotes.Charts;

/// <summary>
/// A PNG picture that notebooks show as an image: its type registers, with the formatter library the
/// Polyglot C# kernel and the project's kernel share (Microsoft.DotNet.Interactive.Formatting), an
/// <c>image/png</c> formatter (base64) and makes it the preferred MIME type, so a cell that ends with a
/// <see cref="PngImage"/> displays a picture in both kernels.
/// </summary>
/// <remarks>Made by <see cref="ImageGrid"/>; taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>.</remarks>
public sealed class PngImage
{
    static PngImage()
    {
        Formatter.Register<PngImage>(image => Convert.ToBase64String(image.Bytes), "image/png");
        Formatter.SetPreferredMimeTypesFor(typeof(PngImage), "image/png");
    }

    /// <summary>Wraps the bytes of a PNG file.</summary>
    /// <param name="bytes">A PNG file (it must start with the PNG signature).</param>
    public PngImage(byte[] bytes)
    {
        Guard.NotNull(bytes, nameof(bytes));
        if (bytes.Length < 8 || bytes[0] != 0x89 || bytes[1] != (byte)'P' || bytes[2] != (byte)'N' || bytes[3] != (byte)'G')
            throw new ArgumentException("the bytes are not a PNG file.", nameof(bytes));
        Bytes = bytes;
    }

    /// <summary>The PNG file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Writes the picture to <paramref name="path"/> (for a report or the course's images/).</summary>
    public void Save(string path) => File.WriteAllBytes(path, Bytes);
}
