using System.Diagnostics;
using CourseNotes.Notebooks;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Runner.Tests;

public class ExecuteTests
{
    private static string OutputDirectory() => Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_Polyglot_format_fixture_executes_unchanged_with_the_real_kernels_outputs()
    {
        string path = RunnerFixture.Copy("polyglot-format.ipynb");
        var (code, output) = RunnerFixture.Run("verify", "--quiet", path);
        Assert.True(code == 0, output);
        Assert.Contains("outputs match", output);
    }

    [Fact]
    public void Executing_stores_outputs_in_the_Polyglot_layout_and_caches()
    {
        string path = RunnerFixture.Copy("kernel-features.ipynb", "helper.csx");
        string before = File.ReadAllText(path);
        string outDir = OutputDirectory();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, path);
        Assert.True(code == 0, output);
        Assert.Equal(before, File.ReadAllText(path));

        var executed = Notebook.Load(Path.Combine(outDir, "kernel-features.ipynb"));
        var value = executed.Cells[1];
        Assert.Equal(1, value.ExecutionCount);
        Assert.Equal("display_data", (string?)value.Outputs[0]!["output_type"]);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", NotebookText.Join(value.Outputs[0]!["data"]!["text/html"]));
        Assert.NotNull(value.Metadata["execution"]?["shell.execute_reply"]);
        var live = executed.Cells[8];
        Assert.Single(live.Outputs);
        Assert.Equal("100 %", NotebookText.Join(live.Outputs[0]!["data"]!["text/plain"]));
        Assert.Equal("Wall time: …", new VerifyConfig().Sanitize(NotebookText.Join(executed.Cells[10].Outputs[0]!["text"])).TrimEnd());

