using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CourseNotes.Tests.Shared;
using Microsoft.Playwright;

namespace CourseNotes.Kernel.Tests.Browser;

/// <summary>
/// The kernel as a student meets it in Debian's classic Jupyter Notebook 6.4, in Debian's Chromium driven by
/// Playwright (through ExecutablePath, never <c>playwright install</c>): chapter 1 opened in the Notebook UI,
/// Cell → Run All, every chart seen as a picture (Notebook 6 has no Plotly renderer: the kernel's static SVG
/// fallback), Tab completion of <c>Console.Wri</c>, and Kernel → Interrupt of <c>while (true) {}</c> with the
/// chapter's variables kept. Prints the completion round trip and the interrupt time. Skips locally without
/// jupyter-notebook or Chromium; required in CI (.ci/run installs both).
/// </summary>
public class ClassicNotebookTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Chapter = "01-modeles-latents.ipynb";

    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [Fact]
    public async Task A_student_runs_chapter_1_sees_its_charts_completes_and_interrupts_in_classic_Notebook()
    {
        Requirements.That(File.Exists(NotebookServer.Program), "needs Debian's classic Jupyter Notebook 6 (apt-get install jupyter-notebook)");
        Requirements.PythonModules("notebook");
        Requirements.That(File.Exists(Chromium), "needs Chromium (apt-get install chromium)");
        string library = Path.Combine(Repository.Root, "artifacts", "lib", "CourseNotes.dll");
        Requirements.That(File.Exists(library), "the chapter loads artifacts/lib/CourseNotes.dll: run `dotnet cake --target=PublishLib` (the Test target does)");

        // A copy of the chapter, without outputs, beside links to the published library (its #r "../artifacts/lib/…" resolves) and the images.
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        string served = Path.Combine(folder, "work");
        Directory.CreateDirectory(Path.Combine(served, "notebooks"));
        foreach (string linked in new[] { "artifacts", "images" })
            Directory.CreateSymbolicLink(Path.Combine(served, linked), Path.Combine(Repository.Root, linked));
        int charts = WriteChapterCopy(Path.Combine(Repository.Root, "notebooks", Chapter), Path.Combine(served, "notebooks", Chapter));
        Kernelspec.Install(Path.Combine(folder, "jupyter", "data", "kernels"));

        await using var server = await NotebookServer.StartAsync(served, Path.Combine(folder, "jupyter"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArguments });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        try
        {
            await page.GotoAsync(server.NotebookUrl($"notebooks/{Chapter}"));
            await page.WaitForFunctionAsync("() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
                null, new PageWaitForFunctionOptions { Timeout = 120_000 });
            Assert.Equal(Kernelspec.Name, await page.EvaluateAsync<string>("() => Jupyter.notebook.kernel.name"));

            // Cell → Run All, as a student does; wait until every code cell has its execution count and the kernel is idle.
            var runAll = Stopwatch.StartNew();
            await page.ClickAsync("#celllink");
            await page.ClickAsync("#run_all_cells");
            await page.WaitForFunctionAsync(
                "() => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').every(c => typeof c.input_prompt_number === 'number')" +
                " && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
                null, new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 250 });
            runAll.Stop();
            Assert.Equal(0, await page.Locator(".output_error").CountAsync());

            // Every chart shows as a picture: the text/html fallback, an <img> of the chart's SVG, decoded by the browser.
            var pictures = page.Locator(".output_area img[src^='data:image/svg+xml']");
            Assert.Equal(charts, await pictures.CountAsync());
            for (int i = 0; i < charts; i++)
            {
                var picture = pictures.Nth(i);
                await picture.ScrollIntoViewIfNeededAsync();
                Assert.True(await picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 100"), $"chart {i + 1} did not render");
                Assert.StartsWith("Graphique\u00A0: ", await picture.GetAttributeAsync("alt"));
                await picture.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, $"chart-{i + 1}.png") });
            }

            // Tab completion in a new cell: the kernel's matches in Notebook's completer list.
            await AddCellAsync(page);
            await page.Keyboard.TypeAsync("Console.Wri");
            var completion = Stopwatch.StartNew();
            await page.Keyboard.PressAsync("Tab");
            var options = page.Locator("#complete select option");
            await options.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            completion.Stop();
            var matches = await options.AllTextContentsAsync();
            Assert.Contains("Write", matches);
            Assert.Contains("WriteLine", matches);
            await page.Keyboard.PressAsync("Enter");
            Assert.StartsWith("Console.Write", await page.EvaluateAsync<string>("() => Jupyter.notebook.get_selected_cell().get_text()"));

            // Again, on a name the chapter defined: one match, which Notebook inserts at once.
            await page.EvaluateAsync("() => Jupyter.notebook.get_selected_cell().set_text('')");
            await page.Keyboard.TypeAsync("mixture.Compo");
            var secondCompletion = Stopwatch.StartNew();
            await page.Keyboard.PressAsync("Tab");
            await page.WaitForFunctionAsync("() => Jupyter.notebook.get_selected_cell().get_text() === 'mixture.Components'", null,
                new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 10 });
            secondCompletion.Stop();

            // Kernel → Interrupt stops `while (true) {}`: the kernel is idle again, the cell ends with KernelInterrupted.
            await page.EvaluateAsync("() => Jupyter.notebook.get_selected_cell().set_text('')");
            await page.Keyboard.TypeAsync("while (true) { }");
            await page.Keyboard.PressAsync("Control+Enter");
            await page.WaitForSelectorAsync("#kernel_indicator_icon.kernel_busy_icon");
            await Task.Delay(1000, TestContext.Current.CancellationToken); // the loop is running
            await page.ClickAsync("#kernellink");
            var interrupt = Stopwatch.StartNew();
            await page.ClickAsync("#int_kernel");
            await page.WaitForFunctionAsync(
                "() => document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null" +
                " && (Jupyter.notebook.get_selected_cell().output_area.outputs.some(o => o.output_type === 'error' && o.ename === 'KernelInterrupted'))",
                null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 20 });
            interrupt.Stop();
            await page.Locator(".cell.selected").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, "interrupted.png") });

            // The chapter's state is still there.
            await AddCellAsync(page);
            await page.Keyboard.TypeAsync("$\"état gardé : {mixture.Components.Count} composantes\"");
            await page.Keyboard.PressAsync("Control+Enter");
            await page.WaitForFunctionAsync("() => Jupyter.notebook.get_selected_cell().output_area.outputs.length > 0", null,
                new PageWaitForFunctionOptions { Timeout = 30_000 });
            string kept = await page.EvaluateAsync<string>("() => Jupyter.notebook.get_selected_cell().output_area.element.text()");
            Assert.Contains("état gardé : 3 composantes", kept);

            string times = string.Create(CultureInfo.InvariantCulture,
                $"classic Notebook 6.4: Run All of {Chapter} {runAll.Elapsed.TotalSeconds:0.0} s ({charts} charts seen as pictures); " +
                $"Tab completion round trip {completion.Elapsed.TotalMilliseconds:0} ms for Console.Wri (first, Tab to the list shown), " +
                $"{secondCompletion.Elapsed.TotalMilliseconds:0} ms for mixture.Compo (Tab to the text completed); " +
                $"interrupt of while (true) {{}} {interrupt.Elapsed.TotalMilliseconds:0} ms (Kernel → Interrupt to idle with KernelInterrupted); pictures in {folder}");
            TestContext.Current.SendDiagnosticMessage(times);
            TestContext.Current.TestOutputHelper?.WriteLine(times);
            Assert.True(interrupt.Elapsed < TimeSpan.FromSeconds(10), times); // VS Code and Notebook offer a restart after 10 s
            Assert.Empty(pageErrors);
        }
        catch (Exception)
        {
            // The server's log (kernel start, messages) says what went wrong where the browser only shows a page.
            TestContext.Current.TestOutputHelper?.WriteLine($"jupyter-notebook log:\n{server.Log}\npage: {page.Url}");
            throw;
        }
    }

    /// <summary>Inserts a code cell at the bottom (Notebook's API), selects it and puts its editor in edit mode.</summary>
    private static async Task AddCellAsync(IPage page)
    {
        await page.EvaluateAsync("() => { const nb = Jupyter.notebook; nb.insert_cell_at_bottom('code'); nb.select(nb.ncells() - 1); nb.edit_mode(); }");
        await page.Locator(".cell.selected .CodeMirror").Last.ClickAsync();
    }

    /// <summary>Copies the chapter without outputs, its kernelspec set to this kernel; returns how many charts its stored outputs hold.</summary>
    private static int WriteChapterCopy(string source, string target)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        int charts = 0;
        foreach (var cell in notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code"))
        {
            charts += cell["outputs"]!.AsArray().Count(o => o?["data"]?[CourseNotes.Kernel.Execution.PlotlyFigure.PlotlyMime] is not null);
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }
        notebook["metadata"]!["kernelspec"] = new JsonObject { ["name"] = Kernelspec.Name, ["display_name"] = Kernelspec.DisplayName, ["language"] = "C#" };
        File.WriteAllText(target, notebook.ToJsonString());
        Assert.True(charts > 0, $"{source} holds no chart");
        return charts;
    }
}
