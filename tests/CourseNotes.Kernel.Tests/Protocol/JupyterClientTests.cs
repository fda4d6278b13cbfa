using System.Text.Json.Nodes;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Protocol;

/// <summary>
/// Protocol fidelity proven by clients this project did not write: Jupyter's nbclient executes a fixture
/// notebook and a lecture notebook (as JupyterLab would) through the installed kernelspec, and
/// jupyter_client checks is_complete, interrupt by message, input requests and shutdown.
/// </summary>
public class JupyterClientTests
{
    [Fact]
    public void Nbclient_and_jupyter_client_drive_the_kernel()
    {
        Requirements.PythonModules("nbformat", "nbclient", "jupyter_client");
        string jupyterPath = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Kernelspec.Install(Path.Combine(jupyterPath, "kernels"));
        string features = Path.Combine(Repository.Fixtures, "kernel-features.ipynb");
        string lecture = Path.Combine(Repository.Root, "notebooks", "03-inference-variationnelle.ipynb");
        Requirements.That(File.Exists(Path.Combine(Repository.Root, "artifacts", "lib", "CourseNotes.dll")),
            "the lecture notebook loads artifacts/lib/CourseNotes.dll: run `dotnet cake --target=PublishLib` (the Test target does)");
        string script = Path.Combine(AppContext.BaseDirectory, "Protocol", "jupyter_client_check.py");

        // The script writes its report into a result file: its stdout and stderr (Python may print warnings
        // there at shutdown) are only shown when something fails.
        string result = Path.Combine(jupyterPath, "report.json");
        var (code, output) = Requirements.Run(Requirements.DebianPython, [script, result, Kernelspec.Name, features, lecture], TimeSpan.FromMinutes(4),
            new Dictionary<string, string> { ["JUPYTER_PATH"] = jupyterPath, ["JUPYTER_PLATFORM_DIRS"] = "1" });
        Assert.True(code == 0 && File.Exists(result), output);
        var report = JsonNode.Parse(File.ReadAllText(result))!;

        var cells = report["notebooks"]!["kernel-features.ipynb"]!["cells"]!.AsArray();
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", (string?)cells[0]![0]!["data"]!["text/html"]);
        Assert.Equal("execute_result", (string?)cells[0]![0]!["output_type"]);
        Assert.Equal("bonjour\n", (string?)cells[1]![0]!["text"]);
        Assert.Equal("texte affiché", (string?)cells[2]![0]!["data"]!["text/plain"]);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>0</pre></div>", (string?)cells[3]![0]!["data"]!["text/html"]);
        Assert.Equal("100 %", (string?)cells[7]![0]!["data"]!["text/plain"]); // nbclient applies update_display_data
        Assert.Equal("Théorème : 1 ≤ 2, ∑ε → ∞ ✓\n", (string?)cells[8]![1]!["text"]);
        Assert.Equal("Bonjour, monde !", (string?)cells[10]![0]!["data"]!["text/plain"]);
        Assert.Equal("stderr", (string?)cells[11]![0]!["name"]);

        // The lecture notebook runs in Jupyter's own client as in the project's runner: every claim holds, charts come as Plotly JSON.
        var lectureCells = report["notebooks"]!["03-inference-variationnelle.ipynb"]!["cells"]!.AsArray().SelectMany(c => c!.AsArray()).ToList();
        Assert.DoesNotContain(lectureCells, o => (string?)o!["output_type"] == "error");
        Assert.Contains(lectureCells, o => ((string?)o!["text"])?.Contains("✓ ELBO + KL = log p(x) pour q", StringComparison.Ordinal) == true);
        Assert.Contains(lectureCells, o => o!["data"]?["application/vnd.plotly.v1+json"] is not null);

        Assert.Equal(["complete", "incomplete"], report["is_complete"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("error", (string?)report["interrupted"]!["status"]);
        Assert.Equal("KernelInterrupted", (string?)report["interrupted"]!["ename"]);
        Assert.Equal("ok", (string?)report["after_interrupt"]);
        Assert.Equal("ok", (string?)report["input"]!["status"]);
        Assert.Equal(["", "Nom : ", "Code : "], report["input"]!["prompts"]!.AsArray().Select(p => (string?)p));
        Assert.Equal([false, false, true], report["input"]!["passwords"]!.AsArray().Select(p => (bool)p!));
        Assert.Equal("Bonjour Ada Lovelace ! (6 caractères, ************)\n", (string?)report["input"]!["printed"]);
        Assert.Equal("error", (string?)report["input_refused"]!["status"]);
        Assert.Contains("allow_stdin is false", (string?)report["input_refused"]!["evalue"]);
        Assert.True((bool?)report["shutdown_clean"]);
    }
}
