namespace CourseNotes.Site;

/// <summary>
/// The site's output folder, handled so that a build never deletes what is not a site:
/// <list type="bullet">
/// <item>It refuses (<see cref="Unsafe"/>) a folder that is a file, a filesystem root, the home folder or
/// one of its parents, the course's folder or one of its parents, a folder holding one of the course's
/// files, or a non-empty folder without the marker of an earlier build (<see cref="Marker"/>; a site built
/// before the marker existed is recognised by its index.html, assets/site.js and assets/search-index.js).
/// Links are followed before comparing (<c>--output</c> may be a link to the course folder).</item>
/// <item>It builds into a fresh temporary folder beside the output (<c>.NAME.building-PID</c>) and swaps it in
/// only when the build succeeded; a failed build leaves the previous site as it was.</item>
/// </list>
/// </summary>
public static class SiteOutput
{
    /// <summary>The file every built site holds, which marks its folder as one this tool may replace.</summary>
    public const string Marker = ".coursenotes-site";

    /// <summary>Why <paramref name="folder"/> must not receive the site of the course file <paramref name="courseFile"/> whose files are <paramref name="sources"/>, or null when it may.</summary>
    public static string? Unsafe(string courseFile, string folder, IEnumerable<string> sources)
    {
        if (File.Exists(folder)) return "is a file, not a folder";
        string target = Real(folder);
        if (Path.GetPathRoot(target) is { } root && Same(root, target)) return "is a filesystem root";
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && Within(Real(home), target)) return Same(Real(home), target) ? "is the home folder" : "holds the home folder";
        string course = Real(Path.GetDirectoryName(Path.GetFullPath(courseFile))!);
        if (Within(course, target)) return "holds the course itself; choose another folder";
        foreach (string source in sources)
            if (Within(Real(source), target)) return $"holds the course file {source}; choose another folder";
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return null;
        if (File.Exists(Path.Combine(target, Marker)) || IsLegacySite(target)) return null;
        return $"is not empty and holds no previous site (no {Marker} marker); choose another folder";
    }

    /// <summary>
    /// Builds into a fresh folder beside <paramref name="folder"/> with <paramref name="build"/>, marks it,
    /// then puts it in <paramref name="folder"/>'s place (the previous site is deleted only then). When
    /// <paramref name="build"/> throws, the fresh folder is deleted and <paramref name="folder"/> is untouched.
    /// </summary>
    public static T Replace<T>(string folder, Func<string, T> build)
    {
        string target = Real(folder);
        string parent = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        RemoveStale(parent, name);
        string staging = Path.Combine(parent, $".{name}.building-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        T result;
        try
        {
            result = build(staging);
            File.WriteAllText(Path.Combine(staging, Marker), "Built by CourseNotes.Site: this folder is replaced by the next build.\n");
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
        if (Directory.Exists(target))
        {
            string old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
            Directory.Move(target, old);
            Directory.Move(staging, target);
            Directory.Delete(old, recursive: true);
        }
        else Directory.Move(staging, target);
        return result;
    }

    // Building and old folders of builds that were killed: their process no longer runs.
    private static void RemoveStale(string parent, string name)
    {
        foreach (string pattern in new[] { $".{name}.building-*", $".{name}.old-*" })
            foreach (string folder in Directory.EnumerateDirectories(parent, pattern))
            {
                string pid = folder[(folder.LastIndexOf('-') + 1)..];
                if (int.TryParse(pid, out int id) && id != Environment.ProcessId && !Directory.Exists($"/proc/{id}") && OperatingSystem.IsLinux())
                    Directory.Delete(folder, recursive: true);
            }
    }

    private static bool IsLegacySite(string folder) =>
        File.Exists(Path.Combine(folder, "index.html")) && File.Exists(Path.Combine(folder, "assets", "site.js"))
        && File.Exists(Path.Combine(folder, "assets", "search-index.js"));

    // True when path is folder or lies inside it.
    private static bool Within(string path, string folder) =>
        Same(path, folder) || path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool Same(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    // The full path with the links of every existing component followed (the missing rest appended as is).
    private static string Real(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null) return full; // a root
        string here = Path.Combine(Real(parent), Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(here) ? new DirectoryInfo(here) : new FileInfo(here);
        try
        {
            return info.LinkTarget is null ? here : Real(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        }
        catch (IOException)
        {
            return here; // a loop of links: compared as written
        }
    }
}
