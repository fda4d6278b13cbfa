using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests;

public class VerifyTests
{
    [Fact]
    public void A_mismatching_output_is_shown_with_notebook_cell_and_line()
    {
        var (code, output) = RunnerFixture.Run("verify", "--quiet", RunnerFixture.Copy("mismatch.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("mismatch.ipynb, cell 1: output 1 (stream): line 1\n    stored: valeur : 0.7\n    fresh:  valeur : 0.5", output);
    }

    [Fact]
    public void Numbers_within_tolerance_and_sanitised_text_match()
    {
        string path = RunnerFixture.Copy("tolerance.ipynb", "verify.json");
        var (code, output) = RunnerFixture.Run("verify", "--quiet", path);
        Assert.True(code == 0, output);

        string strict = Path.Combine(Path.GetDirectoryName(path)!, "strict.json");
        File.WriteAllText(strict, """{ "tolerance": { "relative": 0, "absolute": 0 } }""");
        var (strictCode, strictOutput) = RunnerFixture.Run("verify", "--quiet", "--config", strict, path);
        Assert.Equal(1, strictCode);
        Assert.Contains("tolerance.ipynb, cell 1: output 1 (stream): line 1", strictOutput);
        Assert.Contains("tolerance.ipynb, cell 3", strictOutput); // no sanitiser for the duration without verify.json
    }

    [Fact]
    public void Tags_skip_ignore_and_expect_errors_with_nbval_names_too()
    {
        var (code, output) = RunnerFixture.Run("verify", "--quiet", RunnerFixture.Copy("tags.ipynb"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Accept_stores_the_fresh_outputs_after_an_edit()
    {
        string path = RunnerFixture.Copy("mismatch.ipynb");
        var (code, output) = RunnerFixture.Run("accept", "--quiet", path);
        Assert.Equal(0, code);
        Assert.Contains("stored: valeur : 0.7", output);
        Assert.Equal("valeur : 0.5\n", NotebookText.Join(Notebook.Load(path).Cells[0].Outputs[0]!["text"]));
        Assert.Equal(0, RunnerFixture.Run("verify", "--quiet", path).ExitCode);
    }

    [Fact]
    public void A_bad_configuration_is_named()
    {
        string path = RunnerFixture.Copy("mismatch.ipynb");
        string config = Path.Combine(Path.GetDirectoryName(path)!, "bad.json");
        File.WriteAllText(config, """{ "sanitizers": [ { "pattern": "(" } ] }""");
        var (code, output) = RunnerFixture.Run("verify", "--quiet", "--config", config, path);
        Assert.Equal(2, code);
        Assert.Contains("bad.json: the sanitizer pattern ( is not a valid regular expression", output);
    }

    [Fact]
    public void A_backtracking_sanitizer_is_reported_with_its_file_notebook_and_cell()
    {
        string folder = ScratchNotebook.Folder();
        string path = ScratchNotebook.Write(folder, "motif.ipynb", "Console.WriteLine(new string('a', 40) + \"!\");");
        var notebook = Notebook.Load(path);
        notebook.Cells[0].Outputs.Add(new System.Text.Json.Nodes.JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = new string('a', 40) + "!\n" });
        notebook.Save(path);
        File.WriteAllText(Path.Combine(folder, "verify.json"), """{ "sanitizers": [ { "pattern": "(a+)+b", "replacement": "" } ] }""");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output) = RunnerFixture.Run("verify", "--quiet", path);
        Assert.True(code == 2, output);
        Assert.Contains($"verify.json: the sanitizer pattern (a+)+b ran past its time limit (2 s) on an output of {path}, cell 1: it backtracks", output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), clock.Elapsed.ToString());
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, RunnerFixture.Run().ExitCode);
        Assert.Equal(2, RunnerFixture.Run("execute").ExitCode);
        Assert.Equal(2, RunnerFixture.Run("execute", "--timeout", "-1", "x.ipynb").ExitCode);
        Assert.Equal(2, RunnerFixture.Run("frobnicate").ExitCode);
        Assert.Equal(2, RunnerFixture.Run("execute", "missing.ipynb").ExitCode);
    }
}
