using System.Text.Json.Nodes;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Notebooks.Tests;

public class NotebookTests
{
    [Theory]
    [InlineData("polyglot-format.ipynb")]
    [InlineData("kernel-features.ipynb")]
    [InlineData("tags.ipynb")]
    [InlineData("nbformat45.ipynb")]
    public void Resaving_fixtures_gives_identical_bytes(string name)
    {
        string path = Path.Combine(Repository.Fixtures, name);
        Assert.Equal(File.ReadAllText(path), Notebook.Load(path).Serialize());
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        var notebook = Notebook.Load(Path.Combine(Repository.Fixtures, "kernel-features.ipynb"));
        notebook.Metadata["x_inconnu"] = new JsonObject { ["garder"] = "oui é" };
        notebook.Cells[1].Json["x_cellule"] = 3;
        var again = Notebook.Parse(notebook.Serialize(), "again.ipynb");
        Assert.Equal("oui é", (string?)again.Metadata["x_inconnu"]?["garder"]);
        Assert.Equal(3, (int?)again.Cells[1].Json["x_cellule"]);
    }

    [Fact]
    public void Polyglot_metadata_is_read_in_the_documented_order()
    {
        var notebook = Notebook.Load(Path.Combine(Repository.Fixtures, "other-language.ipynb"));
        Assert.Equal(".net-csharp", notebook.KernelspecName);
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal("csharp", notebook.Cells[0].KernelName(notebook.DefaultKernelName));
        Assert.Equal("fsharp", notebook.Cells[1].KernelName(notebook.DefaultKernelName));
        var legacy = Notebook.Parse("""{"cells":[{"cell_type":"code","metadata":{"dotnet_interactive":{"language":"pwsh"}},"source":[],"outputs":[],"execution_count":null}],"metadata":{},"nbformat":4,"nbformat_minor":2}""", "x.ipynb");
        Assert.Equal("pwsh", legacy.Cells[0].KernelName("csharp"));
    }

    [Fact]
    public void Minor_version_5_gets_deterministic_cell_ids()
    {
        var text = """{"cells":[{"cell_type":"markdown","metadata":{},"source":["# Titre"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""";
        string first = Notebook.Parse(text, "a.ipynb").Serialize();
        Assert.Equal(first, Notebook.Parse(text, "a.ipynb").Serialize());
        Assert.Matches("\"id\": \"[0-9a-f]{8}\"", first);
        Assert.DoesNotContain("\"id\"", Notebook.Parse(text.Replace("\"nbformat_minor\":5", "\"nbformat_minor\":4"), "b.ipynb").Serialize());
    }

    [Theory]
    [InlineData("invalid-json.ipynb", "invalid-json.ipynb, line 6: not valid JSON")]
    [InlineData("nbformat3.ipynb", "nbformat 3 is not supported")]
    public void Malformed_files_name_the_file_and_line(string name, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Load(Path.Combine(Repository.Fixtures, name)));
        Assert.Contains(expected, e.Message);
        Assert.Contains(name, e.Message);
    }

    [Theory]
    [InlineData("no-kernelspec.ipynb", null, "has no kernelspec")]
    [InlineData("other-language.ipynb", 2, "this cell is in \"fsharp\"")]
    public void Notebooks_that_are_not_CSharp_are_rejected_with_the_cell(string name, int? cell, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Load(Path.Combine(Repository.Fixtures, name)).EnsureCSharp());
        Assert.Equal(cell, e.Cell);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Saving_is_atomic_and_leaves_no_temporary_file()
    {
        string folder = Repository.CopyFixtures("kernel-features.ipynb");
        string path = Path.Combine(folder, "kernel-features.ipynb");
        var notebook = Notebook.Load(path);
        notebook.Cells[1].Source = "var a = 43;\n\na";
        notebook.Save(path);
        Assert.Equal(["kernel-features.ipynb"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal("var a = 43;\n\na", Notebook.Load(path).Cells[1].Source);
    }

    [Theory]
    [InlineData("kernel-features.ipynb")]
    [InlineData("nbformat45.ipynb")]
    public void Written_notebooks_pass_Jupyter_validator(string name)
    {
        Requirements.PythonModules("nbformat");
        string folder = Repository.CopyFixtures(name);
        string path = Path.Combine(folder, name);
        var notebook = Notebook.Load(path);
        notebook.Cells[^1].Source += "\n// modifié";
        notebook.Save(path);
        var (code, output) = Requirements.Run(Requirements.DebianPython,
            ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], 4))", path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Sources_split_into_nbformat_lines()
    {
        Assert.Equal(["a\n", "b\n", "c"], NotebookText.Split("a\nb\nc").Select(n => (string?)n));
        Assert.Equal("a\nb\nc", NotebookText.Join(NotebookText.Split("a\nb\nc")));
        Assert.Empty(NotebookText.Split(""));
    }
}
