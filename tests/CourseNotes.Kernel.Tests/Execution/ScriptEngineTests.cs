using CourseNotes.Kernel.Execution;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Execution;

/// <summary>The engine in-process (one per test class instance), with the process-wide console routed as the kernel does.</summary>
[Collection(Interrupts.InProcessEngineCollection.Name)]
public class ScriptEngineTests
{
    private readonly ScriptEngine _engine = new(Repository.Fixtures, new PackageCatalog(
        Path.Combine(AppContext.BaseDirectory, "CourseNotes.Kernel.Tests.deps.json"), AppContext.BaseDirectory));
    private int _count;

    static ScriptEngineTests() => ConsoleRouting.Install();

    private async Task<(CellOutcome Outcome, RecordingSink Sink)> Run(string code)
    {
        var sink = new RecordingSink();
        var outcome = await _engine.ExecuteAsync(code, sink, ++_count, TestContext.Current.CancellationToken);
        return (outcome, sink);
    }

    [Fact]
    public async Task State_carries_over_between_cells()
    {
        await Run("var a = 40;\nint Add(int x, int y) => x + y;\nrecord Pair(int A, int B);");
        var (outcome, _) = await Run("Add(a, new Pair(1, 1).B + 1)");
        Assert.True(outcome.Succeeded);
        Assert.True(outcome.HasReturnValue);
        Assert.Equal(42, outcome.ReturnValue);
    }

    [Fact]
    public async Task A_trailing_void_call_or_statement_has_no_value()
    {
        Assert.False((await Run("Console.WriteLine(1)")).Outcome.HasReturnValue);
        Assert.False((await Run("var b = 1;")).Outcome.HasReturnValue);
        Assert.False((await Run("await Task.Delay(1)")).Outcome.HasReturnValue);
        Assert.True((await Run("await Task.FromResult(3)")).Outcome.HasReturnValue);
    }

    [Fact]
    public async Task Default_usings_and_display_are_there()
    {
        var (outcome, sink) = await Run("var sb = new StringBuilder(\"x\");\nvar list = new List<int> { 1 }.Select(i => i).ToList();\ndisplay(\"é\");\n42.Display();");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("é", (string?)sink.Displays[0].Bundle.Data["text/plain"]);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", (string?)sink.Displays[1].Bundle.Data["text/html"]);
    }

    [Fact]
    public async Task Display_handles_update_in_place_with_ids_from_the_cell()
    {
        var (_, sink) = await Run("var h = display(\"0 %\");\nh.Update(\"50 %\");\nh.Update(\"100 %\");");
        Assert.Equal([false, true, true], sink.Displays.Select(d => d.Update));
        Assert.All(sink.Displays, d => Assert.Equal(sink.Displays[0].DisplayId, d.DisplayId));
        Assert.StartsWith($"cell{_count}-display", sink.Displays[0].DisplayId);
        var (_, again) = await Run("display(1); display(2);");
        // Unique in the kernel session: a later cell's displays never reuse an id.
        Assert.Equal(3, again.Displays.Concat(sink.Displays).Select(d => d.DisplayId).Distinct().Count());
        Assert.Equal("100 %", (string?)sink.Displays[^1].Bundle.Data["text/plain"]);
    }

    [Fact]
    public async Task Compile_errors_give_the_cell_line()
    {
        var (outcome, _) = await Run("var ok = 1;\nvar z = inconnu + 1;");
        Assert.False(outcome.Succeeded);
        Assert.Equal("CompilationError", outcome.ErrorName);
        Assert.StartsWith("(2,9): error CS0103", outcome.ErrorValue);
    }

    [Fact]
    public async Task A_cell_that_does_not_bind_runs_nothing_and_gives_its_own_columns()
    {
        // The engine binds the rewritten cell first; its errors must still be the cell's as written, and no statement may run.
        var (outcome, sink) = await Run("Console.WriteLine(\"lancé\");\nvar n = Enumerable.Range(0, 3).Select(i => i + inconnu).Sum();");
        Assert.False(outcome.Succeeded);
        Assert.Equal("CompilationError", outcome.ErrorName);
        Assert.StartsWith("(2,48): error CS0103", outcome.ErrorValue);
        Assert.Equal("", sink.Stdout);
        var (syntax, _) = await Run("var a = (1 + ;");
        Assert.Equal("CompilationError", syntax.ErrorName);
        Assert.StartsWith("(1,14): error CS1525", syntax.ErrorValue);
    }

    [Fact]
    public async Task Exceptions_give_the_cell_line()
    {
        var (outcome, _) = await Run("var x = 1;\n\nthrow new InvalidOperationException(\"raté\");");
        Assert.False(outcome.Succeeded);
        Assert.Equal("System.InvalidOperationException", outcome.ErrorName);
        Assert.Equal("line 3: raté", outcome.ErrorValue);
    }

