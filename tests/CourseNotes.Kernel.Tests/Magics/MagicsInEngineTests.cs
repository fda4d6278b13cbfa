using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Tests.Execution;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Magics;

/// <summary>The Polyglot directives in a running engine, with the course library's packages loaded by <c>#r "nuget: …"</c>.</summary>
[Collection(Interrupts.InProcessEngineCollection.Name)]
public class MagicsInEngineTests
{
    private readonly ScriptEngine _engine = new(Repository.Fixtures, PackageCatalog.ForCourseLibrary(AppContext.BaseDirectory));
    private int _count;

    static MagicsInEngineTests() => ConsoleRouting.Install();

    private async Task<(CellOutcome Outcome, RecordingSink Sink)> Run(string code)
    {
        var sink = new RecordingSink();
        var outcome = await _engine.ExecuteAsync(code, sink, ++_count, TestContext.Current.CancellationToken);
        return (outcome, sink);
    }

    private static void RequirePublishedLibrary()
    {
        string deps = Path.Combine(Repository.Root, PackageCatalog.LibraryFolder, "CourseNotes.deps.json");
        Requirements.That(File.Exists(deps), $"needs the published course library ({deps}): dotnet cake --target=PublishLib");
    }

    [Fact]
    public async Task Whos_shows_variables_of_earlier_cells_tensors_as_shape_dtype_and_device()
    {
        RequirePublishedLibrary();
        var (loaded, _) = await Run("#r \"nuget: TorchSharp-cpu, 0.107.0\"\nusing TorchSharp;\nvar poids = torch.zeros(128, 784);\nvar n = 3;");
        Assert.True(loaded.Succeeded, loaded.ErrorValue);
        Assert.True((await Run("var n = 4;")).Outcome.Succeeded);
        var (outcome, sink) = await Run("#!whos\nvar après = 1;");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        string text = (string)Assert.Single(sink.Displays).Bundle.Data["text/plain"]!;
        string[] lines = text.Split('\n');
        Assert.Equal(3, lines.Length); // header, poids, n (once, with its latest value); not the cell's own variable
        Assert.Matches(@"^poids\s+TorchSharp\.torch\+Tensor\s+Tensor \[128, 784\] Float32 cpu$", lines[1]);
        Assert.Matches(@"^n\s+System\.Int32\s+4$", lines[2]);

        var (_, who) = await Run("#!who");
        Assert.Equal("poids\tn\taprès", (string?)who.Displays[0].Bundle.Data["text/plain"]);
    }

    [Fact]
    public async Task NuGet_directive_serves_plotly_and_names_only_the_course_librarys_packages_when_it_refuses()
    {
        RequirePublishedLibrary();
        var (outcome, _) = await Run("#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: MathNet.Numerics\"\nusing Plotly.NET;\nMathNet.Numerics.SpecialFunctions.Gamma(5) + typeof(GenericChart).Assembly.GetName().Version!.Major");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal(30.0, (double)outcome.ReturnValue!, 9); // Γ(5) = 4! = 24, plus Plotly.NET's major version 6

        var unknown = (await Run("var x = 1;\n#r \"nuget: Humanizer, 2.14.1\"")).Outcome;
        Assert.Equal("DirectiveError", unknown.ErrorName);
        Assert.StartsWith("line 2: the package Humanizer is not available to this kernel (no download happens at run time); it serves the course library's packages: ", unknown.ErrorValue);
        Assert.DoesNotContain("NetMQ", unknown.ErrorValue);
    }

    [Fact]
    public async Task Lsmagic_and_about_display_before_the_cell_runs()
    {
        var (outcome, sink) = await Run("#!lsmagic\n#!about\nConsole.WriteLine(\"ensuite\");");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal(2, sink.Displays.Count);
        Assert.Contains("#!whos", (string)sink.Displays[0].Bundle.Data["text/plain"]!);
        Assert.Contains("Roslyn", (string)sink.Displays[1].Bundle.Data["text/plain"]!);
        Assert.Equal("ensuite\n", sink.Stdout);
    }

    [Fact]
    public async Task Markdown_only_on_the_first_line()
    {
        var (outcome, _) = await Run("var y = 1;\n#!markdown");
        Assert.Equal("line 2: #!markdown must be the cell's first line (the whole cell is then markdown).", outcome.ErrorValue);
    }
}
