using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The execution cache (in the spirit of jupyter-cache and Quarto's freeze): an executed notebook
/// records, in metadata.coursenotes.execution_key, a hash of what its outputs depend on — every cell's
/// type and source, the parameters, the runner's own build, and the bytes of every assembly its cells
/// load with <c>#r "file.dll"</c> (the course library's build). When the target notebook already
/// carries the key of the source, executing it again is skipped. Verification never uses it.
/// </summary>
public static class ExecutionCache
{
    /// <summary>The key of <paramref name="notebook"/> with <paramref name="parameters"/>.</summary>
    public static string Key(Notebook notebook, IReadOnlyDictionary<string, string>? parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\u0000"));
        Add(typeof(ExecutionCache).Assembly.ManifestModule.ModuleVersionId.ToString());
        foreach (var (name, value) in (parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            Add($"{name}={value}");
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        foreach (var cell in notebook.Cells)
        {
            Add(cell.CellType);
            Add(cell.Source);
            if (cell.CellType != "code") continue;
            foreach (string reference in CourseNotes.Kernel.Execution.Directives.AssemblyPaths(cell.Source))
            {
                string file = Path.GetFullPath(Path.Combine(folder, reference));
                Add(File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "missing:" + file);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The key an executed notebook carries, or null.</summary>
    public static string? StoredKey(Notebook executed) => (string?)executed.Metadata["coursenotes"]?["execution_key"];

    /// <summary>Records <paramref name="key"/> in <paramref name="executed"/>'s metadata.</summary>
    public static void Store(Notebook executed, string key)
    {
        if (executed.Metadata["coursenotes"] is not JsonObject section) executed.Metadata["coursenotes"] = section = new JsonObject();
        section["execution_key"] = key;
    }
}
