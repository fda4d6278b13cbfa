using System.Buffers.Binary;
using System.Xml;

namespace CourseNotes.Site.Pages;

/// <summary>
/// An image's intrinsic size in pixels, for its <c>width</c>/<c>height</c> attributes (the browser then keeps its
/// place before it loads): a PNG's IHDR chunk, an SVG root's <c>width</c>/<c>height</c> (or its viewBox).
/// (0, 0) when it cannot tell.
/// </summary>
public static class ImageSize
{
    /// <summary>The size of a PNG from its first 24 bytes (signature and IHDR, big-endian width and height).</summary>
    public static (int Width, int Height) Png(ReadOnlySpan<byte> head) =>
        head.Length >= 24 && head[1] == (byte)'P' && head[2] == (byte)'N' && head[3] == (byte)'G'
            ? (BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]))
            : (0, 0);

    /// <summary>The size of the image file <paramref name="path"/> (PNG or SVG).</summary>
    public static (int Width, int Height) OfFile(string path)
    {
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[24];
            return stream.Read(head) == 24 ? Png(head) : (0, 0);
        }
        if (!path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) return (0, 0);
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            reader.MoveToContent();
            if (Pixels(reader.GetAttribute("width")) is int w && Pixels(reader.GetAttribute("height")) is int h) return (w, h);
            var box = (reader.GetAttribute("viewBox") ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            return box.Length == 4 && Pixels(box[2]) is int bw && Pixels(box[3]) is int bh ? (bw, bh) : (0, 0);
        }
        catch (XmlException) { return (0, 0); }
    }

    private static int? Pixels(string? value) =>
        value is not null && double.TryParse(value.EndsWith("px", StringComparison.Ordinal) ? value[..^2] : value,
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v > 0
            ? (int)Math.Round(v) : null;
}
