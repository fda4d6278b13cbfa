using System.Text.Json.Nodes;

namespace CourseNotes.Notebooks;

/// <summary>
/// One cell of a notebook, a view over its JSON object: every field, known or not, is kept as read.
/// </summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json) => Json = json;

    /// <summary>The cell's JSON object (nbformat 4 cell schema).</summary>
    public JsonObject Json { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => (string?)Json["cell_type"] ?? "";

    /// <summary>The cell id (nbformat 4.5), or null.</summary>
    public string? Id => (string?)Json["id"];

    /// <summary>The source text; stored as nbformat's list of lines, each but the last ending in "\n".</summary>
    public string Source
    {
        get => NotebookText.Join(Json["source"]);
        set => Json["source"] = NotebookText.Split(value);
    }

    /// <summary>The cell's metadata object (created when missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The cell's tags (metadata.tags).</summary>
    public IReadOnlyList<string> Tags =>
        (Metadata["tags"] as JsonArray)?.Select(t => (string?)t ?? "").ToArray() ?? [];

    /// <summary>True when the cell carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag);

    /// <summary>The outputs of a code cell (created when missing); empty for other cells.</summary>
    public JsonArray Outputs => CellType == "code"
        ? Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray())
        : [];

    /// <summary>The execution count of a code cell, or null.</summary>
    public int? ExecutionCount
    {
        get => (int?)Json["execution_count"];
        set => Json["execution_count"] = value;
    }

    /// <summary>
    /// The kernel this code cell runs in, as Polyglot reads it: metadata.polyglot_notebook.kernelName,
    /// then the legacy metadata.dotnet_interactive.language, then <paramref name="notebookDefault"/>.
    /// </summary>
    public string KernelName(string notebookDefault) =>
        (string?)Metadata["polyglot_notebook"]?["kernelName"]
        ?? (string?)Metadata["dotnet_interactive"]?["language"]
        ?? notebookDefault;
}
