using CourseNotes.Notebooks;

namespace CourseNotes.Site.Pages;

/// <summary>
/// The site's <c>media/</c> folder: files taken out of the pages (output images, live outputs' scripts, charts' data),
/// each named after its content — <c>media/PREFIX</c> and the first 16 hexadecimal digits of the SHA-256 of its bytes
/// (64 bits: a collision among a site's few hundred files has a probability below 10<sup>-14</sup>) — so that the
/// same content, on two pages or in both handouts, is one file, and a name never changes unless the content does.
/// </summary>
public static class MediaFolder
{
    /// <summary>The folder's name, under the site's output folder.</summary>
    public const string Name = "media";

    /// <summary>The site-relative address <c>media/{prefix}{hash}.{extension}</c> of a file whose name is made from <paramref name="key"/>.</summary>
    /// <param name="key">The bytes hashed: the file's content, or what determines it (a chart's JSON inside its data file).</param>
    /// <param name="extension">The file's extension, without its dot (<c>png</c>, <c>js</c>).</param>
    /// <param name="prefix">What the name starts with (<c>chart-</c>, <c>live-</c>), or nothing.</param>
    public static string Address(ReadOnlySpan<byte> key, string extension, string prefix = "") =>
        $"{Name}/{prefix}{AtomicFile.Hash(key)[..16]}.{extension}";

    /// <summary>Stores <paramref name="content"/> under <paramref name="output"/> at the address its own hash gives (<see cref="Address"/>).</summary>
    /// <returns>The site-relative address.</returns>
    public static string Store(string output, byte[] content, string extension, string prefix = "") =>
        Write(output, Address(content, extension, prefix), content);

    /// <summary>
    /// Writes <paramref name="content"/> at <paramref name="address"/> (from <see cref="Address"/>) under <paramref name="output"/>,
    /// unless a file is there already: the address is made from the content, so that file has the same bytes.
    /// The output folder is the build's staging folder (<see cref="SiteOutput"/>), which replaces the site as a whole.
    /// </summary>
    /// <returns><paramref name="address"/>.</returns>
    public static string Write(string output, string address, byte[] content)
    {
        string path = Path.Combine(output, address);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) File.WriteAllBytes(path, content);
        return address;
    }
}
