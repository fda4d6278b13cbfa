using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests.Browser;

/// <summary>
/// The latent explorers of notebook 04 in Debian's classic Jupyter Notebook 6 (jupyter-notebook), the notebook trusted
/// (`jupyter trust`, as a student does for a notebook they executed): the page runs the outputs' scripts, the explorers
/// start when scrolled into view, decode like TorchSharp, and answer the arrow keys inside the notebook's own
/// keyboard handling. The notebook's C# kernelspec is not installed: only the stored outputs are shown.
/// </summary>
public class LatentExplorerInClassicNotebookTests
{
    [Fact]
    public async Task The_explorers_run_in_a_trusted_notebook_in_classic_jupyter_notebook()
    {
        Requirements.That(File.Exists(BrowserTests.Chromium), "needs Chromium (apt-get install chromium)");
        Requirements.PythonModules("notebook");
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        const string name = "04-autoencodeurs-variationnels.ipynb";
        File.Copy(Path.Combine(Repository.Root, "notebooks", name), Path.Combine(folder, name));
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(folder, "config"), ["JUPYTER_DATA_DIR"] = Path.Combine(folder, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(folder, "runtime"), ["JUPYTER_PATH"] = Path.Combine(folder, "data"), ["HOME"] = folder,
        };
        // `jupyter trust`: nbformat signs the notebook into the signature database the server reads.
        var (code, output) = Requirements.Run(Requirements.DebianPython, ["-m", "nbformat.sign", Path.Combine(folder, name)], TimeSpan.FromMinutes(1), environment, folder);
        Assert.True(code == 0, output);

        int port = FreePort();
        string token = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo(Requirements.DebianPython)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder,
        };
        foreach (string argument in new[] { "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", $"--port={port}", $"--NotebookApp.token={token}", $"--notebook-dir={folder}" })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var server = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, line) => { if (line.Data is not null) log.Enqueue(line.Data); };
        server.ErrorDataReceived += (_, line) => { if (line.Data is not null) log.Enqueue(line.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitForServer($"http://127.0.0.1:{port}/api/status?token={token}", log);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync($"http://127.0.0.1:{port}/notebooks/{name}?token={token}");
            var explorers = page.Locator("div.latent-explorer");
            await explorers.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            Assert.Equal(2, await explorers.CountAsync());
            // The "kernel not found" dialog (the C# kernelspec is not installed here) is closed, as a reader would.
            await page.EvaluateAsync("() => { if (window.jQuery) jQuery('.modal').modal('hide'); }");
            await page.WaitForTimeoutAsync(500);
            for (int n = 0; n < 2; n++)
            {
                var explorer = explorers.Nth(n);
                string id = (await explorer.GetAttributeAsync("id"))!;
                await explorer.ScrollIntoViewIfNeededAsync();
                await page.WaitForSelectorAsync($"#{id}[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                var gaps = await explorer.EvaluateAsync<double[]>(LatentExplorerTests.ReferenceGaps);
                Assert.True(gaps[0] <= 1.0 / 255 && gaps[1] <= 1, $"classic Notebook, {id}: gaps {gaps[0]} (decode), {gaps[1]} (canvas)");
                bool plane = await explorer.Locator("canvas.latent-explorer-plane").CountAsync() == 1;
                var control = plane ? explorer.Locator("canvas.latent-explorer-plane") : explorer.Locator("input.latent-explorer-slider").First;
                int k = plane ? 0 : int.Parse((await control.GetAttributeAsync("data-coordinate"))!);
                await explorer.EvaluateAsync("e => e.latentExplorer.show(e.latentExplorer.point().map(v => 0 * v + 0.5))");
                await control.FocusAsync();
                await page.Keyboard.PressAsync("ArrowRight");
                await page.Keyboard.PressAsync("ArrowRight");
                var moved = await explorer.EvaluateAsync<double[]>("e => e.latentExplorer.point()");
                Assert.Equal(0.7, moved[k], 6);
            }
            Assert.True(pageErrors.Count == 0, string.Join("\n", pageErrors));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitForServer(string url, IEnumerable<string> log)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        Assert.Fail($"the classic Notebook server did not answer at {url} within 90 s:\n{string.Join("\n", log)}");
    }
}
