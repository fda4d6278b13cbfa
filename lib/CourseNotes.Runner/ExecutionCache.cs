using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The execution cache (in the spirit of jupyter-cache and Quarto's freeze): an executed notebook
/// records, in metadata.coursenotes.execution_key, a hash of what its outputs depend on — every cell's
/// type and source, the parameters, the engine (the bytes of the runner's, the kernel's, the Jupyter
/// protocol's and the notebook model's assemblies, and the package versions of the runner's deps.json), and the
/// bytes of every assembly its cells load with <c>#r "file.dll"</c> (the course library's build), and of every file
/// they run with <c>#!import file</c> (with the assemblies that file's code loads). When the target
/// notebook already carries the key of the source, executing it again is skipped. Verification never
/// uses it. Builds are deterministic and path-independent (Directory.Build.props), so an unchanged
/// notebook has the same key in every clone, on every path.
/// </summary>
public static partial class ExecutionCache
{
    /// <summary>The key of <paramref name="notebook"/> with <paramref name="parameters"/>.</summary>
    public static string Key(Notebook notebook, IReadOnlyDictionary<string, string>? parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\u0000"));
        Add(EngineHash.Value);
        foreach (var (name, value) in (parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            Add($"{name}={value}");
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        foreach (var cell in notebook.Cells)
        {
            Add(cell.CellType);
            Add(cell.Source);
            if (cell.CellType != "code") continue;
            AddAssemblies(cell.Source);
            foreach (string import in ImportPaths(cell.Source))
            {
                // The kernel runs an imported file's code (an .ipynb's code cells) before the cell; its #r paths resolve from the notebook's folder too.
                string file = Path.GetFullPath(Path.Combine(folder, import));
                if (!File.Exists(file)) { Add("missing import:" + import); continue; }
                string code = ImportedCode(file);
                Add("import:" + code);
                AddAssemblies(code);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());

        void AddAssemblies(string source)
        {
            foreach (string reference in CourseNotes.Kernel.Execution.Directives.AssemblyPaths(source))
            {
                // Named as the cell names it (relative), never by this checkout's absolute path.
                string file = Path.GetFullPath(Path.Combine(folder, reference));
                Add(File.Exists(file) ? FileHash(file) : "missing:" + reference);
            }
        }
    }

    // The code an imported file runs: an .ipynb's code cells (not its outputs), any other file as it is; a malformed notebook: its bytes.
    private static string ImportedCode(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        string text = Encoding.UTF8.GetString(bytes);
        if (!file.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) return text;
        try
        {
            return string.Join("\u0000", Notebook.Parse(text, file).Cells.Where(c => c.CellType == "code").Select(c => c.Source));
        }
        catch (NotebookFormatException)
        {
            return FileHash(file);
        }
    }

    /// <summary>The files of <paramref name="source"/>'s <c>#!import</c> directives, as written (as the kernel reads them: the rest of the line, quotes trimmed).</summary>
    public static IEnumerable<string> ImportPaths(string source) =>
        ImportDirective().Matches(source).Select(m => m.Groups[1].Value.Trim().Trim('"')).Where(p => p.Length > 0);

    [GeneratedRegex(@"^[ \t]*#!import[ ]+(.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex ImportDirective();

    /// <summary>The key an executed notebook carries, or null.</summary>
    public static string? StoredKey(Notebook executed) =>
        (string?)executed.Metadata[CourseNotesMetadata.Section]?[CourseNotesMetadata.ExecutionKey];

    /// <summary>Records <paramref name="key"/> in <paramref name="executed"/>'s metadata.</summary>
    public static void Store(Notebook executed, string key)
    {
        if (executed.Metadata[CourseNotesMetadata.Section] is not JsonObject section)
            executed.Metadata[CourseNotesMetadata.Section] = section = new JsonObject();
        section[CourseNotesMetadata.ExecutionKey] = key;
    }

    private static string FileHash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The engine's part of the key, computed once per process.</summary>
    private static class EngineHash
    {
        public static readonly string Value = Compute();

        private static string Compute()
        {
            // The kernel process is this runner's own `kernel` command: these are the assemblies it runs.
            var assemblies = new[]
            {
                typeof(ExecutionCache).Assembly, typeof(Kernel.KernelCommand).Assembly, typeof(Jupyter.Message).Assembly, typeof(Notebook).Assembly,
            };
            var parts = assemblies.Select(a => $"{a.GetName().Name}:{FileHash(a.Location)}").ToList();
            // Package versions (Roslyn, NetMQ…) change the kernel's behaviour without changing its assembly's bytes.
            string deps = Path.ChangeExtension(typeof(ExecutionCache).Assembly.Location, ".deps.json");
            if (File.Exists(deps)) parts.Add("deps:" + FileHash(deps));
            return string.Join("\n", parts);
        }
    }
}