    [Fact]
    public async Task A_libtorch_error_reads_without_its_native_backtrace()
    {
        // The message TorchSharp gives for zeros(2, 3).view(7), shortened: libtorch's text, then its C++ frames.
        const string message = "shape '[7]' is invalid for input of size 6\\nException raised from infer_size_impl at /pytorch/aten/src/ATen/InferSize.h:94 (most recent call first):\\nframe #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xb0\\nframe #1: c10::detail::torchCheckFail(char const*, char const*, unsigned int, std::string const&) + 0xfa";
        var (outcome, _) = await Run($"var x = 1;\nthrow new System.Runtime.InteropServices.ExternalException(\"{message}\");");
        Assert.Equal("line 2: shape '[7]' is invalid for input of size 6", outcome.ErrorValue);
        Assert.Equal("System.Runtime.InteropServices.ExternalException: shape '[7]' is invalid for input of size 6", outcome.Traceback![0]);
        Assert.DoesNotContain(outcome.Traceback, l => l.Contains("frame #", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stdout_and_stderr_go_to_the_running_cell()
    {
        var (_, sink) = await Run("Console.WriteLine(\"dehors\");\nConsole.Error.Write(\"erreur\");");
        Assert.Equal("dehors\n", sink.Stdout);
        Assert.Contains(("stderr", "erreur"), sink.Streams);
    }

    [Fact]
    public async Task Writes_from_a_cells_background_thread_stay_with_that_cell()
    {
        var (_, first) = await Run("var go = new System.Threading.ManualResetEventSlim();\nvar done = new System.Threading.ManualResetEventSlim();\nnew System.Threading.Thread(() => { go.Wait(); Console.WriteLine(\"fil\"); done.Set(); }).Start();");
        var (_, second) = await Run("go.Set();\ndone.Wait();\nConsole.WriteLine(\"deux\");");
        Assert.Equal("deux\n", second.Stdout);
        Assert.Equal("fil\n", first.Stdout);
    }

    [Fact]
    public async Task Other_directives()
    {
        var (timed, sink) = await Run("#!time\nvar t = 1;");
        Assert.True(timed.Succeeded);
        Assert.Matches(@"^Wall time: [0-9.]+ms\n$", sink.Stdout);

        var imported = (await Run("#!import helper.csx\nHelper.Greeting(\"toi\")")).Outcome;
        Assert.Equal("Bonjour, toi !", imported.ReturnValue);

        Assert.True((await Run("#i \"nuget: https://example.invalid/v3/index.json\"\n#!csharp\nvar s = 1;")).Outcome.Succeeded);
        var (markdown, shown) = await Run("#!markdown\n# Titre\n\nDu *texte*.");
        Assert.True(markdown.Succeeded);
        Assert.False(markdown.HasReturnValue);
        Assert.Equal("# Titre\n\nDu *texte*.", (string?)Assert.Single(shown.Displays).Bundle.Data["text/markdown"]);
        var unsupported = (await Run("#!pwsh\nGet-Date")).Outcome;
        Assert.Equal("DirectiveError", unsupported.ErrorName);
        Assert.Equal("line 1: #!pwsh is not supported by this C# kernel (it supports #!markdown, #!csharp, #!time, #!import, #!who, #!whos, #!lsmagic, #!about; #!lsmagic describes them).", unsupported.ErrorValue);
    }

    [Fact]
    public async Task Relative_assembly_references_load_that_very_file()
    {
        // A library built now into a new folder, referenced by a path relative to the notebook's folder.
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string dll = Path.Combine(folder, "Cours.Exemple.dll");
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Cours.Exemple",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Cours { public static class Exemple { public static string Nom => \"exemple\"; } }", cancellationToken: TestContext.Current.CancellationToken)],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using (var stream = File.Create(dll))
            Assert.True(compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken).Success);
        string relative = Path.GetRelativePath(Repository.Fixtures, dll).Replace('\\', '/');
        var (outcome, _) = await Run($"#r \"{relative}\"\ntypeof(Cours.Exemple).Assembly.Location + \" \" + Cours.Exemple.Nom");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal($"{dll} exemple", outcome.ReturnValue);
    }

    [Fact]
    public async Task Formatters_registered_by_a_cell_are_used_as_in_the_Polyglot_kernel()
    {
        await Run("using Microsoft.DotNet.Interactive.Formatting;\nrecord Fraction(int P, int Q);\nFormatter.Register<Fraction>(f => $\"<b>{f.P}/{f.Q}</b>\", \"text/html\");");
        var (_, sink) = await Run("display(new Fraction(1, 3), \"text/html\");");
        Assert.Equal("<b>1/3</b>", (string?)sink.Displays[0].Bundle.Data["text/html"]);
    }

    [Fact]
    public async Task Other_framework_assemblies_load_by_name()
    {
        var (outcome, _) = await Run("#r \"System.Text.Json\"\nSystem.Text.Json.JsonSerializer.Serialize(new[] { 1, 2 })");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("[1,2]", outcome.ReturnValue);
    }

    [Fact]
    public void The_kernel_does_not_reference_the_course_library()
    {
        // Otherwise #r "../artifacts/lib/CourseNotes.dll" would bind to the kernel's own, possibly stale, copy.
        Assert.DoesNotContain(typeof(ScriptEngine).Assembly.GetReferencedAssemblies(), a => a.Name == "CourseNotes");
    }

    [Fact]
    public void Sequences_of_records_format_as_an_html_table_and_png_bytes_as_images()
    {
        var table = OutputFormatter.Format(new[] { new { Nom = "Alice" } });
        Assert.StartsWith("<table>", (string?)table.Data["text/html"]);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0];
        Assert.Equal(Convert.ToBase64String(png), (string?)OutputFormatter.Format(png).Data["image/png"]);
        Assert.Equal("texte", (string?)OutputFormatter.Format("texte").Data["text/plain"]);
    }
}
