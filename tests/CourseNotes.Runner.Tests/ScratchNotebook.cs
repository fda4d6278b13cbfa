using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests;

/// <summary>Notebooks written for one test into a new temporary folder (tests never write into the repository).</summary>
public static class ScratchNotebook
{
    /// <summary>A new empty temporary folder.</summary>
    public static string Folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A C# notebook in <paramref name="folder"/> whose code cells are <paramref name="sources"/> (a source starting "md:" is a markdown cell).</summary>
    public static string Write(string folder, string name, params string[] sources)
    {
        var cells = new JsonArray();
        foreach (string source in sources)
        {
            bool markdown = source.StartsWith("md:", StringComparison.Ordinal);
            var cell = new JsonObject { ["cell_type"] = markdown ? "markdown" : "code", ["metadata"] = new JsonObject(), ["source"] = NotebookText.Split(markdown ? source[3..] : source) };
            if (!markdown) { cell["execution_count"] = null; cell["outputs"] = new JsonArray(); }
            cells.Add(cell);
        }
        var json = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        string path = Path.Combine(folder, name);
        Notebook.Parse(json.ToJsonString(), path).Save(path);
        return path;
    }
}
