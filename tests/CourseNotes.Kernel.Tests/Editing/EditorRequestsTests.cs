using System.Text.Json.Nodes;
using CourseNotes.Kernel.Editing;
using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Tests.Execution;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Editing;

/// <summary>Completion, inspection, is_complete and history on a real engine state (Roslyn's own IDE services).</summary>
[Collection(Interrupts.InProcessEngineCollection.Name)]
public class EditorRequestsTests
{
    private readonly ScriptEngine _engine = new(Repository.Fixtures, new PackageCatalog(
        Path.Combine(AppContext.BaseDirectory, "CourseNotes.Kernel.Tests.deps.json"), AppContext.BaseDirectory));
    private readonly EditorRequests _editor;
    private int _count;

    public EditorRequestsTests() => _editor = new EditorRequests(_engine);

    private async Task Run(string code)
    {
        var outcome = await _engine.ExecuteAsync(code, new RecordingSink(), ++_count, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        _editor.Remember(_count, code);
    }

    private static List<string> Matches(JsonObject reply) => reply["matches"]!.AsArray().Select(m => (string)m!).ToList();

    [Fact]
    public async Task Completes_members_of_the_framework_with_the_span_to_replace_and_kinds()
    {
        await _engine.WarmUpAsync();
        var reply = _editor.Complete("Console.Wri", 11);
        Assert.Equal("ok", (string?)reply["status"]);
        Assert.Equal(["Write", "WriteLine"], Matches(reply));
        Assert.Equal(8, (int?)reply["cursor_start"]);
        Assert.Equal(11, (int?)reply["cursor_end"]);
        var types = reply["metadata"]!["_jupyter_types_experimental"]!.AsArray();
        Assert.All(types, t => Assert.Equal("method", (string?)t!["type"]));
        Assert.Equal(["Write", "WriteLine"], types.Select(t => (string?)t!["text"]));
    }

    [Fact]
    public async Task Completes_what_earlier_cells_defined()
    {
        await Run("var reconstructions = new List<double> { 1.0 };\ndouble Elbo(double reconstruction, double kl) => reconstruction - kl;\nrecord Sample(double Mu, double LogVar);");
        Assert.Contains("reconstructions", Matches(_editor.Complete("recons", 6)));
        Assert.Contains("Elbo", Matches(_editor.Complete("var e = Elb", 11)));
        var members = _editor.Complete("new Sample(0, 1).", 17);
        Assert.Contains("Mu", Matches(members));
        Assert.Contains("LogVar", Matches(members));
        Assert.Contains("AddRange", Matches(_editor.Complete("reconstructions.Add", 19)));
        // After a later cell, the state the workspace mirrors moves on.
        await Run("var kl = 0.5;");
        Assert.Contains("kl", Matches(_editor.Complete("k", 1)));
        Assert.Contains("keyword", _editor.Complete("whi", 3)["metadata"]!["_jupyter_types_experimental"]!.AsArray().Select(t => (string?)t!["type"]));
    }

    [Fact]
    public async Task Completes_types_of_an_assembly_loaded_with_r()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "CourseNotes.Notebooks.dll");
        await Run($"#r \"{library}\"");
        Assert.Contains("Notebook", Matches(_editor.Complete("CourseNotes.Notebooks.Noteb", 27)));
    }

    [Fact]
    public async Task Cursor_offsets_are_code_points()
    {
        await _engine.WarmUpAsync();
        // 𝔼 is one code point and two UTF-16 units: Jupyter counts one.
        string code = "var e = \"𝔼\"; Console.Wri";
        int cursor = code.EnumerateRunes().Count();
        var reply = _editor.Complete(code, cursor);
        Assert.Contains("WriteLine", Matches(reply));
        Assert.Equal(cursor - 3, (int?)reply["cursor_start"]);
    }

    [Fact]
    public async Task Inspection_gives_the_signature_and_the_documentation_summary()
    {
        await Run("/// <summary>The evidence lower bound.</summary>\ndouble Elbo(double reconstruction, double kl) => reconstruction - kl;");
        var reply = _editor.Inspect("Elbo(1, 2)", 4);
        Assert.True((bool?)reply["found"]);
        Assert.Contains("double Elbo(double reconstruction, double kl)", (string?)reply["data"]!["text/plain"]);
        Assert.Contains("The evidence lower bound.", (string?)reply["data"]!["text/plain"]);
        Assert.StartsWith("```csharp\n", (string?)reply["data"]!["text/markdown"]);

        var framework = _editor.Inspect("Console.WriteLine(\"x\")", 15);
        Assert.Contains("Console.WriteLine(string? value)", (string?)framework["data"]!["text/plain"]);
        Requirements.That(Directory.Exists(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref")),
            "the framework's XML documentation comes from the SDK's reference pack, absent here");
        Assert.Contains("Writes the specified string value, followed by the current line terminator", (string?)framework["data"]!["text/markdown"]);

        Assert.False((bool?)_editor.Inspect("   ", 1)["found"]);
    }

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("Console.WriteLine(1)", "complete")]
    [InlineData("if (true) {", "incomplete")]
    [InlineData("var s = \"\"\"\nabc", "incomplete")]
    [InlineData("var x = ;", "invalid")]
    [InlineData("int 3x = 1;", "invalid")]
    [InlineData("#!time\nvar y = 2;", "complete")]
    public void Is_complete_tells_complete_incomplete_and_invalid(string code, string status) =>
        Assert.Equal(status, (string?)EditorRequests.IsComplete(code)["status"]);

    [Fact]
    public async Task History_tail_returns_the_last_cells()
    {
        await Run("var a = 1;");
        await Run("var b = 2;");
        await Run("var c = 3;");
        var history = _editor.History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 2 })["history"]!.AsArray();
        Assert.Equal(["var b = 2;", "var c = 3;"], history.Select(h => (string?)h![2]));
        Assert.Equal([2, 3], history.Select(h => (int)h![1]!));
    }
}
