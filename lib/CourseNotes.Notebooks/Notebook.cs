using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseNotes.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4, minor 0 to 5) as Polyglot Notebooks writes it for C#. Reading keeps
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

    /// <summary>nbformat's minor version (0 to 5).</summary>
    public int MinorVersion => NotebookSchema.WholeNumber(Json["nbformat_minor"]) ?? 0;

    /// <summary>The notebook's metadata object.</summary>
    public JsonObject Metadata => (JsonObject)Json["metadata"]!;

    /// <summary>metadata.kernelspec.name, or null.</summary>
    public string? KernelspecName => NotebookSchema.Text(Metadata["kernelspec"]?["name"]);

    /// <summary>metadata.kernelspec.language, or null.</summary>
    public string? KernelspecLanguage => NotebookSchema.Text(Metadata["kernelspec"]?["language"]);

    /// <summary>The default kernel of code cells: metadata.polyglot_notebook.kernelInfo.defaultKernelName, else "csharp".</summary>
    public string DefaultKernelName => NotebookSchema.Text(((Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["defaultKernelName"]) ?? "csharp";

    /// <summary>
    /// The SHA-256 of the bytes this notebook was read from (<see cref="AtomicFile.Hash"/>), kept by
    /// <see cref="Clone"/>; null for a notebook parsed from text. <see cref="SaveUnlessChanged"/> compares it.
    /// </summary>
    public string? ContentHash { get; private init; }

    /// <summary>Reads a notebook file; a malformed one throws <see cref="NotebookFormatException"/> naming file, cell and line.</summary>
    public static Notebook Load(string path)
    {
        if (Directory.Exists(path)) throw new NotebookFormatException(path, "this is a folder, not a notebook.");
        byte[] bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            int at = e.Index < 0 ? 0 : e.Index;
            long line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw new NotebookFormatException(path, $"not UTF-8 text: byte 0x{(e.BytesUnknown is { Length: > 0 } b ? b[0] : 0):X2} at offset {at} is not valid UTF-8.", line: line);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..]; // a byte-order mark
        var notebook = Parse(text, path);
        return new Notebook(notebook.Json, path) { ContentHash = AtomicFile.Hash(bytes) };
    }

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
        int major = NotebookSchema.WholeNumber(json["nbformat"]) ?? 0;
        if (major != 4)
            throw new NotebookFormatException(path, $"nbformat {major} is not supported; only nbformat 4 is (convert it with `jupyter nbconvert --to notebook --nbformat 4`).");
        int minor = NotebookSchema.WholeNumber(json["nbformat_minor"]) ?? -1;
        if (minor is < 0 or > 5)
            throw new NotebookFormatException(path, $"nbformat_minor {minor} is not supported (4.0 to 4.5 are).");
        if (json["metadata"] is not JsonObject)
            throw new NotebookFormatException(path, "the notebook has no metadata object.");
        if (json["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "the notebook has no list of cells.");
        NotebookSchema.CheckText(json, path, cell: null);
        if (json["metadata"]!["kernelspec"] is { } spec && (spec is not JsonObject || NotebookSchema.Text(spec["name"]) is null))
            throw new NotebookFormatException(path, "metadata.kernelspec is not an object with a name.");
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || NotebookSchema.Text(cell["cell_type"]) is not ("code" or "markdown" or "raw"))
                throw new NotebookFormatException(path, "not a cell: expected an object with cell_type code, markdown or raw.", cell: i + 1);
            NotebookSchema.CheckCell(cell, path, i + 1);
        }
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
        bool csharp = KernelspecLanguage is { } language
            ? language.Trim().ToLowerInvariant() is "c#" or "csharp"
            : KernelspecName.Contains("csharp", StringComparison.OrdinalIgnoreCase);
        if (!csharp)
            throw new NotebookFormatException(Path, $"the notebook's kernelspec is \"{KernelspecName}\"{(KernelspecLanguage is { } l ? $" (language {l})" : "")}, not C#; only C# notebooks run here.");
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

    /// <summary>Writes the notebook atomically (see <see cref="AtomicFile"/>: links followed, mode and owner kept).</summary>
    public void Save(string path) => AtomicFile.Write(path, Utf8.GetBytes(Serialize()));

    /// <summary>
    /// Writes the notebook over <paramref name="path"/> only if that file still has the content it had when
    /// read (<paramref name="readHash"/>, a <see cref="ContentHash"/>), checked just before the atomic rename.
    /// If it was changed meanwhile (a teacher's edit), the file is left alone and the notebook goes beside it,
    /// into a new file <c>NAME.executed.ipynb</c> (or <c>NAME.executed-2.ipynb</c>…; nothing is overwritten).
    /// Returns the path written: <paramref name="path"/>, or the file beside it.
    /// </summary>
    public string SaveUnlessChanged(string path, string readHash)
    {
        byte[] bytes = Utf8.GetBytes(Serialize());
        if (AtomicFile.Write(path, bytes, readHash)) return path;
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string stem = System.IO.Path.GetFileNameWithoutExtension(path);
        for (int n = 1; ; n++)
        {
            string beside = System.IO.Path.Combine(folder, $"{stem}.executed{(n == 1 ? "" : $"-{n}")}.ipynb");
            if (!File.Exists(beside) && AtomicFile.Write(beside, bytes, createNew: true)) return beside;
        }
    }

    /// <summary>A deep copy, for executing without touching the source document; it keeps <see cref="ContentHash"/>.</summary>
    public Notebook Clone() => new((JsonObject)Json.DeepClone(), Path) { ContentHash = ContentHash };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string NewCellId(int index, NotebookCell cell)
    {
        // Deterministic: derived from the cell's position and source, so two saves give the same ids.
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{cell.Source}"));
        return Convert.ToHexStringLower(hash)[..8];
    }
}
