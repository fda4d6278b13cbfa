using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The students' copy of a notebook: every cell tagged <c>solution</c> removed (exercise statements and
/// the course's own cells and outputs stay), written atomically into another folder; the source is never touched.
/// </summary>
public static class StudentEdition
{
    /// <summary>The tag of the cells left out.</summary>
    public const string SolutionTag = "solution";

    /// <summary>Writes the student edition of <paramref name="path"/> into <paramref name="outputDirectory"/>; returns how many cells were left out.</summary>
    public static int Write(string path, string outputDirectory)
    {
        var source = Notebook.Load(path);
        string target = Path.Combine(outputDirectory, Path.GetFileName(path));
        if (Path.GetFullPath(target) == Path.GetFullPath(path))
            throw new NotebookFormatException(path, "the student edition would overwrite its source: choose another --output-dir.");
        var json = (JsonObject)source.Json.DeepClone();
        var cells = (JsonArray)json["cells"]!;
        int removed = 0;
        for (int i = cells.Count - 1; i >= 0; i--)
            if (source.Cells[i].HasTag(SolutionTag)) { cells.RemoveAt(i); removed++; }
        // The execution key described the full notebook; the edition has other sources.
        (json["metadata"]?["coursenotes"] as JsonObject)?.Remove("execution_key");
        Notebook.Parse(json.ToJsonString(), target).Save(target);
        return removed;
    }
}
