using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// Plotly.NET charts in four representations, so that every front end shows them:
/// <c>application/vnd.plotly.v1+json</c> ({data, layout, config}: what VS Code's renderer and JupyterLab's
/// Plotly extension draw offline, and what the site feeds to its own plotly.js); <c>image/svg+xml</c>, a
/// static copy (JupyterLab without the extension, GitHub's preview, trusted outputs in classic Notebook);
/// <c>text/html</c>, the same picture as an <c>&lt;img&gt;</c> of that SVG — classic Notebook, JupyterLab
/// and nbconvert rank HTML above SVG, classic Notebook ignores SVG from an untrusted notebook (every notebook
/// opened from a clone) but shows sanitized HTML, and Debian's nbconvert 6.5 strips inline SVG to its
/// text; and <c>text/plain</c> (« Graphique : titre (n séries) », for text front ends). The chart's
/// own Plotly.NET assembly (the one the notebook loaded) is called by reflection, so the kernel never binds
/// to another copy; the picture comes from the <c>image/svg+xml</c> formatter registered with
/// Microsoft.DotNet.Interactive.Formatting (the course library's Figures registers SvgChart for every chart).
/// </summary>
public static class PlotlyFigure
{
    /// <summary>The MIME type of a chart's data, layout and config.</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>The MIME type of the chart's static picture.</summary>
    public const string SvgMime = "image/svg+xml";

    /// <summary>
    /// plotly.js options for the interactive chart: no "send to Chart Studio" (share, cloud upload) button —
    /// plotly.js 4 shows it unless told not to — and no Plotly logo.
    /// </summary>
    public static JsonObject Config() => new() { ["showSendToCloud"] = false, ["displaylogo"] = false };

    /// <summary>The bundle for a Plotly.NET GenericChart, or null for any other value.</summary>
    public static MimeBundle? TryFormat(object value)
    {
        var type = value.GetType();
        if (type.FullName?.StartsWith("Plotly.NET.GenericChart", StringComparison.Ordinal) != true) return null;
        var toJson = type.Assembly.GetType("Plotly.NET.GenericChart")?.GetMethods()
            .FirstOrDefault(m => m.Name == "toJson" && m.IsStatic && m.GetParameters() is [var p] && p.ParameterType.IsInstanceOfType(value));
        if (toJson?.Invoke(null, [value]) is not string json) return null;
        var figure = JsonNode.Parse(json)!.AsObject();
        var plotly = new JsonObject
        {
            ["data"] = figure["data"]?.DeepClone() ?? new JsonArray(),
            ["layout"] = figure["layout"]?.DeepClone() ?? new JsonObject(),
            ["config"] = Config(),
        };
        var data = new JsonObject { [PlotlyMime] = plotly };
        string? missing = null;
        try
        {
            if (StaticPicture(value) is { } svg)
            {
                data[SvgMime] = svg;
                data["text/html"] = $"<img src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\" alt=\"{Attribute(Summary(plotly))}\">";
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The interactive chart is still sent; the summary says why there is no picture.
            missing = (e.InnerException ?? e).Message;
        }
        data["text/plain"] = Summary(plotly, missing);
        return new MimeBundle(data, new JsonObject());
    }

    /// <summary>« Graphique : titre (n séries) », in French typography (no-break space before the colon).</summary>
    public static string Summary(JsonObject plotly, string? missingPicture = null)
    {
        var title = plotly["layout"]?["title"] switch
        {
            JsonObject o => (string?)o["text"],
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => null,
        };
        int series = (plotly["data"] as JsonArray)?.Count ?? 0;
        string summary = $"Graphique{(string.IsNullOrWhiteSpace(title) ? "" : "\u00A0: " + title)} ({series} série{(series > 1 ? "s" : "")})";
        return missingPicture is null ? summary : $"{summary} — sans image statique\u00A0: {missingPicture}";
    }

    // An HTML attribute value: only the characters that must be escaped (French letters stay readable).
    private static string Attribute(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // The image/svg+xml formatter registered for the chart's type, if any (null when none is).
    private static string? StaticPicture(object value)
    {
        ITypeFormatter formatter;
        try
        {
            formatter = Formatter.GetPreferredFormatterFor(value.GetType(), SvgMime);
        }
        catch (ArgumentException)
        {
            return null; // "No formatter is registered for MIME type image/svg+xml."
        }
        if (formatter.Type == typeof(object) || !formatter.Type.IsInstanceOfType(value)) return null;
        using var writer = new StringWriter();
        return formatter.Format(value, new FormatContext(writer)) ? writer.ToString() : null;
    }
}
