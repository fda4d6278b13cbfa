using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using CourseNotes.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

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
    private Thread? _cellThread;
    private bool _interruptRequested;

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
                .Append(typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location))
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

    private void RememberReferenceFolders(string code)
    {
        foreach (string reference in Directives.AssemblyPaths(code))
        {
            string path = Path.GetFullPath(Path.Combine(_workingDirectory, reference));
            string? folder = Path.GetDirectoryName(path);
            if (folder is not null && File.Exists(path) && !_referenceFolders.Contains(folder)) _referenceFolders.Add(folder);
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

    /// <summary>Runs one cell's source; its outputs go to <paramref name="sink"/>.</summary>
    public async Task<CellOutcome> ExecuteAsync(string source, IOutputSink sink, int executionCount, CancellationToken cancellation = default)
    {
        await WarmUpAsync();
        await _gate.WaitAsync(cancellation);
        var previous = CellContext.Current;
        CellContext.Current = new CellContext(sink, executionCount);
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
            if (directives.IsMarkdown) return CellOutcome.Success(null, false);

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
            _gate.Release();
        }
    }

    private async Task<CellOutcome> RunAsync(string code, IReadOnlyList<string> references, int executionCount, CancellationToken cancellation)
    {
        RememberReferenceFolders(code);
        var options = _options.WithFilePath(CellPath(executionCount)).AddReferences(references);
        try
        {
            Task<ScriptState<object?>> running;
            var thread = Thread.CurrentThread;
            lock (_interruptLock) { _cellThread = thread; _interruptRequested = false; }
            try
            {
                // The cell's code runs synchronously on this thread until its first await.
                running = _state!.ContinueWithAsync<object?>(code, options, catchException: _ => true, cancellationToken: cancellation);
            }
            finally
            {
                lock (_interruptLock)
                {
                    _cellThread = null;
                    if (_interruptRequested) ConsumePendingInterrupt();
                }
            }
            _state = await running;
            if (_state.Exception is { } exception) return RuntimeError(exception, executionCount);
            return CellOutcome.Success(_state.ReturnValue, ReturnsValue(_state.Script));
        }
        catch (ThreadInterruptedException)
        {
            // Interrupted while compiling, before the cell's code started.
            return CellOutcome.Interrupted;
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(FormatDiagnostic).ToArray();
            return CellOutcome.Failure("CompilationError", errors.FirstOrDefault() ?? e.Message, errors);
        }
    }

    /// <summary>
    /// Interrupts the running cell: a cell blocked in a sleep or a wait gets a ThreadInterruptedException.
    /// A CPU-bound loop does not stop; the client then ends the kernel process.
    /// </summary>
    public void Interrupt()
    {
        lock (_interruptLock)
        {
            if (_cellThread is null) return;
            _interruptRequested = true;
            _cellThread.Interrupt();
        }
    }

    /// <summary>Clears an interrupt that arrived while the cell was not blocked, so it cannot hit later, unrelated code on this thread.</summary>
    private static void ConsumePendingInterrupt()
    {
        try { Thread.Sleep(0); }
        catch (ThreadInterruptedException) { }
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
        if (exception is ThreadInterruptedException) return CellOutcome.Interrupted;
        string cellFile = $"cell{executionCount}.csx";
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => Path.GetFileName(f.GetFileName() ?? "") == cellFile);
        string line = frames is { } f && f.GetFileLineNumber() > 0 ? $"line {f.GetFileLineNumber()}: " : "";
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        traceback.AddRange((exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal))
            .Select(l => "  " + l));
        return CellOutcome.Failure(exception.GetType().FullName ?? "Exception", line + exception.Message, traceback);
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
