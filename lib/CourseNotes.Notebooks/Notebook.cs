using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseNotes.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4, minor 2 to 5) as Polyglot Notebooks writes it for C#. Reading keeps
/// every field, known or not; writing uses VS Code's layout (one-space indent, non-ASCII text as is,
/// trailing newline), so saving an unchanged notebook gives back the same bytes.
/// </summary>
public sealed class Notebook
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Notebook(JsonObject json, string path)
    {
        Json = json;
        Path = path;
        Cells = ((JsonArray)json["cells"]!).Select(c => new NotebookCell((JsonObject)c!)).ToList();
    }

    /// <summary>The whole notebook's JSON object.</summary>
    public JsonObject Json { get; }

    /// <summary>Where it was read from (used in messages).</summary>
    public string Path { get; }

    /// <summary>The cells, in order (views over <see cref="Json"/>).</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>nbformat's minor version (2 to 5).</summary>
    public int MinorVersion => (int?)Json["nbformat_minor"] ?? 0;

    /// <summary>The notebook's metadata object.</summary>
    public JsonObject Metadata => (JsonObject)Json["metadata"]!;

    /// <summary>metadata.kernelspec.name, or null.</summary>
    public string? KernelspecName => (string?)Metadata["kernelspec"]?["name"];

    /// <summary>The default kernel of code cells: metadata.polyglot_notebook.kernelInfo.defaultKernelName, else "csharp".</summary>
    public string DefaultKernelName => (string?)Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] ?? "csharp";

    /// <summary>Reads a notebook file; a malformed one throws <see cref="NotebookFormatException"/> naming file, cell and line.</summary>
    public static Notebook Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Parses notebook JSON text; <paramref name="path"/> only names it in messages.</summary>
    public static Notebook Parse(string text, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, $"not valid JSON: {e.Message}", line: (e.LineNumber ?? 0) + 1, inner: e);
        }
        if (root is not JsonObject json)
            throw new NotebookFormatException(path, "not a notebook: the top level is not a JSON object.");
        int major = (int?)json["nbformat"] ?? 0;
        if (major != 4)
            throw new NotebookFormatException(path, $"nbformat {major} is not supported; only nbformat 4 is (convert it with `jupyter nbconvert --to notebook --nbformat 4`).");
        int minor = (int?)json["nbformat_minor"] ?? -1;
        if (minor is < 0 or > 5)
            throw new NotebookFormatException(path, $"nbformat_minor {minor} is not supported (4.0 to 4.5 are).");
        if (json["metadata"] is not JsonObject)
            throw new NotebookFormatException(path, "the notebook has no metadata object.");
        if (json["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "the notebook has no list of cells.");
        for (int i = 0; i < cells.Count; i++)
            if (cells[i] is not JsonObject cell || (string?)cell["cell_type"] is not ("code" or "markdown" or "raw"))
                throw new NotebookFormatException(path, "not a cell: expected an object with cell_type code, markdown or raw.", cell: i + 1);
        return new Notebook(json, path);
    }

    /// <summary>
    /// Checks that this is a C# notebook every code cell of which the C# kernel can run; throws
    /// <see cref="NotebookFormatException"/> naming the first problem (missing kernelspec, a cell in another language).
    /// </summary>
    public void EnsureCSharp()
    {
        if (KernelspecName is null)
            throw new NotebookFormatException(Path, $"the notebook has no kernelspec; a C# notebook has metadata.kernelspec.name \"{KernelspecNames.Polyglot}\".");
        for (int i = 0; i < Cells.Count; i++)
        {
            var cell = Cells[i];
            if (cell.CellType != "code") continue;
            string kernel = cell.KernelName(DefaultKernelName);
            if (kernel is not ("csharp" or "C#" or "c#"))
                throw new NotebookFormatException(Path, $"this cell is in \"{kernel}\"; only C# cells can run here.", cell: i + 1);
        }
    }

    /// <summary>The notebook as text in VS Code's layout (one-space indent, trailing newline).</summary>
    public string Serialize()
    {
        if (MinorVersion >= 5)
            for (int i = 0; i < Cells.Count; i++)
                if (Cells[i].Id is null) Cells[i].Json["id"] = NewCellId(i, Cells[i]);
        return Json.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>Writes the notebook atomically: to a file beside <paramref name="path"/>, then renamed over it.</summary>
    public void Save(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string aside = full + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(aside, Serialize(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(aside, full, overwrite: true);
    }

    /// <summary>A deep copy, for executing without touching the source document.</summary>
    public Notebook Clone() => new((JsonObject)Json.DeepClone(), Path);

    private static string NewCellId(int index, NotebookCell cell)
    {
        // Deterministic: derived from the cell's position and source, so two saves give the same ids.
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{cell.Source}"));
        return Convert.ToHexStringLower(hash)[..8];
    }
}
