using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>Settings of one notebook execution.</summary>
/// <param name="Launcher">How to start the kernel process.</param>
/// <param name="CellTimeout">The longest a cell may run before it is interrupted and, if need be, its kernel ended.</param>
/// <param name="Parameters">papermill-style values injected after the cell tagged <c>parameters</c>.</param>
/// <param name="SkipTaggedCells">True when verifying: cells tagged <c>skip</c> are not run (their stored outputs stay).</param>
/// <param name="MaxStreamCharacters">Stream text kept per cell; the rest is cut with a note.</param>
/// <param name="Progress">Receives one line per cell started, for long runs.</param>
public sealed record ExecutionOptions(
    KernelLauncher Launcher,
    TimeSpan CellTimeout,
    IReadOnlyDictionary<string, string>? Parameters = null,
    bool SkipTaggedCells = false,
    long MaxStreamCharacters = 1_000_000,
    Action<string>? Progress = null)
{
    /// <summary>How long an interrupted cell gets to stop before its kernel is ended.</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the kernel gets to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>How one cell went.</summary>
/// <param name="Cell">The 1-based cell number.</param>
/// <param name="Status">How it went.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Message">The error, for failed cells.</param>
public sealed record CellReport(int Cell, CellStatus Status, double Seconds, string? Message = null);

/// <summary>The executed notebook and how each code cell went.</summary>
public sealed record NotebookRun(Notebook Executed, IReadOnlyList<CellReport> Cells, TimeSpan Elapsed)
{
    /// <summary>True when no cell failed unexpectedly.</summary>
    public bool Succeeded => Cells.All(c => c.Status.IsSuccess());

    /// <summary>The first failure, as "cell N: message", or null.</summary>
    public string? FirstFailure => Cells.FirstOrDefault(c => !c.Status.IsSuccess() && c.Status != CellStatus.NotRun) is { } f
        ? $"cell {f.Cell}: {f.Status.Text()}: {f.Message}" : null;
}

/// <summary>
/// Runs every code cell of a notebook, in order, in a new kernel process started in the notebook's
/// folder, and stores the outputs in a copy of it (the source document is never modified). Stops at
/// the first unexpected error, like nbclient; a cell past its timeout is interrupted, then its kernel
/// ended if it does not stop, so even a CPU-bound loop ends.
/// </summary>
public static class NotebookExecutor
{
    /// <summary>Executes <paramref name="source"/>; a notebook that is not a runnable C# notebook throws <see cref="NotebookFormatException"/>.</summary>
    public static NotebookRun Execute(Notebook source, ExecutionOptions options)
    {
        source.EnsureCSharp();
        var notebook = Parameters.Inject(source.Clone(), options.Parameters ?? new Dictionary<string, string>());
        var reports = new List<CellReport>();
        var clock = Stopwatch.StartNew();
        string name = Path.GetFileName(notebook.Path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        var displays = new Dictionary<string, List<JsonObject>>();
        KernelClient? kernel = null;
        var executed = new List<CellOutputs>();
        try
        {
            kernel = KernelClient.Start(options.Launcher, folder, options.StartTimeout);
            bool stopped = false;
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                if (cell.CellType != "code") continue;
                if (stopped) { reports.Add(new CellReport(i + 1, CellStatus.NotRun, 0)); continue; }
                if (options.SkipTaggedCells && CellTag.Skip.On(cell)) { reports.Add(new CellReport(i + 1, CellStatus.Skipped, 0)); continue; }

                options.Progress?.Invoke($"{name}: cell {i + 1}/{notebook.Cells.Count}");
                var report = RunCell(kernel, cell, i + 1, options, displays, out var outputs);
                executed.Add(outputs);
                reports.Add(report);
                stopped = !report.Status.IsSuccess();
            }
            // What background threads print after their cell ended joins that cell's outputs (KernelClient.LateOutputs):
            // collected until iopub is quiet before the kernel is ended.
            if (executed.Count > 0 && kernel.IsAlive) kernel.CollectLateOutputs(LateOutputQuiet, options.CellTimeout);
        }
        catch (KernelDiedException e)
        {
            reports.Add(new CellReport(0, CellStatus.KernelDied, clock.Elapsed.TotalSeconds, e.Message));
        }
        finally
        {
            kernel?.Dispose();
            foreach (var outputs in executed) outputs.Complete(); // stores the late outputs a cell received after it ended
        }
        return new NotebookRun(notebook, reports, clock.Elapsed);
    }

    /// <summary>How long iopub must stay silent after the last cell before the kernel is ended (late outputs of background threads).</summary>
    private static readonly TimeSpan LateOutputQuiet = TimeSpan.FromMilliseconds(200);

    private static CellReport RunCell(KernelClient kernel, NotebookCell cell, int number, ExecutionOptions options, Dictionary<string, List<JsonObject>> displays, out CellOutputs outputs)
    {
        cell.Outputs.Clear();
        cell.ExecutionCount = null;
        outputs = new CellOutputs(cell.Outputs, displays, options.MaxStreamCharacters);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        JsonObject? reply;
        try
        {
            reply = kernel.Execute(cell.Source, options.CellTimeout, outputs.Add);
        }
        catch (KernelDiedException e)
        {
            outputs.AddError("KernelDied", e.Message);
            return new CellReport(number, CellStatus.KernelDied, clock.Elapsed.TotalSeconds, e.Message);
        }
        finally
        {
            outputs.Complete();
        }
        Timing(cell, started, DateTimeOffset.UtcNow);

        if (reply is null)
        {
            string message = $"the cell did not finish within {options.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            bool stopped = kernel.Interrupt(options.InterruptGrace) && kernel.WaitUntilResponsive(options.InterruptGrace);
            if (!stopped)
            {
                kernel.Kill();
                message += "; it did not stop when interrupted, so its kernel was ended";
            }
            outputs.AddError("CellTimeoutError", message);
            return new CellReport(number, CellStatus.Timeout, clock.Elapsed.TotalSeconds, message);
        }

        cell.ExecutionCount = (int?)reply["execution_count"];
        if ((string?)reply["status"] == "ok") return new CellReport(number, CellStatus.Ok, clock.Elapsed.TotalSeconds);
        string error = $"{(string?)reply["ename"]}: {(string?)reply["evalue"]}";
        return CellTag.RaisesException.On(cell)
            ? new CellReport(number, CellStatus.ExpectedError, clock.Elapsed.TotalSeconds, error)
            : new CellReport(number, CellStatus.Error, clock.Elapsed.TotalSeconds, error);
    }

    /// <summary>Per-cell timing in metadata.execution, with nbclient's keys.</summary>
    private static void Timing(NotebookCell cell, DateTimeOffset started, DateTimeOffset ended)
    {
        cell.Metadata[CellMetadata.Execution] = new JsonObject
        {
            ["iopub.execute_input"] = Timestamp.Of(started),
            ["shell.execute_reply"] = Timestamp.Of(ended),
        };
    }
}
