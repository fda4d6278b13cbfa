using AngleSharp.Dom;

namespace CourseNotes.Site.Pages;

/// <summary>
/// What a page may publish: the local files its images and links name must lie inside the course folder
/// (the folder of <c>course.yml</c>), and an image must have an image extension. Anything else — a path that
/// climbs out with <c>../..</c>, an absolute path, a <c>file:</c> URL, a remote image (the site loads nothing
/// from another host), a symbolic link whose target lies outside — fails the build, naming the notebook, the
/// cell and the path, whether it was written in Markdown or stored in a <c>text/html</c> output. Web links
/// (<c>http</c>, <c>https</c>, <c>mailto</c>) and anchors are links, not files: they are left alone.
/// </summary>
public static class CourseFiles
{
    /// <summary>The extensions of the images a page may show (compared without case).</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"], StringComparer.OrdinalIgnoreCase);

    // Attributes that name a file the browser loads (a resource) or goes to (a link).
    private static readonly (string Selector, string Attribute, bool Resource)[] References =
    [
        ("img[src]", "src", true), ("img[srcset]", "srcset", true), ("source[src]", "src", true), ("source[srcset]", "srcset", true),
        ("video[src]", "src", true), ("video[poster]", "poster", true), ("audio[src]", "src", true), ("track[src]", "src", true),
        ("iframe[src]", "src", true), ("embed[src]", "src", true), ("object[data]", "data", true), ("input[src]", "src", true),
        ("link[href]", "href", true), ("script[src]", "src", true), ("image[href]", "href", true),
        ("a[href]", "href", false), ("area[href]", "href", false), ("form[action]", "action", false),
    ];

    /// <summary>
    /// Checks every file reference of <paramref name="document"/>; copies each local image into <c>media/</c> under
    /// <paramref name="output"/> and points the image at its copy. Throws <see cref="SiteBuildException"/> on the first reference that is not a course file.
    /// </summary>
    /// <param name="document">The page.</param>
    /// <param name="courseRoot">The course folder: nothing outside it is published.</param>
    /// <param name="sourceFolder">The folder of the page's source (relative paths start there).</param>
    /// <param name="output">The site folder.</param>
    /// <param name="where">Names the notebook, cell and line of an element, given the text to find in the cell.</param>
    public static void Publish(IDocument document, string courseRoot, string sourceFolder, string output, Func<IElement, string, string> where)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(courseRoot)) + Path.DirectorySeparatorChar;
        foreach (var (selector, attribute, resource) in References)
            foreach (var element in document.QuerySelectorAll(selector))
            {
                string value = element.GetAttribute(attribute) ?? "";
                var urls = attribute == "srcset" ? SrcSet(value) : [value];
                foreach (string url in urls)
                {
                    string? file = Check(url, resource, element.LocalName == "img" || element.LocalName == "source" || element.LocalName == "image", root, sourceFolder,
                        why => new SiteBuildException($"{where(element, url)}: {why}"));
                    if (file is not null && element.LocalName == "img" && attribute == "src") Copy(element, file, output);
                }
            }
    }

    /// <summary>
    /// The full path of the course file <paramref name="url"/> names, or null when it names no file (an anchor, a
    /// web link, an embedded <c>data:</c> image, a <c>javascript:</c> link — left to <see cref="HtmlTrust"/>).
    /// </summary>
    /// <param name="url">The attribute's value.</param>
    /// <param name="resource">Whether the browser loads it (an image, a frame) rather than following it (a link).</param>
    /// <param name="image">Whether it must be an image.</param>
    /// <param name="root">The course folder, ending with a separator.</param>
    /// <param name="sourceFolder">Where relative paths start.</param>
    /// <param name="error">Makes the exception for a reason.</param>
    public static string? Check(string url, bool resource, bool image, string root, string sourceFolder, Func<string, Exception> error)
    {
        string trimmed = url.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#')) return null;
        string scheme = Scheme(trimmed);
        if (scheme is "data" or "javascript" or "vbscript") return null;
        if (scheme is "http" or "https" or "mailto")
        {
            if (resource) throw error($"{url} is on another host; the site loads nothing from another host: copy the file into the course folder.");
            return null;
        }
        if (scheme.Length > 0) throw error($"{url}: only files inside the course folder are published ({scheme}: is not allowed).");
        string path = Uri.UnescapeDataString(trimmed.Split('#', '?')[0]);
        if (path.Length == 0) return null;
        if (Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\'))
            throw error($"{url} is an absolute path; only files inside the course folder are published (write a path relative to the notebook).");
        string full = Path.GetFullPath(Path.Combine(sourceFolder, path));
        if (!Inside(full, root)) throw error($"{url} lies outside the course folder {root}; only course files are published.");
        if (!resource)
        {
            if (File.Exists(full) && RealPath(full) is { } target && !Inside(target, root) && !Inside(target, RealRoot(root)))
                throw error($"{url} is a link to {target}, outside the course folder; only course files are published.");
            return null; // a link to a page or file of the course: nothing to copy
        }
        if (image && !ImageExtensions.Contains(Path.GetExtension(full)))
            throw error($"{url} is not an image ({string.Join(", ", ImageExtensions)}); only course images are published.");
        if (!File.Exists(full)) throw error($"the image {url} does not exist.");
        string real = RealPath(full) ?? full;
        if (!Inside(real, root) && !Inside(real, RealRoot(root))) throw error($"{url} is a link to {real}, outside the course folder; only course files are published.");
        return full;
    }

    private static void Copy(IElement image, string file, string output)
    {
        string media = Directory.CreateDirectory(Path.Combine(output, "media")).FullName;
        string name = Path.GetFileName(file);
        string target = Path.Combine(media, name);
        // Two images of the same name from different folders: the second gets its content's hash in front.
        if (File.Exists(target) && !File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(file)))
        {
            name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))[..8] + "-" + name;
            target = Path.Combine(media, name);
        }
        File.Copy(file, target, overwrite: true);
        image.SetAttribute("src", "media/" + name);
        var (width, height) = ImageSize.OfFile(file);
        if (width > 0 && !image.HasAttribute("width")) { image.SetAttribute("width", $"{width}"); image.SetAttribute("height", $"{height}"); }
    }

    // A URL's scheme in lower case ("" for a path); browsers ignore tabs and newlines inside it (« java\tscript: »).
    internal static string Scheme(string url)
    {
        var letters = new System.Text.StringBuilder();
        foreach (char c in url)
        {
            if (c is '\t' or '\n' or '\r') continue;
            if (c == ':') return letters.Length > 1 ? letters.ToString().ToLowerInvariant() : ""; // one letter: a Windows drive, a path
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') || (letters.Length == 0 && !char.IsAsciiLetter(c))) return "";
            letters.Append(c);
        }
        return "";
    }

    private static IEnumerable<string> SrcSet(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.Split(' ', 2)[0]);

    private static bool Inside(string full, string root) => (full + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal);

    // The course folder with its own symbolic links resolved (a course may live under a linked folder).
    private static string RealRoot(string root) =>
        Path.TrimEndingDirectorySeparator(RealPath(Path.TrimEndingDirectorySeparator(root)) ?? root) + Path.DirectorySeparatorChar;

    // The file's path with every symbolic link on the way resolved, or null if nothing is a link.
    private static string? RealPath(string full)
    {
        string? resolved = null;
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = Path.GetPathRoot(full)!;
        foreach (string part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = Path.GetFullPath(target.FullName);
                resolved = current;
            }
        }
        return resolved is null ? null : current;
    }
}
