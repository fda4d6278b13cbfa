using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// Where <c>execute --output-dir</c> and <c>student</c> write each notebook, checked before anything runs:
/// a target that is one of the source notebooks — by path, through a symbolic link or "..", or as the
/// same file (device and inode) — or two notebooks of one command written to the same file is a usage
/// error (exit code 2), and so is an output folder that is a file.
/// </summary>
public static class OutputTargets
{
    /// <summary>The target of each notebook (same order) in <paramref name="folder"/>; a collision throws <see cref="UsageException"/>.</summary>
    public static IReadOnlyList<string> Plan(IReadOnlyList<string> notebooks, string folder, string option = "--output-dir")
    {
        if (File.Exists(folder)) throw new UsageException($"{option} {folder} is a file, not a folder");
        var targets = notebooks.Select(n => Path.Combine(folder, Path.GetFileName(n))).ToList();
        var sources = notebooks.Select(n => (Path: n, Resolved: SafeResolve(n), Identity: UnixStat.Identity(n))).ToList();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < targets.Count; i++)
        {
            string resolved = SafeResolve(targets[i]);
            var identity = File.Exists(targets[i]) ? UnixStat.Identity(targets[i]) : null;
            foreach (var source in sources)
                if (resolved == source.Resolved || (identity is not null && identity == source.Identity))
                    throw new UsageException($"{option} {folder}: writing {targets[i]} would overwrite its source, the notebook {source.Path}; choose another folder"
                        + (option == "--output-dir" ? " (or --in-place, which replaces a notebook only when every cell succeeded)" : ""));
            if (!seen.TryAdd(resolved, notebooks[i]))
                throw new UsageException($"{seen[resolved]} and {notebooks[i]} would both be written to {targets[i]}; run them with different {option} folders");
        }
        return targets;
    }

    // The full path with every link followed, as far as it can be (a missing folder: its full path).
    private static string SafeResolve(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            // The folder's links too: resolve the deepest folder that exists, then append the rest.
            var existing = folder is null ? null : new DirectoryInfo(folder);
            var rest = new Stack<string>();
            while (existing is not null && !existing.Exists) { rest.Push(existing.Name); existing = existing.Parent; }
            string root = existing is null ? "" : RealFolder(existing);
            string rebuilt = Path.Combine([root, .. rest, Path.GetFileName(full)]);
            return File.Exists(rebuilt) || new FileInfo(rebuilt).LinkTarget is not null ? AtomicFile.Resolve(rebuilt) : rebuilt;
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }

    // A folder's path with the links of each of its components followed.
    private static string RealFolder(DirectoryInfo folder)
    {
        string parent = folder.Parent is null ? folder.FullName : Path.Combine(RealFolder(folder.Parent), folder.Name);
        var info = new DirectoryInfo(parent);
        return info.LinkTarget is null ? parent : RealFolder(new DirectoryInfo(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName));
    }
}
