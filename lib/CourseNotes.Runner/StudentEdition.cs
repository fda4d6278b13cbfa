using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The students' copy of a notebook, written atomically into another folder; the source is never touched.
/// <list type="bullet">
/// <item>Every cell tagged <c>solution</c> (code or markdown) is left out: no solution text reaches students.</item>
/// <item>Every cell tagged <c>starter</c> is kept, with its outputs, execution count and timings cleared, as a cell
/// never run: it is the code the student
/// completes in place of the solution. The teacher's notebook keeps both, and the site shows both.</item>
/// <item>The course's own cells, exercise statements included, stay with their outputs.</item>
/// </list>
/// A cell tagged both <c>solution</c> and <c>starter</c> is an error (exit code 2), named by file and cell.
/// </summary>
public static class StudentEdition
{
    /// <summary>The tag of the cells left out.</summary>
    public const string SolutionTag = CellTag.Solution;

    /// <summary>The tag of the cells kept for students to complete (outputs cleared).</summary>
    public const string StarterTag = CellTag.Starter;

    /// <summary>Writes the student edition of <paramref name="path"/> into <paramref name="outputDirectory"/>; returns how many cells were left out.</summary>
    public static int Write(string path, string outputDirectory)
    {
        var source = Notebook.Load(path);
        string target = Path.Combine(outputDirectory, Path.GetFileName(path));
        if (Path.GetFullPath(target) == Path.GetFullPath(path))
            throw new NotebookFormatException(path, "the student edition would overwrite its source: choose another --output-dir.");
        for (int i = 0; i < source.Cells.Count; i++)
            if (source.Cells[i].HasTag(SolutionTag) && source.Cells[i].HasTag(StarterTag))
                throw new NotebookFormatException(path, $"a cell cannot be tagged both '{SolutionTag}' and '{StarterTag}'.", cell: i + 1);
        var json = (JsonObject)source.Json.DeepClone();
        var cells = (JsonArray)json["cells"]!;
        int removed = 0;
        for (int i = cells.Count - 1; i >= 0; i--)
        {
            if (source.Cells[i].HasTag(SolutionTag)) { cells.RemoveAt(i); removed++; }
            else if (source.Cells[i].HasTag(StarterTag) && cells[i] is JsonObject { } starter && (string?)starter["cell_type"] == "code")
            {
                starter["outputs"] = new JsonArray();
                starter["execution_count"] = null;
                (starter["metadata"] as JsonObject)?.Remove(CellMetadata.Execution);
            }
        }
        // The execution key described the full notebook; the edition has other sources.
        (json["metadata"]?["coursenotes"] as JsonObject)?.Remove("execution_key");
        Notebook.Parse(json.ToJsonString(), target).Save(target);
        return removed;
    }
}
