using System.Diagnostics;
using System.Text;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests.FaultInjection;

/// <summary>
/// Output storms (issue 14): with ZeroMQ's default high-water mark a cell of 20 000 displays kept 15 366 to
/// 19 505 of them, a different number each run. Now every item arrives, in order, ten runs in a row, and the
/// runner's note on huge stream outputs counts exactly what it cut.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public class OutputStormTests(ITestOutputHelper log)
{
    private const int Displays = 20_000;
    private const int Lines = 50_000, LineLength = 1_000; // 50 MB of stdout

    private const string DisplayCell = "for (int i = 0; i < 20_000; i++) display(i);";
    private const string StreamCell = "var pad = new string('x', 993); for (int i = 0; i < 50_000; i++) Console.Write($\"{i:D6}{pad}\\n\");";

    [Fact]
    public void Twenty_thousand_displays_and_a_50_MB_stream_keep_every_item_in_order_ten_runs_in_a_row()
    {
        const int runs = 10;
        string path = ScratchNotebook.Write("storm.ipynb", DisplayCell, StreamCell, "\"fin\"");
        var options = new ExecutionOptions(KernelLauncher.Beside(), FaultInjectionCollection.Patience) { StartTimeout = FaultInjectionCollection.Patience };
        string expected = Expected();
        var seconds = new List<double>();
        for (int run = 1; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var result = NotebookExecutor.Execute(Notebook.Load(path), options);
            seconds.Add(clock.Elapsed.TotalSeconds);
            Assert.True(result.Succeeded, $"run {run}: {result.FirstFailure}");

            var displays = result.Executed.Cells[0].Outputs;
            Assert.True(displays.Count == Displays, $"run {run}: {displays.Count} of {Displays} displays kept");
            for (int i = 0; i < Displays; i++)
                Assert.Equal(i.ToString(), NotebookText.Join(displays[i]!["data"]!["text/plain"]));

            // The runner keeps the first million characters and notes the rest: the count is exact only if no chunk was lost.
            var stream = result.Executed.Cells[1].Outputs;
            long kept = options.MaxStreamCharacters;
            Assert.Equal(expected[..(int)kept], NotebookText.Join(stream[0]!["text"]));
            Assert.Equal($"\n[… sortie tronquée : {expected.Length - kept} caractères omis]\n", NotebookText.Join(stream[1]!["text"]));
            Assert.Equal(2, stream.Count);
            Assert.Contains("fin", NotebookText.Join(result.Executed.Cells[2].Outputs[0]!["data"]!["text/plain"]));
        }
        log.WriteLine($"{runs} runs of {Displays} displays + {Lines * LineLength / 1_000_000} MB stream, every item kept: {string.Join(", ", seconds.Select(s => s.ToString("0.0")))} s");
    }

    [Fact]
    public void The_whole_50_MB_stream_reaches_the_client_in_order()
    {
        string folder = Path.GetDirectoryName(ScratchNotebook.Write("unused.ipynb"))!;
        using var kernel = KernelClient.Start(KernelLauncher.Beside(), folder, FaultInjectionCollection.Patience);
        var text = new StringBuilder();
        var reply = kernel.Execute(StreamCell, FaultInjectionCollection.Patience, m => { if (m.Type == "stream") text.Append((string?)m.Content["text"]); });
        Assert.Equal("ok", (string?)reply?["status"]);
        Assert.True(text.ToString() == Expected(), $"{text.Length} of {Lines * LineLength} characters, or out of order");
    }

    private static string Expected()
    {
        var text = new StringBuilder(Lines * LineLength);
        string pad = new('x', LineLength - 7);
        for (int i = 0; i < Lines; i++) text.Append(i.ToString("D6")).Append(pad).Append('\n');
        return text.ToString();
    }
}
