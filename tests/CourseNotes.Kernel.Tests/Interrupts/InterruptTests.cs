using System.Diagnostics;
using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Tests.Execution;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Interrupts;

/// <summary>
/// An interrupt stops each kind of runaway cell within 2 s and keeps the state. The engine is in-process;
/// the Jupyter conformance test does the same through the control channel.
/// </summary>
[Collection(InProcessEngineCollection.Name)] // the interrupt flag is process-wide: these tests run alone
public class InterruptTests
{
    private readonly ScriptEngine _engine = new(Repository.Fixtures, new PackageCatalog(
        Path.Combine(AppContext.BaseDirectory, "CourseNotes.Kernel.Tests.deps.json"), AppContext.BaseDirectory));
    private int _count;

    static InterruptTests() => ConsoleRouting.Install();

    private async Task<CellOutcome> Run(string code) =>
        await _engine.ExecuteAsync(code, new RecordingSink(), ++_count, TestContext.Current.CancellationToken);

    /// <summary>Starts <paramref name="cell"/>, interrupts it once it printed "started", returns its outcome and the time from the interrupt to its end.</summary>
    private async Task<(CellOutcome Outcome, TimeSpan Stopped)> Interrupt(string cell)
    {
        var sink = new RecordingSink();
        var running = _engine.ExecuteAsync("Console.WriteLine(\"started\");\n" + cell, sink, ++_count, TestContext.Current.CancellationToken);
        var wait = Stopwatch.StartNew();
        while (!sink.Stdout.Contains("started", StringComparison.Ordinal) && wait.Elapsed < TimeSpan.FromSeconds(30) && !running.IsCompleted)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        if (running.IsCompleted) Assert.Fail($"the cell ended before the interrupt: {(await running).ErrorValue}");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        _engine.Interrupt();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return (outcome, clock.Elapsed);
    }

    [Theory]
    [InlineData("cpu loop", "long n = 0;\nwhile (true) { n++; }")]
    [InlineData("empty loop", "while (true) {}")]
    [InlineData("linq", "var total = Enumerable.Range(0, int.MaxValue).Select(i => (long)i * i % 7).Where(x => x > 2).Sum();")]
    [InlineData("parallel for", "Parallel.For(0, int.MaxValue, i => { double s = 0; for (int k = 0; k < 1000; k++) s += Math.Sqrt(k); });")]
    [InlineData("parallel foreach", "Parallel.ForEach(Enumerable.Range(0, int.MaxValue), i => { double s = 0; for (int k = 0; k < 1000; k++) s += Math.Sqrt(k); });")]
    [InlineData("plinq", "var total = Enumerable.Range(0, int.MaxValue).AsParallel().Select(i => { double s = 0; for (int k = 0; k < 1000; k++) s += Math.Sqrt(k); return s; }).Sum();")]
    [InlineData("task.run loops", "await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => { double s = 0; while (true) s += Math.Sqrt(s); })));")]
    [InlineData("task.run loops, blocking wait", "Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => { double s = 0; while (true) s += Math.Sqrt(s); }))).Wait();")]
    [InlineData("await loop", "while (true) await Task.Delay(50);")]
    [InlineData("long await", "await Task.Delay(600_000);")]
    [InlineData("await in an interpolation", "var text = $\"{await Task.Delay(600_000).ContinueWith(_ => 1)}\";")]
    [InlineData("blocking wait", "System.Threading.Thread.Sleep(600_000);")]
    [InlineData("recursion", "long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nFib(200)")]
    public async Task An_interrupt_stops_the_cell_within_2_s_and_keeps_the_state(string kind, string cell)
    {
        Assert.True((await Run("var before = 41;\nint Next(int x) => x + 1;")).Succeeded);
        var (outcome, stopped) = await Interrupt(cell);
        Assert.False(outcome.Succeeded, kind);
        Assert.Equal("KernelInterrupted", outcome.ErrorName);
        Assert.True(stopped < TimeSpan.FromSeconds(2), $"{kind}: stopped after {stopped.TotalMilliseconds:0} ms");
        TestContext.Current.SendDiagnosticMessage($"{kind}: stopped {stopped.TotalMilliseconds:0} ms after the interrupt");

        var after = await Run("Next(before)");
        Assert.True(after.Succeeded, after.ErrorValue);
        Assert.Equal(42, after.ReturnValue);
    }

    [Fact]
    public async Task A_blocking_wait_after_an_await_ends_by_the_grace_period_and_the_state_is_kept()
    {
        // After an await the cell goes on on a pool thread, which Thread.Interrupt may not reach: the cell is
        // then given up when the grace period ends (known limitation; see the issue note). Either way it ends.
        Assert.True((await Run("var before = 41;")).Succeeded);
        var (outcome, stopped) = await Interrupt("await Task.Yield();\nnew System.Threading.ManualResetEventSlim(false).Wait();");
        Assert.Equal("KernelInterrupted", outcome.ErrorName);
        Assert.True(stopped < ScriptEngine.InterruptGrace + TimeSpan.FromSeconds(2), $"ended after {stopped.TotalMilliseconds:0} ms");
        var after = await Run("before + 1");
        Assert.Equal(42, after.ReturnValue);
    }

    [Fact]
    public async Task A_cell_that_ignores_interrupts_is_given_up_and_the_kernel_goes_on()
    {
        Assert.True((await Run("var kept = 7;")).Succeeded);
        // One long framework call: no rewritten code runs inside it, as in a native TorchSharp operation.
        var (outcome, stopped) = await Interrupt("System.Threading.Thread.SpinWait(int.MaxValue);");
        Assert.Equal("KernelInterrupted", outcome.ErrorName);
        Assert.Contains("did not stop within 2 s", outcome.ErrorValue);
        Assert.InRange(stopped, ScriptEngine.InterruptGrace - TimeSpan.FromMilliseconds(100), ScriptEngine.InterruptGrace + TimeSpan.FromSeconds(2));
        var after = await Run("kept * 6");
        Assert.Equal(42, after.ReturnValue);
    }

    [Fact]
    public async Task Rewritten_cells_keep_their_meaning_and_line_numbers()
    {
        var outcome = await Run(string.Join('\n',
            "System.Linq.Expressions.Expression<Func<int, int>> tree = x => x + 1;",
            "Action<List<int>> add = l => l.Add(1);",
            "Func<Task<int>> later = async () => await Task.FromResult(5);",
            "var squares = Enumerable.Range(1, 3).Select(i => i * i).ToList();",
            "int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);",
            "var list = new List<int>(); add(list);",
            "Func<int> fail = () => throw new InvalidOperationException(\"no\");",
            "$\"{tree.Compile()(1)} {list.Count} {await later()} {string.Join(',', squares)} {Fact(5)}\""));
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("2 1 5 1,4,9 120", outcome.ReturnValue);

        var thrown = await Run("var a = 1;\nfor (int i = 0; i < 3; i++) { a++; }\nthrow new InvalidOperationException(\"line 3\");");
        Assert.StartsWith("line 3:", thrown.ErrorValue);
        var compile = await Run("var b = 1;\nwhile (b < 3) { b++; }\nint c = \"x\";");
        Assert.StartsWith("(3,9): error CS0029", compile.ErrorValue);
    }
}
