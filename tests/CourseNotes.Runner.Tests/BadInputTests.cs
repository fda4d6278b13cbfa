using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests;

/// <summary>Every malformed input: exit code 2 and one message per notebook naming file, cell and line; the other notebooks of a batch still run.</summary>
public class BadInputTests
{
    private static void NoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public void Bad_notebooks_of_a_parallel_batch_are_named_and_the_others_run()
    {
        string folder = ScratchNotebook.Folder();
        string good = ScratchNotebook.Write(folder, "bon.ipynb", "Console.WriteLine(\"bon\");");
        Directory.CreateDirectory(Path.Combine(folder, "dossier.ipynb"));
        string surrogate = Path.Combine(folder, "surrogat.ipynb");
        File.WriteAllText(surrogate, File.ReadAllText(ScratchNotebook.Write(folder, "surrogat.ipynb", "var s = \"X\";")).Replace("X", "\\ud800"));
        string python = Path.Combine(folder, "python.ipynb");
        File.WriteAllText(python, File.ReadAllText(ScratchNotebook.Write(folder, "python.ipynb", "print(1)"))
            .Replace("\"language\": \"C#\"", "\"language\": \"python\"").Replace("\".net-csharp\"", "\"python3\""));
        string outDir = ScratchNotebook.Folder();

        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--parallel", "4", "--output-dir", outDir,
            good, Path.Combine(folder, "dossier.ipynb"), surrogate, python, Path.Combine(folder, "absent.ipynb"));

        Assert.True(code == 2, output);
        NoStackTrace(output);
        Assert.Matches(@"bon\.ipynb\s+ok", output);
        Assert.Equal("bon\n", NotebookText.Join(Notebook.Load(Path.Combine(outDir, "bon.ipynb")).Cells[0].Outputs[0]!["text"]));
        Assert.Contains("dossier.ipynb: this is a folder, not a notebook", output);
        Assert.Contains("surrogat.ipynb, cell 1, line 1: a lone surrogate escape", output);
        Assert.Contains("python.ipynb: the notebook's kernelspec is \"python3\" (language python), not C#", output);
        Assert.Contains("absent.ipynb: no such notebook", output);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(output, @"bad input").Count);
        Assert.Contains("notebooks: 0 cached, 1 run, 4 refused", output);
        Assert.Equal(["bon.ipynb"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    public static TheoryData<string, string> BadConfigurations => new()
    {
        { """{ "tolerance": { "relative": "1e-3" } }""", "tolerance.relative is \"1e-3\", not a number" },
        { """{ "tolerance": { "absolute": -1e-3 } }""", "tolerance.absolute is -0.001: a tolerance is a finite number ≥ 0" },
        { """{ "tolerance": 0.01 }""", "tolerance is not an object" },
        { """{ "tolerance": { "relatif": 0.01 } }""", "tolerance has an unknown key \"relatif\"" },
        { """{ "tolerence": { } }""", "unknown key \"tolerence\"" },
        { """{ "sanitizers": { "pattern": "a" } }""", "sanitizers is not a list" },
        { """{ "sanitizers": [ { "pattern": 3 } ] }""", "sanitizers[0] has no pattern" },
        { """{ "sanitizers": [ { "pattern": "a", "replacement": 1 } ] }""", "sanitizers[0].replacement is not a string" },
        { """[]""", "not a verifier configuration" },
        { """null""", "not a verifier configuration" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_bad_verifier_configuration_is_named_before_anything_runs(string json, string message)
    {
        string path = RunnerFixture.Copy("mismatch.ipynb");
        string config = Path.Combine(Path.GetDirectoryName(path)!, "config.json");
        File.WriteAllText(config, json);
        var (code, output) = RunnerFixture.Run("verify", "--quiet", "--config", config, path);
        Assert.True(code == 2, output);
        Assert.Contains($"config.json: {message}", output);
        NoStackTrace(output);
    }

    [Theory]
    [InlineData("""{ "relative": "0.01" }""", "metadata.coursenotes.tolerance.relative is \"0.01\", not a number")]
    [InlineData("""{ "absolute": -1 }""", "metadata.coursenotes.tolerance.absolute is -1: a tolerance is a finite number ≥ 0")]
    [InlineData("\"0.01\"", "metadata.coursenotes.tolerance is not an object")]
    public void A_bad_cell_tolerance_is_named_with_its_cell_before_anything_runs(string tolerance, string message)
    {
        string folder = ScratchNotebook.Folder();
        string path = ScratchNotebook.Write(folder, "cellule.ipynb", "md:# Titre", "1 + 1");
        var notebook = Notebook.Load(path);
        notebook.Cells[1].Metadata["coursenotes"] = System.Text.Json.Nodes.JsonNode.Parse($$"""{ "tolerance": {{tolerance}} }""");
        notebook.Save(path);
        var (code, output) = RunnerFixture.Run("verify", "--quiet", path);
        Assert.True(code == 2, output);
        Assert.Contains($"cellule.ipynb, cell 2: {message}", output);
        NoStackTrace(output);
    }
}
