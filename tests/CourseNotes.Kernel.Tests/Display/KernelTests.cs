using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Tests.Execution;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Display;

/// <summary>The Polyglot kernel's static API a cell calls without a using: HTML, GetPasswordAsync.</summary>
[Collection(Interrupts.InProcessEngineCollection.Name)]
public class KernelTests
{
    private readonly ScriptEngine _engine = new(Repository.Fixtures, PackageCatalog.ForCourseLibrary(AppContext.BaseDirectory));

    static KernelTests() => ConsoleRouting.Install();

    [Fact]
    public async Task Html_is_shown_as_it_is()
    {
        var sink = new RecordingSink();
        var outcome = await _engine.ExecuteAsync("display(HTML(\"<b>gras</b>\"));\nHTML(\"<i>valeur</i>\")", sink, 1, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("<b>gras</b>", (string?)sink.Displays[0].Bundle.Data["text/html"]);
        var value = OutputFormatter.Format(outcome.ReturnValue);
        Assert.Equal("<i>valeur</i>", (string?)value.Data["text/html"]);
        Assert.True(value.Data.ContainsKey("text/plain"));
    }

    [Fact]
    public async Task GetPasswordAsync_asks_for_hidden_input_and_never_shows_the_secret()
    {
        var sink = new RecordingSink();
        sink.Answers.Enqueue("s3cret");
        var outcome = await _engine.ExecuteAsync(
            "var mdp = await GetPasswordAsync(\"Mot de passe\");\nConsole.WriteLine(mdp.GetClearTextPassword().Length);\nmdp",
            sink, 1, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal([("Mot de passe", true)], sink.InputRequests);
        Assert.Equal("6\n", sink.Stdout);
        var shown = OutputFormatter.Format(outcome.ReturnValue);
        Assert.DoesNotContain("s3cret", shown.Data.ToJsonString());
        Assert.Contains("************", (string)shown.Data["text/plain"]!);
    }
}
