using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The execution cache (in the spirit of jupyter-cache and Quarto's freeze): an executed notebook
/// records, in metadata.coursenotes.execution_key, a hash of what its outputs depend on — every cell's
/// type and source, the parameters, the engine (the bytes of the runner's, the kernel's, the Jupyter
/// protocol's and the notebook model's assemblies, and the package versions of the runner's and the kernel's
/// deps.json), and the bytes of every assembly its cells load with <c>#r "file.dll"</c> (the course library's build),
/// and of every file they run with <c>#!import file</c> (with the assemblies that file's code loads); directives are
/// read with the grammar the kernel reads them with (<see cref="CellDirective"/>). When the target
/// notebook already carries the key of the source, executing it again is skipped. Verification never
/// uses it. Builds are deterministic and path-independent (Directory.Build.props), so an unchanged
/// notebook has the same key in every clone, on every path.
/// </summary>
public static class ExecutionCache
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
            foreach (string import in CellDirective.ImportPaths(cell.Source))
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
            foreach (string reference in CellDirective.AssemblyPaths(source))
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
            // The kernel is its own program beside the runner (KernelLauncher.Beside): its bytes are read from there,
            // as the runner never loads it. Its deps.json names the package versions (Roslyn, NetMQ…) that change
            // its behaviour without changing its assembly's bytes; the runner's names those of the client side.
            string runner = typeof(ExecutionCache).Assembly.Location;
            string folder = Path.GetDirectoryName(runner)!;
            var files = new[]
            {
                runner, Path.Combine(folder, KernelLauncher.KernelAssembly), typeof(Jupyter.Message).Assembly.Location, typeof(Notebook).Assembly.Location,
            };
            var parts = files.Select(f => $"{Path.GetFileNameWithoutExtension(f)}:{(File.Exists(f) ? FileHash(f) : "missing")}").ToList();
            foreach (string assembly in new[] { runner, Path.Combine(folder, KernelLauncher.KernelAssembly) })
            {
                string deps = Path.ChangeExtension(assembly, ".deps.json");
                if (File.Exists(deps)) parts.Add($"deps:{Path.GetFileName(deps)}:{FileHash(deps)}");
            }
            return string.Join("\n", parts);
        }
    }
}
