using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Protocol;

/// <summary>
/// Charts are visible where no Plotly renderer exists: Jupyter's own nbconvert (Debian's jupyter-nbconvert,
/// the HTML that classic Notebook's "Download as HTML" and GitHub-like previews produce) executes a notebook
/// through the installed kernelspec and the course library, and its HTML holds the chart as a picture (an
/// &lt;img&gt; of the SVG: Debian's nbconvert 6.5 strips inline SVG to its text) with the chart's French title,
/// axis titles, legend and lines.
/// </summary>
public partial class ChartsInNbconvertTests
{
    [Fact]
    public void Nbconvert_executes_a_chart_cell_and_its_html_shows_the_chart_as_svg()
    {
        Requirements.PythonModules("nbformat", "nbclient", "nbconvert");
        string library = Path.Combine(Repository.Root, "artifacts", "lib", "CourseNotes.dll");
        Requirements.That(File.Exists(library), "the notebook loads artifacts/lib/CourseNotes.dll: run `dotnet cake --target=PublishLib` (the Test target does)");
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Kernelspec.Install(Path.Combine(folder, "jupyter", "kernels"));
        string notebook = Path.Combine(folder, "graphique.ipynb");
        File.WriteAllText(notebook, Notebook(
            $"#r \"{library}\"\nusing CourseNotes.Charts;",
            "Figures.Lines(\"Titre d'essai\", \"abscisse\", \"ordonnée\",\n" +
            "    new Series(\"première\", [1, 2, 3, 4], [1, 4, 9, 16]), new Series(\"seconde\", [1, 2, 3, 4], [2, 3, 4, 5]))").ToJsonString());
        var environment = new Dictionary<string, string> { ["JUPYTER_PATH"] = Path.Combine(folder, "jupyter"), ["JUPYTER_PLATFORM_DIRS"] = "1" };

        var (code, output) = Requirements.Run(Requirements.DebianPython,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=" + Kernelspec.Name,
             "--ExecutePreprocessor.timeout=300", "--output", "executed.ipynb", notebook], TimeSpan.FromMinutes(5), environment, folder);
        Assert.True(code == 0, output);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "executed.ipynb")))!;
        var chart = executed["cells"]![1]!["outputs"]!.AsArray().Single()!["data"]!.AsObject();
        Assert.Equal(["application/vnd.plotly.v1+json", "image/svg+xml", "text/html", "text/plain"], chart.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Graphique\u00A0: Titre d'essai (2 séries)", string.Concat(Lines(chart["text/plain"])));

        (code, output) = Requirements.Run(Requirements.DebianPython,
            ["-m", "nbconvert", "--to", "html", "--output", "page.html", Path.Combine(folder, "executed.ipynb")], TimeSpan.FromMinutes(2), environment, folder);
        Assert.True(code == 0, output);
        string html = File.ReadAllText(Path.Combine(folder, "page.html"));
        // nbconvert picks the HTML representation: an <img> whose source is the SVG picture.
        var image = Image().Match(html);
        Assert.True(image.Success, "no <img> of an SVG in nbconvert's HTML");
        string svg = Encoding.UTF8.GetString(Convert.FromBase64String(image.Groups[1].Value));
        Assert.Equal(string.Concat(Lines(chart["image/svg+xml"])), svg);
        foreach (string text in new[] { "Titre d'essai", "abscisse", "ordonnée", "première", "seconde" })
            Assert.Contains($">{text}</text>", svg);
        // Both lines, four points each.
        Assert.Equal(2, Regex.Matches(svg, "<polyline points=\"(?:[0-9.]+,[0-9.]+ ){3}[0-9.]+,[0-9.]+\" style=\"[^\"]*stroke-width:2").Count);
    }

    private static IEnumerable<string> Lines(JsonNode? text) => text is JsonArray lines ? lines.Select(l => (string?)l ?? "") : [(string?)text ?? ""];

    private static JsonObject Notebook(params string[] cells) => new()
    {
        ["cells"] = new JsonArray(cells.Select(source => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        }).ToArray()),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = "C# (CourseNotes)", ["language"] = "C#", ["name"] = Kernelspec.Name },
            ["language_info"] = new JsonObject { ["name"] = "C#" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 4,
    };

    [GeneratedRegex(@"<img src=""data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)""")]
    private static partial Regex Image();
}
