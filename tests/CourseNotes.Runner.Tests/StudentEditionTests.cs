using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests;

public class StudentEditionTests
{
    private static string Folder() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"))).FullName;

    private static JsonObject Cell(string type, string source, params string[] tags)
    {
        var cell = new JsonObject
        {
            ["cell_type"] = type,
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
            ["source"] = source,
        };
        if (type == "code")
        {
            cell["execution_count"] = 3;
            cell["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "réponse : 42\n" });
            cell["metadata"]!["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" };
            cell["metadata"]![CellMetadata.Execution] = new JsonObject
            {
                ["iopub.execute_input"] = "2026-12-03T10:00:00.000000Z", ["shell.execute_reply"] = "2026-12-03T10:00:01.000000Z",
            };
        }
        return cell;
    }

    private static string Write(string folder, params JsonObject[] cells)
    {
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["cells"] = new JsonArray(cells),
        };
        string path = Path.Combine(folder, "exercices.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    [Fact]
    public void Solutions_code_and_markdown_leave_starters_stay_without_outputs()
    {
        string folder = Folder();
        string path = Write(folder,
            Cell("markdown", "## Exercices\n\n1. ★ Calculer 6 × 7."),
            Cell("code", "Console.WriteLine(\"cours\");"),
            Cell("code", "// Exercice 1 : à compléter\nint Reponse() => 0;", StudentEdition.StarterTag),
            Cell("markdown", "*Solution.* 6 × 7 = 42.", StudentEdition.SolutionTag),
            Cell("code", "Console.WriteLine($\"réponse : {6 * 7}\");", StudentEdition.SolutionTag));
        byte[] before = File.ReadAllBytes(path);
        var (code, output) = RunnerFixture.Run("student", "--output-dir", Path.Combine(folder, "eleves"), path);
        Assert.True(code == 0, output);
        Assert.Contains("2 solution cell(s) left out", output);
        Assert.Equal(before, File.ReadAllBytes(path));

        var student = Notebook.Load(Path.Combine(folder, "eleves", "exercices.ipynb"));
        Assert.Equal(3, student.Cells.Count);
        Assert.DoesNotContain(student.Cells, c => c.Source.Contains("Solution", StringComparison.Ordinal));
        var starter = student.Cells[2];
        Assert.True(starter.HasTag(StudentEdition.StarterTag));
        Assert.Empty(starter.Outputs);
        Assert.Null(starter.ExecutionCount);
        Assert.Null(starter.Metadata[CellMetadata.Execution]); // the teacher's run left its timings there
        Assert.Single(student.Cells[1].Outputs); // the course's own cells keep their outputs
        Assert.NotNull(student.Cells[1].Metadata[CellMetadata.Execution]); // and their timings
    }

    [Fact]
    public void A_cell_tagged_both_solution_and_starter_is_refused_with_its_number()
    {
        string folder = Folder();
        string path = Write(folder, Cell("markdown", "## Exercices"), Cell("code", "int x = 1;", StudentEdition.SolutionTag, StudentEdition.StarterTag));
        var (code, output) = RunnerFixture.Run("student", "--output-dir", Path.Combine(folder, "eleves"), path);
        Assert.Equal(2, code);
        Assert.Contains("exercices.ipynb", output);
        Assert.Contains("cell 2", output);
        Assert.False(File.Exists(Path.Combine(folder, "eleves", "exercices.ipynb")));
    }
}
