using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// Keeps a re-executed notebook byte-stable: when every cell has the same source, outputs and execution
/// count as in the notebook it replaces, the stored per-cell execution times are kept, so the only
/// change left is the execution key (and none at all when the key is the same).
/// </summary>
public static class StoredTimings
{
    /// <summary>
    /// True when <paramref name="executed"/> has the same cells, sources, outputs and execution counts as
    /// <paramref name="previous"/>; the previous cells' metadata.execution is then copied into it.
    /// </summary>
    public static bool KeepWhenOutputsUnchanged(Notebook executed, Notebook previous)
    {
        if (executed.Cells.Count != previous.Cells.Count) return false;
        for (int i = 0; i < executed.Cells.Count; i++)
        {
            NotebookCell fresh = executed.Cells[i], stored = previous.Cells[i];
            if (fresh.CellType != stored.CellType || fresh.Source != stored.Source) return false;
            if (fresh.CellType != "code") continue;
            if (fresh.ExecutionCount != stored.ExecutionCount || fresh.Outputs.ToJsonString() != stored.Outputs.ToJsonString()) return false;
        }
        for (int i = 0; i < executed.Cells.Count; i++)
        {
            if (executed.Cells[i].CellType != "code") continue;
            if (previous.Cells[i].Metadata[CellMetadata.Execution] is JsonNode timing) executed.Cells[i].Metadata[CellMetadata.Execution] = timing.DeepClone();
            else executed.Cells[i].Metadata.Remove(CellMetadata.Execution);
        }
        return true;
    }
}
