using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CourseNotes.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using CourseNotes.Kernel.Interrupts;
using CourseNotes.Kernel.Magics;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The C# kernel's engine: one Roslyn script state per kernel, each cell a submission continuing the
/// previous one, so variables, methods, classes and usings carry over. The Polyglot C# kernel's
/// defaults: usings System, System.Text, System.Collections, System.Collections.Generic,
/// System.Threading.Tasks, System.Linq and <c>using static Microsoft.DotNet.Interactive.Kernel</c>
/// (<c>display</c>), the latest C#, top-level await, a trailing expression shown as the cell's value.
/// </summary>
public sealed class ScriptEngine
{
    private static readonly string[] DefaultUsings =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private readonly string _workingDirectory;
    private readonly PackageCatalog _packages;
    private readonly ScriptOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _referenceFolders = [];
    private Task? _warmUp;
    private ScriptState<object?>? _state;
    private readonly object _interruptLock = new();
    private ManualResetEventSlim? _interrupted;

    /// <summary>How long an interrupted cell gets to stop before the kernel gives it up and answers.</summary>
    public static TimeSpan InterruptGrace { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Creates the engine; relative <c>#r</c> and <c>#!import</c> paths resolve against <paramref name="workingDirectory"/> (the notebook's folder).</summary>
    public ScriptEngine(string workingDirectory, PackageCatalog packages)
    {
        _workingDirectory = Path.GetFullPath(workingDirectory);
        _packages = packages;
        _options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .WithImports(DefaultUsings)
            .WithReferences(FrameworkReferences().Append(typeof(Microsoft.DotNet.Interactive.Kernel).Assembly.Location)
                .Append(typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location)
                .Append(typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly.Location)) // HTML(…) returns IHtmlContent
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(_workingDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(_workingDirectory));
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += ResolveFromReferencedFolders;
    }

    /// <summary>
    /// Resolves the dependencies of assemblies loaded with <c>#r "path"</c> from their folders, into the one
    /// default load context, so that each dependency (FSharp.Core under Plotly.NET, say) is loaded once and
    /// types agree across the assemblies that share it.
    /// </summary>
    private Assembly? ResolveFromReferencedFolders(System.Runtime.Loader.AssemblyLoadContext context, AssemblyName name)
    {
        foreach (string folder in _referenceFolders)
        {
            string candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }

    /// <summary>Remembers the folders of the cell's <c>#r "path"</c> files and of its <c>#r "nuget: …"</c> assemblies (<paramref name="packageFiles"/>).</summary>
    private void RememberReferenceFolders(string code, IEnumerable<string> packageFiles)
    {
        foreach (string reference in CellDirective.AssemblyPaths(code).Select(r => Path.GetFullPath(Path.Combine(_workingDirectory, r))).Concat(packageFiles))
        {
            string? folder = Path.GetDirectoryName(reference);
            if (folder is not null && File.Exists(reference) && !_referenceFolders.Contains(folder)) _referenceFolders.Add(folder);
        }
    }

    /// <summary>Compiles the first submission in the background, so the first cell does not pay Roslyn's cold start.</summary>
    public Task WarmUpAsync() => _warmUp ??= Task.Run(async () =>
    {
        await _gate.WaitAsync();
        try
        {
            _state = await CSharpScript.RunAsync<object?>("using static Microsoft.DotNet.Interactive.Kernel;", _options.WithFilePath(CellPath(0)));
        }
        finally
        {
            _gate.Release();
        }
    });

    /// <summary>The latest submission that ran (the state later cells continue), or null before warm-up; completion and inspection build on it.</summary>
    public Script? LastSubmission => _state?.Script;

    /// <summary>Runs one cell's source; its outputs go to <paramref name="sink"/>.</summary>
    public async Task<CellOutcome> ExecuteAsync(string source, IOutputSink sink, int executionCount, CancellationToken cancellation = default)
    {
        // The cell counts as running from now: an interrupt during the warm-up or compilation stops it before it starts.
        lock (_interruptLock)
        {
            Interruption.Reset();
            _interrupted = new ManualResetEventSlim();
        }
        await WarmUpAsync();
        await _gate.WaitAsync(cancellation);
        var previous = CellContext.Current;
        var cell = new CellContext(sink, executionCount);
        CellContext.Current = cell;
        try
        {
            Directives directives;
            try
            {
                directives = Directives.Parse(source, _packages);
            }
            catch (DirectiveException e)
            {
                return CellOutcome.Failure("DirectiveError", $"line {e.Line}: {e.Message}", [$"Cell line {e.Line}: {e.Message}"]);
            }
            if (directives.Markdown is { } markdown)
            {
                // As Polyglot does: the markdown is displayed (text/markdown), with the source as text/plain for text front ends.
                sink.Display(new MimeBundle(new JsonObject { ["text/markdown"] = markdown, ["text/plain"] = markdown }, []), cell.NextDisplayId(), update: false);
                return CellOutcome.Success(null, false);
            }
            foreach (string magic in directives.Magics) sink.Display(Magic(magic), cell.NextDisplayId(), update: false);

            foreach (string import in directives.Imports)
            {
                var imported = await RunImportAsync(import, executionCount, cancellation);
                if (!imported.Succeeded) return imported;
            }

            var clock = Stopwatch.StartNew();
            var outcome = await RunAsync(directives.Code, directives.References, executionCount, cancellation);
            if (directives.Time && outcome.Succeeded)
                sink.Stream("stdout", string.Create(CultureInfo.InvariantCulture, $"Wall time: {clock.Elapsed.TotalMilliseconds:0.####}ms\n"));
            return outcome;
        }
        finally
        {
            Console.Out.Flush();
            CellContext.Current = previous;
            lock (_interruptLock) _interrupted = null;
            _gate.Release();
        }
    }

    /// <summary>What a display command (<c>#!who</c>, <c>#!whos</c>, <c>#!lsmagic</c>, <c>#!about</c>) shows, from the state before the cell.</summary>
    private MimeBundle Magic(string command) => command switch
    {
        "who" or "whos" => VariableTable.Format(_state?.Variables.Select(v => (v.Name, v.Type, (object?)v.Value)) ?? [], detailed: command == "whos"),
        "lsmagic" => MagicList.Format(),
        _ => AboutKernel.Format(),
    };

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the current state without keeping it (Jupyter's
    /// user_expressions); outputs it writes are dropped. An expression is given <see cref="InterruptGrace"/> times five at most.
    /// </summary>
    public async Task<CellOutcome> EvaluateAsync(string expression)
    {
        await WarmUpAsync();
        await _gate.WaitAsync();
        var previous = CellContext.Current;
        CellContext.Current = new CellContext(new DiscardingSink(), 0);
        try
        {
            var state = await _state!.ContinueWithAsync<object?>(expression, _options.WithFilePath(CellPath(0)), catchException: _ => true)
                .WaitAsync(InterruptGrace * 5);
            return state.Exception is { } exception ? RuntimeError(exception, 0) : CellOutcome.Success(state.ReturnValue, true);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(FormatDiagnostic).ToArray();
            return CellOutcome.Failure("CompilationError", errors.FirstOrDefault() ?? e.Message, errors);
        }
        catch (TimeoutException)
        {
            return CellOutcome.Failure("TimeoutError", "the expression did not finish within 10 s.", []);
        }
        finally
        {
            CellContext.Current = previous;
            _gate.Release();
        }
    }

    private sealed class DiscardingSink : IOutputSink
    {
        public void Stream(string name, string text) { }

        public void Display(MimeBundle bundle, string displayId, bool update) { }
    }

    private async Task<CellOutcome> RunAsync(string code, IReadOnlyList<string> references, int executionCount, CancellationToken cancellation)
    {
        RememberReferenceFolders(code, references);
        var options = _options.WithFilePath(CellPath(executionCount)).AddReferences(references);
        var previous = _state!;
        // The cell as written: the semantic model the rewriter reads, and the errors a student is shown (the cell's own columns).
        var compilation = previous.Script.ContinueWith<object?>(code, options).GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        string[] Errors() => compilation.GetDiagnostics(cancellation).Where(d => d.Severity == DiagnosticSeverity.Error).Select(FormatDiagnostic).ToArray();
        // A cell with syntax errors is not rewritten: the rewriter reads well-formed code only.
        if (tree.GetDiagnostics(cancellation).Any(d => d.Severity == DiagnosticSeverity.Error)) return CompilationFailure(Errors());
        if (Interruption.Requested) return CellOutcome.Interrupted;
        // Binding is most of a cell's compilation time. The rewriter binds the parts it asks about, and compiling the
        // rewritten cell binds it whole; the cell as written is bound whole only when that compilation fails (an error
        // of the student's, reported from the cell as written, or a construct the rewriter got wrong).
        string observing;
        try
        {
            observing = InterruptRewriter.Rewrite(tree, compilation.GetSemanticModel(tree));
        }
        catch (Exception) when (Errors() is { Length: > 0 } errors)
        {
            return CompilationFailure(errors); // the rewriter met a cell that does not bind
        }

        var running = StartOnCellThread(() => previous.ContinueWithAsync<object?>(observing, options, catchException: _ => true, cancellationToken: cancellation));
        bool ended = await EndsAfterInterrupt(running);
        if (ended && running.Exception?.InnerException is CompilationErrorException e)
        {
            if (Errors() is { Length: > 0 } errors) return CompilationFailure(errors);
            if (Interruption.Requested) return CellOutcome.Interrupted;
            // A construct the rewriter got wrong: run the cell as written (only its blocking waits can then be interrupted).
            KernelLog($"kernel: cell {executionCount} runs without interrupt checks: {e.Diagnostics.FirstOrDefault()}");
            running = StartOnCellThread(() => previous.ContinueWithAsync<object?>(code, options, catchException: _ => true, cancellationToken: cancellation));
            ended = await EndsAfterInterrupt(running);
        }
        if (!ended) return CellOutcome.Failure("KernelInterrupted", GaveUp, [$"KernelInterrupted: {GaveUp}"]);
        ScriptState<object?> state;
        try
        {
            state = await running;
        }
        catch (Exception) when (Interruption.Requested)
        {
            return CellOutcome.Interrupted;
        }
        _state = state;
        if (state.Exception is { } exception)
            return Interruption.Requested ? CellOutcome.Interrupted : RuntimeError(exception, executionCount);
        return CellOutcome.Success(state.ReturnValue, ReturnsValue(state.Script));
    }

    private static CellOutcome CompilationFailure(string[] errors) => CellOutcome.Failure("CompilationError", errors[0], errors);

    private const string GaveUp =
        "the cell did not stop within 2 s of the interrupt: it is inside code that does not observe interrupts (native code such as a TorchSharp operation, " +
        "or one long library call). It goes on in the background until that call returns; the variables of earlier cells are kept, those of this cell are lost.";

    /// <summary>
    /// Starts the submission on a thread of its own, so a cell that never yields (a loop the rewriter could not
    /// instrument, native code) can be given up while the kernel goes on; the cell's code runs there until its first await.
    /// </summary>
    private static Task<ScriptState<object?>> StartOnCellThread(Func<Task<ScriptState<object?>>> start)
    {
        // Continuations run inline: the cell's end must not wait for a pool thread (see EndsAfterInterrupt).
        var started = new TaskCompletionSource<Task<ScriptState<object?>>>();
        var thread = new Thread(() =>
        {
            Interruption.SetCellThread(Thread.CurrentThread);
            try { started.SetResult(start()); }
            catch (Exception e) { started.SetException(e); }
        }) { IsBackground = true, Name = "cell" };
        thread.Start(); // the execution context (the cell's outputs) flows to the thread
        return started.Task.Unwrap();
    }

    /// <summary>Writes to the kernel's own stderr (its log), not to the running cell's outputs.</summary>
    private static void KernelLog(string line)
    {
        var cell = CellContext.Current;
        CellContext.Current = null;
        try { Console.Error.WriteLine(line); }
        finally { CellContext.Current = cell; }
    }

    /// <summary>
    /// Waits for the cell; after an interrupt, wakes its blocked thread until it ends, or gives it up after
    /// <see cref="InterruptGrace"/> (false). The wait is a blocking one on a thread of its own, and the rest of the
    /// cell's handling (the reply, the idle status) continues on that thread: none of it needs the .NET thread pool,
    /// which a cell running <c>Parallel.For</c>, PLINQ or <c>Task.Run</c> loops fills with its own work (the pool then
    /// serves other work only as it injects threads, about two a second in the traced runs: seconds on a loaded machine).
    /// </summary>
    private Task<bool> EndsAfterInterrupt(Task running)
    {
        ManualResetEventSlim? interrupted;
        lock (_interruptLock) interrupted = _interrupted;
        var ended = new TaskCompletionSource<bool>(); // no RunContinuationsAsynchronously: the awaiting code goes on on the waiter thread
        var waiter = new Thread(() =>
        {
            try { ended.SetResult(WaitForCell(running, interrupted)); }
            catch (Exception e) { ended.TrySetException(e); }
        }) { IsBackground = true, Name = "cell waiter" };
        waiter.Start(); // the execution context (the cell's outputs) flows to the continuation
        return ended.Task;
    }

    private static bool WaitForCell(Task running, ManualResetEventSlim? interrupted)
    {
        var done = ((IAsyncResult)running).AsyncWaitHandle;
        if (interrupted is null) done.WaitOne();
        else WaitHandle.WaitAny([done, interrupted.WaitHandle]);
        InterruptTrace.Mark("EndsAfterInterrupt woke");
        var clock = Stopwatch.StartNew();
        while (!running.IsCompleted && clock.Elapsed < InterruptGrace)
        {
            Interruption.WakeBlockedThread();
            done.WaitOne(50);
        }
        InterruptTrace.Mark("EndsAfterInterrupt returns");
        return running.IsCompleted;
    }

    /// <summary>
    /// Interrupts the running cell (<see cref="Interruption"/>): its loops, methods and lambdas stop at their
    /// next check, its awaits end, a blocking wait is woken. Nothing happens between cells.
    /// </summary>
    public void Interrupt()
    {
        lock (_interruptLock)
        {
            if (_interrupted is not { } interrupted) return;
            Interruption.Request();
            interrupted.Set();
        }
    }

    private async Task<CellOutcome> RunImportAsync(string import, int executionCount, CancellationToken cancellation)
    {
        string path = Path.GetFullPath(Path.Combine(_workingDirectory, import));
        if (!File.Exists(path))
            return CellOutcome.Failure("DirectiveError", $"#!import: no file {import} (looked for {path}).", [$"#!import: no file {path}"]);
        IEnumerable<string> sources = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => Notebook.Load(path).Cells.Where(c => c.CellType == "code").Select(c => c.Source),
            _ => [await File.ReadAllTextAsync(path, cancellation)],
        };
        foreach (string source in sources)
        {
            var directives = Directives.Parse(source, _packages);
            if (directives.IsMarkdown) continue;
            var outcome = await RunAsync(directives.Code, directives.References, executionCount, cancellation);
            if (!outcome.Succeeded)
                return outcome with { ErrorValue = $"in {import}: {outcome.ErrorValue}" };
        }
        return CellOutcome.Success(null, false);
    }

    private string CellPath(int executionCount) => Path.Combine(_workingDirectory, $"cell{executionCount}.csx");

    private static string FormatDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        string where = span.IsValid ? $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : "";
        return $"{where}error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static CellOutcome RuntimeError(Exception exception, int executionCount)
    {
        if (exception is TargetInvocationException { InnerException: { } inner }) exception = inner;
        string cellFile = $"cell{executionCount}.csx";
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => Path.GetFileName(f.GetFileName() ?? "") == cellFile);
        string line = frames is { } f && f.GetFileLineNumber() > 0 ? $"line {f.GetFileLineNumber()}: " : "";
        string message = WithoutNativeFrames(exception.Message);
        var traceback = new List<string> { $"{exception.GetType().FullName}: {message}" };
        traceback.AddRange((exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal))
            .Select(l => "  " + l));
        return CellOutcome.Failure(exception.GetType().FullName ?? "Exception", line + message, traceback);
    }

