using System.Text.Json.Nodes;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The NuGet packages this kernel can serve to <c>#r "nuget: Name, Version"</c>: the ones the project
/// ships with the kernel, read from the kernel's own deps.json (no download happens at run time).
/// </summary>
public sealed class PackageCatalog
{
    private readonly Dictionary<string, (string Version, JsonObject Target)> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _direct = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonObject _targets;
    private readonly string _baseDirectory;

    /// <summary>Reads <paramref name="depsJsonPath"/>; assemblies are looked up in <paramref name="baseDirectory"/>.</summary>
    public PackageCatalog(string depsJsonPath, string baseDirectory)
    {
        _baseDirectory = baseDirectory;
        var deps = JsonNode.Parse(File.ReadAllText(depsJsonPath))!.AsObject();
        _targets = deps["targets"]!.AsObject().First().Value!.AsObject();
        foreach (var (key, library) in deps["libraries"]!.AsObject())
        {
            int slash = key.IndexOf('/');
            if ((string?)library?["type"] == "package")
                _packages[key[..slash]] = (key[(slash + 1)..], _targets[key]!.AsObject());
            else if ((string?)library?["type"] == "project")
                foreach (var (dependency, _) in _targets[key]?["dependencies"]?.AsObject() ?? [])
                    _direct.Add(dependency);
        }
    }

    /// <summary>The catalog of the running process (the kernel, or the runner that hosts it): its entry assembly's deps.json.</summary>
    public static PackageCatalog ForThisKernel() => new(
        Path.Combine(AppContext.BaseDirectory, (System.Reflection.Assembly.GetEntryAssembly() ?? typeof(PackageCatalog).Assembly).GetName().Name + ".deps.json"),
        AppContext.BaseDirectory);

    /// <summary>"Name Version" of the packages the project references directly (their dependencies resolve too), sorted.</summary>
    public IEnumerable<string> Served => _packages.Where(p => _direct.Contains(p.Key))
        .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Version}");

    /// <summary>
    /// The assembly files of <paramref name="name"/>, a package the project references directly, and of its dependencies. Throws
    /// <see cref="ArgumentException"/> naming the package when it is not served or in another version.
    /// </summary>
    public IReadOnlyList<string> Resolve(string name, string? version)
    {
        if (!_direct.Contains(name) || !_packages.TryGetValue(name, out var package))
            throw new ArgumentException($"the package {name} is not available to this kernel (no download happens at run time); it serves: {string.Join(", ", Served)}.", nameof(name));
        if (version is not null && version != package.Version)
            throw new ArgumentException($"{name} {version} is not available to this kernel; it serves {name} {package.Version}.", nameof(version));
        var files = new List<string>();
        Collect(name, package.Version, files, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        return files;
    }

    private void Collect(string name, string version, List<string> files, HashSet<string> seen)
    {
        if (!seen.Add(name) || _targets[$"{name}/{version}"] is not JsonObject target) return;
        foreach (var (path, _) in target["runtime"]?.AsObject() ?? [])
        {
            string file = Path.Combine(_baseDirectory, Path.GetFileName(path));
            if (File.Exists(file)) files.Add(file);
        }
        foreach (var (dependency, dependencyVersion) in target["dependencies"]?.AsObject() ?? [])
            Collect(dependency, (string)dependencyVersion!, files, seen);
    }
}
