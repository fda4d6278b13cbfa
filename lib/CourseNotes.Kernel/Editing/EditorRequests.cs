using System.Text.Json.Nodes;
using CourseNotes.Kernel.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseNotes.Kernel.Editing;

/// <summary>
/// The kernel's answers to the editor's requests (Jupyter messaging 5.3): <c>complete_request</c>,
/// <c>inspect_request</c>, <c>is_complete_request</c> and <c>history_request</c>. Offsets on the wire are
/// Unicode code points (<see cref="CellText"/>).
/// </summary>
public sealed class EditorRequests(ScriptEngine engine) : IDisposable
{
    private readonly SubmissionWorkspace _workspace = new();
    private readonly List<(int Line, string Input)> _history = [];
    private readonly object _editing = new();

    /// <summary>Remembers an executed cell for history_request (store_history cells only).</summary>
    public void Remember(int executionCount, string code)
    {
        lock (_history) _history.Add((executionCount, code));
    }

    /// <summary>
    /// Binds the latest state in the background (after a cell ran, or at start), so the first completion after
    /// a cell does not pay for compiling the earlier cells' declarations.
    /// </summary>
    public Task PrepareAsync() => Task.Run(() =>
    {
        try
        {
            lock (_editing)
                CodeCompletion.CompleteAsync(_workspace.Document(engine.LastSubmission, "Console."), "Console.".Length).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"kernel: preparing completion failed: {e.Message}");
        }
    });

    /// <summary>complete_reply content: the matches at <c>cursor_pos</c>, the span they replace, and their kinds in <c>metadata._jupyter_types_experimental</c>.</summary>
    public JsonObject Complete(string code, int cursorPos)
    {
        int cursor = CellText.ToUtf16(code, cursorPos);
        IReadOnlyList<CompletionMatch> matches;
        lock (_editing)
            matches = CodeCompletion.CompleteAsync(_workspace.Document(engine.LastSubmission, CellText.BlankDirectives(code)), cursor).GetAwaiter().GetResult();
        int start = matches.Count > 0 ? matches[0].Start : cursor, end = matches.Count > 0 ? matches[0].End : cursor;
        var types = new JsonArray(matches.Select(m => (JsonNode)new JsonObject
        {
            ["start"] = CellText.ToCodePoints(code, m.Start), ["end"] = CellText.ToCodePoints(code, m.End), ["text"] = m.Text, ["type"] = m.Kind,
        }).ToArray());
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(matches.Select(m => (JsonNode)JsonValue.Create(m.Text)).ToArray()),
            ["cursor_start"] = CellText.ToCodePoints(code, start),
            ["cursor_end"] = CellText.ToCodePoints(code, end),
            ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
        };
    }

    /// <summary>inspect_reply content: the signature and summary of the symbol at <c>cursor_pos</c> as text/plain and text/markdown.</summary>
    public JsonObject Inspect(string code, int cursorPos)
    {
        Inspection? found;
        lock (_editing)
            found = CodeInspection.InspectAsync(_workspace.Document(engine.LastSubmission, CellText.BlankDirectives(code)), CellText.ToUtf16(code, cursorPos)).GetAwaiter().GetResult();
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = found is not null,
            ["data"] = found is null ? new JsonObject() : new JsonObject { ["text/plain"] = found.PlainText, ["text/markdown"] = found.Markdown },
            ["metadata"] = new JsonObject(),
        };
    }

    /// <summary>
    /// is_complete_reply content: <c>incomplete</c> (with an indent) while a bracket, string or statement is
    /// still open, <c>invalid</c> when the code has a syntax error that more text cannot fix, else <c>complete</c>.
    /// </summary>
    public static JsonObject IsComplete(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(CellText.BlankDirectives(code), CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest));
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return new JsonObject { ["status"] = "incomplete", ["indent"] = Indent(code) };
        bool invalid = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return new JsonObject { ["status"] = invalid ? "invalid" : "complete" };
    }

    /// <summary>The next line's indent: the last non-blank line's, four spaces more after an opening brace.</summary>
    private static string Indent(string code)
    {
        string last = code.Replace("\r\n", "\n").Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "";
        string indent = last[..(last.Length - last.TrimStart().Length)];
        return last.TrimEnd().EndsWith('{') || last.TrimEnd().EndsWith('(') ? indent + "    " : indent;
    }

    /// <summary>history_reply content for <c>hist_access_type</c> <c>tail</c> (the last <c>n</c> cells), <c>range</c> or <c>search</c> of this session.</summary>
    public JsonObject History(JsonObject request)
    {
        List<(int Line, string Input)> cells;
        lock (_history) cells = [.. _history];
        string access = (string?)request["hist_access_type"] ?? "tail";
        IEnumerable<(int Line, string Input)> chosen = access switch
        {
            "range" => cells.Where(c => c.Line >= ((int?)request["start"] ?? 0) && ((int?)request["stop"] is not { } stop || c.Line < stop)),
            "search" => cells.Where(c => Glob((string?)request["pattern"] ?? "*").IsMatch(c.Input)),
            _ => cells,
        };
        if (access is "tail" or "search" && (int?)request["n"] is { } n && n >= 0) chosen = chosen.TakeLast(n);
        // Session 0 is "this session" in IPython's history numbering.
        return new JsonObject
        {
            ["status"] = "ok",
            ["history"] = new JsonArray(chosen.Select(c => (JsonNode)new JsonArray(0, c.Line, c.Input)).ToArray()),
        };
    }

    private static System.Text.RegularExpressions.Regex Glob(string pattern) =>
        new("^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
            System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <inheritdoc />
    public void Dispose() => _workspace.Dispose();
}