    /// <summary>
    /// The message without the C++ backtrace that libtorch appends to its errors (« Exception raised from … (most
    /// recent call first): », then one « frame #N: … » line per native frame, about 2 KB), which TorchSharp passes on
    /// in its exceptions' messages: the student reads « shape '[7]' is invalid for input of size 6 » alone.
    /// </summary>
    internal static string WithoutNativeFrames(string message)
    {
        int native = message.IndexOf("\nException raised from ", StringComparison.Ordinal);
        return native < 0 ? message : message[..native].TrimEnd();
    }

    /// <summary>True when the submission ends with an expression statement without a semicolon whose type is not void.</summary>
    private static bool ReturnsValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        var last = tree.GetRoot().ChildNodes().LastOrDefault();
        if (last is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement }) return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>
    /// Framework assemblies beyond Roslyn's script defaults (System.Runtime, System.Collections, System.Console,
    /// System.Text.RegularExpressions, System.Threading.Tasks…): System.Linq for the default using. Every
    /// reference costs each cell's compilation time (the whole framework, about 160 assemblies, made a trivial
    /// cell 180 ms instead of 15 ms), so a notebook that needs another framework assembly names it, e.g.
    /// <c>#r "System.Text.Json"</c>.
    /// </summary>
    private static IEnumerable<string> FrameworkReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return new[] { "System.Linq" }
            .Select(name => Path.Combine(frameworkDirectory, name + ".dll"))
            .Where(File.Exists);
    }
}
