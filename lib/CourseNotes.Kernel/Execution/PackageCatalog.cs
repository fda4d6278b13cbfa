using System.Text.Json.Nodes;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The NuGet packages this kernel serves to <c>#r "nuget: Name, Version"</c>: the packages the course library
/// references (TorchSharp-cpu, Plotly.NET, MathNet.Numerics…), with their dependencies, taken from the course
/// library's published folder (<c>artifacts/lib/</c>, written by <c>dotnet cake --target=PublishLib</c>), whose
/// deps.json lists them and which holds their assemblies and natives (TorchSharp's, patched for the machine).
/// Nothing is ever downloaded at run time.
/// </summary>
public sealed class PackageCatalog
{
    /// <summary>The published course library's folder, relative to the repository root.</summary>
    public const string LibraryFolder = "artifacts/lib";

    private const string LibraryDeps = "CourseNotes.deps.json";

    private readonly Dictionary<string, (string Name, string Version)> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<string> _direct = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonObject _targets = [];
    private readonly string _baseDirectory;
    private readonly string? _unavailable;

    /// <summary>
    /// Reads <paramref name="depsJsonPath"/> (a published project's deps.json); its project's direct package references are
    /// the ones served, and assemblies are looked up in <paramref name="baseDirectory"/>.
    /// </summary>
    public PackageCatalog(string depsJsonPath, string baseDirectory)
    {
        _baseDirectory = baseDirectory;
        var deps = JsonNode.Parse(File.ReadAllText(depsJsonPath))!.AsObject();
        // A runtime-specific publish writes two targets, the portable one empty: the fullest is the one to read.
        _targets = deps["targets"]!.AsObject().Select(t => t.Value!.AsObject()).MaxBy(t => t.Count) ?? [];
        foreach (var (key, library) in deps["libraries"]!.AsObject())
        {
            int slash = key.IndexOf('/');
            if ((string?)library?["type"] == "package")
                _packages[key[..slash]] = (key[..slash], key[(slash + 1)..]);
            else if ((string?)library?["type"] == "project")
                foreach (var (dependency, _) in _targets[key]?["dependencies"]?.AsObject() ?? [])
                    _direct.Add(dependency);
        }
    }

    private PackageCatalog(string unavailable)
    {
        _baseDirectory = "";
        _unavailable = unavailable;
    }

    /// <summary>
    /// The catalog of the course library published in the checkout that holds <paramref name="start"/> (default: the running
    /// kernel's or runner's folder): <c>artifacts/lib/CourseNotes.deps.json</c> in the first folder above it that has one.
    /// When the library is not published, every <see cref="Resolve"/> says so and how to publish it.
    /// </summary>
    public static PackageCatalog ForCourseLibrary(string? start = null)
    {
        start ??= AppContext.BaseDirectory;
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            string library = Path.Combine(folder.FullName, LibraryFolder);
            if (File.Exists(Path.Combine(library, LibraryDeps))) return new PackageCatalog(Path.Combine(library, LibraryDeps), library);
        }
        return new PackageCatalog($"the course library is not published ({LibraryFolder}/{LibraryDeps} not found above {start}): " +
                                  "run `dotnet cake --target=PublishLib` in the repository, then restart the kernel");
    }

    /// <summary>"Name Version" of the packages the course library references directly, sorted.</summary>
    public IEnumerable<string> Served => _direct.Where(_packages.ContainsKey).Select(name => $"{name} {_packages[name].Version}");

    /// <summary>
    /// The assembly files of <paramref name="name"/>, a package the course library references, and of its dependencies. Throws <see cref="ArgumentException"/> naming the served packages when it is not served, or
    /// not in <paramref name="version"/> (null or "*": any).
    /// </summary>
    public IReadOnlyList<string> Resolve(string name, string? version)
    {
        if (_unavailable is not null)
            throw new ArgumentException($"#r \"nuget: {name}\": {_unavailable}.", nameof(name));
        if (!_direct.Contains(name) || !_packages.TryGetValue(name, out var package))
            throw new ArgumentException($"the package {name} is not available to this kernel (no download happens at run time); " +
                                        $"it serves the course library's packages: {string.Join(", ", Served)}.", nameof(name));
        if (version is not null and not "*" && version != package.Version)
            throw new ArgumentException($"{package.Name} {version} is not available to this kernel; it serves {package.Name} {package.Version}.", nameof(version));
        var files = new List<string>();
        Collect(package.Name, package.Version, files, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
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
