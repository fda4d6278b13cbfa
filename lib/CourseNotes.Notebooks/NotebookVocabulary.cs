using System.Globalization;

namespace CourseNotes.Notebooks;

/// <summary>
/// The cell tags the course's tools obey. Each tag of the runner's verifier also has nbval's name and
/// nbval's comment marker on the cell's first line (<c>// NBVAL_SKIP</c>).
/// </summary>
public static class CellTag
{
    /// <summary>An exercise's solution: folded on the site, left out of the student edition.</summary>
    public const string Solution = "solution";

    /// <summary>An exercise's starting point for students: kept (outputs cleared) in the student edition, hidden on the site; never tagged together with <see cref="Solution"/>.</summary>
    public const string Starter = "starter";

    /// <summary>The cell holding papermill-style parameters; values given with <c>-p</c> are injected after it.</summary>
    public const string Parameters = "parameters";

    /// <summary>Not run when verifying (its stored outputs stay); nbval: <c>nbval-skip</c>, <c>NBVAL_SKIP</c>.</summary>
    public static readonly VerifierTag Skip = new("skip", "nbval-skip", "NBVAL_SKIP");

    /// <summary>Run, its outputs not compared; nbval: <c>nbval-ignore-output</c>, <c>NBVAL_IGNORE_OUTPUT</c>.</summary>
    public static readonly VerifierTag IgnoreOutput = new("ignore-output", "nbval-ignore-output", "NBVAL_IGNORE_OUTPUT");

    /// <summary>An error is expected and does not fail the run; nbval: <c>nbval-raises-exception</c>, <c>NBVAL_RAISES_EXCEPTION</c>.</summary>
    public static readonly VerifierTag RaisesException = new("raises-exception", "nbval-raises-exception", "NBVAL_RAISES_EXCEPTION");
}

/// <summary>A tag of the verifier with its two nbval spellings.</summary>
/// <param name="Tag">The project's tag, e.g. <c>skip</c>.</param>
/// <param name="NbvalTag">nbval's tag, e.g. <c>nbval-skip</c>.</param>
/// <param name="Marker">nbval's comment marker on the first line of the cell, e.g. <c>NBVAL_SKIP</c>.</param>
public sealed record VerifierTag(string Tag, string NbvalTag, string Marker)
{
    /// <summary>True when <paramref name="cell"/> carries the tag, nbval's tag, or the marker in a comment on its first line.</summary>
    public bool On(NotebookCell cell)
    {
        if (cell.HasTag(Tag) || cell.HasTag(NbvalTag)) return true;
        string firstLine = cell.Source.Split('\n', 2)[0].Trim();
        return (firstLine.StartsWith("//", StringComparison.Ordinal) || firstLine.StartsWith('#'))
               && firstLine.TrimStart('/', '#', ' ').StartsWith(Marker, StringComparison.Ordinal);
    }
}

/// <summary>The project's keys in notebook and cell metadata, all under <c>coursenotes</c>.</summary>
public static class CourseNotesMetadata
{
    /// <summary>The section of notebook and cell metadata that belongs to CourseNotes.</summary>
    public const string Section = "coursenotes";

    /// <summary>Notebook metadata <c>coursenotes.execution_key</c>: the hash the execution cache compares.</summary>
    public const string ExecutionKey = "execution_key";

    /// <summary>Cell metadata <c>coursenotes.tolerance</c>: the verifier's numeric tolerance for that cell.</summary>
    public const string Tolerance = "tolerance";
}

/// <summary>Jupyter's own keys in cell metadata that the runner writes, as nbclient writes them.</summary>
public static class CellMetadata
{
    /// <summary>Cell metadata <c>execution</c>: when the cell's execution started and ended (<c>iopub.execute_input</c>,
    /// <c>shell.execute_reply</c>).</summary>
    public const string Execution = "execution";
}

/// <summary>The MIME types of the outputs the kernel writes, the runner compares and the site renders.</summary>
public static class MimeType
{
    /// <summary>Plain text (strings, and every value's fallback).</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML (objects, as Polyglot formats them).</summary>
    public const string Html = "text/html";

    /// <summary>A PNG image, base64-encoded.</summary>
    public const string Png = "image/png";

    /// <summary>An SVG image.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary>A Plotly figure (data and layout) as JSON, which Jupyter front ends draw.</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";

    /// <summary>True for JSON types: application/json and every application/…+json.</summary>
    public static bool IsJson(string mime) => mime == "application/json"
        || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));
}

/// <summary>The kernelspec names a C# notebook may carry or start.</summary>
public static class KernelspecNames
{
    /// <summary>Polyglot Notebooks' (.NET Interactive) C# kernelspec, written in the notebooks' metadata.</summary>
    public const string Polyglot = ".net-csharp";

    /// <summary>This project's C# kernel, as installed by <c>install-kernel</c>.</summary>
    public const string CourseNotes = "coursenotes-csharp";
}

/// <summary>The timestamps written into notebooks and Jupyter messages (ISO 8601, UTC, microseconds, as nbclient and ipykernel write them).</summary>
public static class Timestamp
{
    /// <summary>The format, e.g. <c>2026-12-01T15:07:39.123456Z</c>.</summary>
    public const string Format = "yyyy-MM-ddTHH:mm:ss.ffffffZ";

    /// <summary><paramref name="time"/> in UTC, in <see cref="Format"/>.</summary>
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
