using System.Text.Json.Nodes;
using CourseNotes.Notebooks;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// Turns a value into the MIME bundle the Polyglot C# kernel would send, using the same formatter
/// library (Microsoft.DotNet.Interactive.Formatting): numbers and objects as text/html
/// (<c>&lt;div class="dni-plaintext"&gt;…</c>), strings as text/plain, sequences of records as HTML
/// tables, PNG bytes as image/png, Plotly.NET charts as application/vnd.plotly.v1+json. Every bundle also
/// carries text/plain (as Jupyter asks), so text front ends (a console, nbconvert to text) show something.
/// </summary>
public static class OutputFormatter
{
    /// <summary>The bundle for <paramref name="value"/>, in <paramref name="mimeTypes"/> or the value's preferred types.</summary>
    public static MimeBundle Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        if (value is null) return MimeBundle.Of(MimeType.PlainText, Formatter.NullString);
        if (PlotlyFigure.TryFormat(value) is { } chart) return WithPlainText(chart, $"<{value.GetType().Name}: graphique Plotly>");
        if (value is byte[] bytes && IsPng(bytes)) return WithPlainText(MimeBundle.Of(MimeType.Png, Convert.ToBase64String(bytes)), $"<image PNG, {bytes.Length} octets>");
        var types = mimeTypes is { Count: > 0 } ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value.GetType());
        var data = new JsonObject();
        foreach (string type in types) data[type] = value.ToDisplayString(type);
        return WithPlainText(new MimeBundle(data, new JsonObject()), null, value);
    }

    /// <summary>The bundle with a text/plain entry: <paramref name="text"/>, else the value's plain-text formatting.</summary>
    private static MimeBundle WithPlainText(MimeBundle bundle, string? text, object? value = null)
    {
        if (bundle.Data.ContainsKey("text/plain")) return bundle;
        bundle.Data["text/plain"] = text ?? value.ToDisplayString("text/plain");
        return bundle;
    }

    private static bool IsPng(byte[] bytes) =>
        bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G';
}