        Assert.Contains("notebooks: 0 cached, 1 run", output);
        var (again, cached) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, path);
        Assert.Equal(0, again);
        Assert.Contains("notebooks: 1 cached, 0 run", cached);
        var (forced, rerun) = RunnerFixture.Run("execute", "--quiet", "--force", "--output-dir", outDir, path);
        Assert.Equal(0, forced);
        Assert.Contains("notebooks: 0 cached, 1 run", rerun);
    }

    [Fact]
    public void A_notebook_re_executed_with_the_same_outputs_is_not_rewritten()
    {
        string path = RunnerFixture.Copy("polyglot-format.ipynb");
        string outDir = OutputDirectory();
        string target = Path.Combine(outDir, "polyglot-format.ipynb");
        Assert.Equal(0, RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, path).ExitCode);
        string written = File.ReadAllText(target);
        var modified = File.GetLastWriteTimeUtc(target);

        // Forced, it runs again; the outputs are the same, so the file keeps its bytes, timestamps included, and is not even rewritten.
        var (forced, rerun) = RunnerFixture.Run("execute", "--quiet", "--force", "--output-dir", outDir, path);
        Assert.True(forced == 0, rerun);
        Assert.Contains("same outputs", rerun);
        Assert.Equal(written, File.ReadAllText(target));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(target));

        // A changed cell runs again and is written with its new outputs and a new key.
        var edited = Notebook.Load(path);
        edited.Cells[1].Source = edited.Cells[1].Source.Replace("6 * 7", "6 * 8");
        edited.Save(path);
        var (changed, rewritten) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, path);
        Assert.True(changed == 0, rewritten);
        Assert.Contains("notebooks: 0 cached, 1 run", rewritten);
        var executed = Notebook.Load(target);
        Assert.Contains("<pre>48</pre>", NotebookText.Join(executed.Cells[1].Outputs[0]!["data"]!["text/html"]));
        Assert.NotEqual(ExecutionCache.StoredKey(Notebook.Parse(written, target)), ExecutionCache.StoredKey(executed));
    }

    [Fact]
    public void Two_executions_give_the_same_outputs()
    {
        string path = RunnerFixture.Copy("kernel-features.ipynb", "helper.csx");
        string a = OutputDirectory(), b = OutputDirectory();
        Assert.Equal(0, RunnerFixture.Run("execute", "--quiet", "--output-dir", a, path).ExitCode);
        Assert.Equal(0, RunnerFixture.Run("execute", "--quiet", "--output-dir", b, path).ExitCode);
        var first = Notebook.Load(Path.Combine(a, "kernel-features.ipynb"));
        var second = Notebook.Load(Path.Combine(b, "kernel-features.ipynb"));
        var config = new VerifyConfig();
        for (int i = 0; i < first.Cells.Count; i++)
            Assert.Null(OutputComparer.FirstDifference(first.Cells[i].Outputs, second.Cells[i].Outputs, config, config.Tolerance));
    }

    [Fact]
    public void In_place_rewrites_the_source_only_when_every_cell_succeeds()
    {
        string ok = RunnerFixture.Copy("parameters.ipynb");
        Assert.Equal(0, RunnerFixture.Run("execute", "--quiet", "--in-place", ok).ExitCode);
        Assert.Equal("défaut : 4\n", NotebookText.Join(Notebook.Load(ok).Cells[1].Outputs[0]!["text"]));

        string failing = RunnerFixture.Copy("exception.ipynb");
        string before = File.ReadAllText(failing);
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--in-place", failing);
        Assert.Equal(1, code);
        Assert.Contains("exception.ipynb, cell 2: error: System.DivideByZeroException: line 3", output);
        Assert.Equal(before, File.ReadAllText(failing));
    }

    [Fact]
    public void Compile_errors_name_notebook_cell_and_line_and_stop_the_run()
    {
        string path = RunnerFixture.Copy("compile-error.ipynb");
        string outDir = OutputDirectory();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, path);
        Assert.Equal(1, code);
        Assert.Contains("compile-error.ipynb, cell 2: error: CompilationError: (2,9): error CS0103", output);
        var executed = Notebook.Load(Path.Combine(outDir, "compile-error.ipynb"));
        Assert.Equal("error", (string?)executed.Cells[1].Outputs[0]!["output_type"]);
        Assert.Empty(executed.Cells[2].Outputs);
    }

    [Fact]
    public void A_CPU_bound_endless_loop_is_interrupted_and_the_kernel_kept()
    {
        // The kernel rewrites loops to observe interrupts (CourseNotes.Kernel.Interrupts): no need to end it.
        string path = RunnerFixture.Copy("endless-loop.ipynb");
        var clock = Stopwatch.StartNew();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--timeout", "3", "--output-dir", OutputDirectory(), path);
        Assert.Equal(1, code);
        Assert.Contains("endless-loop.ipynb, cell 1: timeout: the cell did not finish within 3 s", output);
        Assert.DoesNotContain("kernel was ended", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), clock.Elapsed.ToString());
    }

    [Fact]
    public void A_blocked_cell_is_interrupted_and_the_kernel_kept()
    {
        // The first cell warms the kernel up (a cold compile takes seconds on a loaded machine: over 15 s
        // was seen at load 16–20 on 2 cores), so the interrupt reaches a cell that is already asleep; the
        // cell timeout and the grace for the kernel's answer are generous, as the point is that it answers,
        // however loaded the machine (the command line's grace is 5 s).
        string path = RunnerFixture.Copy("sleep-loop.ipynb");
        var options = new ExecutionOptions(KernelLauncher.Beside(), TimeSpan.FromSeconds(40)) { InterruptGrace = TimeSpan.FromSeconds(60) };
        var run = NotebookExecutor.Execute(Notebook.Load(path), options);
        Assert.Equal([CellStatus.Ok, CellStatus.Timeout], run.Cells.Select(c => c.Status));
        Assert.Equal("the cell did not finish within 40 s", run.Cells[1].Message);
    }

    [Fact]
    public void A_kernel_that_dies_is_reported()
    {
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", OutputDirectory(), RunnerFixture.Copy("kernel-dies.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("kernel-dies.ipynb, cell 2: kernel-died: the kernel died (exit code 3)", output);
    }

    [Fact]
    public void Huge_outputs_are_cut_with_a_note()
    {
        string outDir = OutputDirectory();
        Assert.Equal(0, RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, RunnerFixture.Copy("huge-output.ipynb")).ExitCode);
        var outputs = Notebook.Load(Path.Combine(outDir, "huge-output.ipynb")).Cells[0].Outputs;
        Assert.Equal(1_000_000, NotebookText.Join(outputs[0]!["text"]).Length);
        Assert.Matches(@"sortie tronquée : \d+ caractères omis", NotebookText.Join(outputs[1]!["text"]));
    }

    [Theory]
    [InlineData("invalid-json.ipynb", "invalid-json.ipynb, line 6: not valid JSON")]
    [InlineData("nbformat3.ipynb", "nbformat3.ipynb: nbformat 3 is not supported")]
    [InlineData("no-kernelspec.ipynb", "no-kernelspec.ipynb: the notebook has no kernelspec")]
    [InlineData("other-language.ipynb", "other-language.ipynb, cell 2: this cell is in \"fsharp\"")]
    public void Bad_notebooks_exit_2_with_a_clear_message_and_stay_untouched(string name, string expected)
    {
        string path = RunnerFixture.Copy(name);
        byte[] before = File.ReadAllBytes(path);
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--in-place", path);
        Assert.Equal(2, code);
        Assert.Contains(expected, output);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Unknown_directives_and_packages_are_named()
    {
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", OutputDirectory(),
            RunnerFixture.Copy("unknown-package.ipynb"), RunnerFixture.Copy("unknown-directive.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("unknown-package.ipynb, cell 1: error: DirectiveError: line 1: the package Newtonsoft.Json is not available", output);
        Assert.Contains("unknown-directive.ipynb, cell 1: error: DirectiveError: line 1: #!fsharp is not supported", output);
    }

    [Fact]
    public void Parameters_are_injected_after_the_parameters_cell()
    {
        string outDir = OutputDirectory();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, "-p", "n=5", "-p", "nom=réglé", RunnerFixture.Copy("parameters.ipynb"));
        Assert.True(code == 0, output);
        var executed = Notebook.Load(Path.Combine(outDir, "parameters.ipynb"));
        Assert.True(executed.Cells[1].HasTag("injected-parameters"));
        Assert.Equal("réglé : 25\n", NotebookText.Join(executed.Cells[2].Outputs[0]!["text"]));
    }

    [Fact]
    public void Notebooks_run_in_parallel_and_writes_from_old_cells_stay_with_their_cell()
    {
        string outDir = OutputDirectory();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--parallel", "2", "--output-dir", outDir,
            RunnerFixture.Copy("background-thread.ipynb"), RunnerFixture.Copy("parameters.ipynb"), RunnerFixture.Copy("nbformat45.ipynb"));
        Assert.True(code == 0, output);
        var threads = Notebook.Load(Path.Combine(outDir, "background-thread.ipynb"));
        // The thread started by cell 1 prints while cell 2 runs: its line joins cell 1's output (as JupyterLab shows it), never cell 2's, never lost.
        Assert.Equal("cellule 1\ndu fil de la cellule 1\n", NotebookText.Join(threads.Cells[0].Outputs[0]!["text"]));
        Assert.Single(threads.Cells[0].Outputs);
        Assert.Equal("cellule 2\n", NotebookText.Join(threads.Cells[1].Outputs[0]!["text"]));
        Assert.Equal("premiere", Notebook.Load(Path.Combine(outDir, "nbformat45.ipynb")).Cells[0].Id);
    }

    [Fact]
    public void The_course_library_loads_from_its_published_folder_with_TorchSharp()
    {
        RequirePublishedLibrary();
        string outDir = OutputDirectory();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, Path.Combine(Repository.Fixtures, "course-library.ipynb"));
        Assert.True(code == 0, output);
        var executed = Notebook.Load(Path.Combine(outDir, "course-library.ipynb"));
        Assert.Contains("<pre>0.5</pre>", NotebookText.Join(executed.Cells[1].Outputs[0]!["data"]!["text/html"]));
        Assert.Contains("<pre>6</pre>", NotebookText.Join(executed.Cells[2].Outputs[0]!["data"]!["text/html"]));
        Assert.Contains("<pre>True</pre>", NotebookText.Join(executed.Cells[3].Outputs[0]!["data"]!["text/html"]));
        var chart = executed.Cells[4].Outputs[0]!["data"]!["application/vnd.plotly.v1+json"]!;
        Assert.Equal("écart des moyennes", (string?)chart["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal([0.0, 0.5, 2.0], chart["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        // In the kernel, MKL computes on the AVX2 branch the library fixed (CpuCodePath), unless the user chose one, on
        // every vendor's processor: elsewhere than on Intel's, MKL would keep AUTO (2) without the library's IntelCpuShim.
        bool fixedHere = CpuPath.Fixable && Environment.GetEnvironmentVariable("MKL_CBWR") is null;
        if (fixedHere) Assert.Contains("<pre>10</pre>", NotebookText.Join(executed.Cells[5].Outputs[0]!["data"]!["text/html"]));
    }

    [Fact]
    public void A_false_claim_in_report_mode_is_written_and_the_next_cells_run_until_strict_mode_stops_the_notebook()
    {
        RequirePublishedLibrary();
        string outDir = OutputDirectory();
        var (code, output) = RunnerFixture.Run("execute", "--quiet", "--output-dir", outDir, Path.Combine(Repository.Fixtures, "claims-report.ipynb"));
        Assert.True(code == 1, output);
        Assert.Contains("claims-report.ipynb, cell 4: error: CourseNotes.Claims.ClaimFailedException: line 2: Affirmation fausse\u00A0: la dernière, qui arrête le notebook — la condition est fausse.", output);
        var executed = Notebook.Load(Path.Combine(outDir, "claims-report.ipynb"));
        var reported = executed.Cells[1].Outputs.Single();
        Assert.Equal("stderr", (string?)reported!["name"]);
        string[] lines = NotebookText.Join(reported["text"]).TrimEnd('\n').Split('\n');
        Assert.Equal("✗ Affirmation fausse\u00A0: une affirmation fausse — 0,7 au lieu de 0,5, écart 0,2 > 0,01.", lines[0]);
        Assert.Equal("(COURSENOTES_CLAIMS=report\u00A0: les affirmations fausses sont signalées sans arrêter la cellule.)", lines[1]);
        Assert.Equal("✗ Affirmation fausse\u00A0: une autre — la condition est fausse.", lines[2]);   // the reason, once
        Assert.Equal(3, lines.Length);
        Assert.Equal("✓ la cellule suivante s’exécute\n", NotebookText.Join(executed.Cells[2].Outputs.Single()!["text"]));
    }

    private static void RequirePublishedLibrary()
    {
        string library = Path.Combine(Repository.Root, "artifacts", "lib", "CourseNotes.dll");
        if (File.Exists(library)) return;
        if (Requirements.RequiredByCi) Assert.Fail("Required in CI: artifacts/lib/CourseNotes.dll (dotnet cake --target=PublishLib)");
        Assert.Skip("needs the published library: dotnet tool restore && dotnet cake --target=PublishLib");
    }
}
