using System.Text.Json.Nodes;
using CourseNotes.Notebooks;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// Turns a value into the MIME bundle the Polyglot C# kernel would send, using the same formatter
/// library (Microsoft.DotNet.Interactive.Formatting): numbers and objects as text/html
/// (<c>&lt;div class="dni-plaintext"&gt;…</c>), strings as text/plain, sequences of records as HTML
/// tables, PNG bytes as image/png, Plotly.NET charts as application/vnd.plotly.v1+json.
/// </summary>
public static class OutputFormatter
{
    /// <summary>The bundle for <paramref name="value"/>, in <paramref name="mimeTypes"/> or the value's preferred types.</summary>
    public static MimeBundle Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        if (value is null) return MimeBundle.Of(MimeType.PlainText, Formatter.NullString);
        if (PlotlyFigure.TryFormat(value) is { } chart) return chart;
        if (value is byte[] bytes && IsPng(bytes)) return MimeBundle.Of(MimeType.Png, Convert.ToBase64String(bytes));
        var types = mimeTypes is { Count: > 0 } ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value.GetType());
        var data = new JsonObject();
        foreach (string type in types) data[type] = value.ToDisplayString(type);
        return new MimeBundle(data, new JsonObject());
    }

    private static bool IsPng(byte[] bytes) =>
        bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G';
}
