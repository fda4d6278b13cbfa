using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// Plotly.NET charts as <c>application/vnd.plotly.v1+json</c> ({data, layout}: what VS Code's renderer
/// draws offline and what the site feeds to its own plotly.js), with a text/html fallback. The chart's
/// own Plotly.NET assembly (the one the notebook loaded) is called by reflection, so the kernel never
/// binds to another copy.
/// </summary>
public static class PlotlyFigure
{
    /// <summary>The bundle for a Plotly.NET GenericChart, or null for any other value.</summary>
    public static MimeBundle? TryFormat(object value)
    {
        var type = value.GetType();
        if (type.FullName?.StartsWith("Plotly.NET.GenericChart", StringComparison.Ordinal) != true) return null;
        var toJson = type.Assembly.GetType("Plotly.NET.GenericChart")?.GetMethods()
            .FirstOrDefault(m => m.Name == "toJson" && m.IsStatic && m.GetParameters() is [var p] && p.ParameterType.IsInstanceOfType(value));
        if (toJson?.Invoke(null, [value]) is not string json) return null;
        var figure = JsonNode.Parse(json)!.AsObject();
        var plotly = new JsonObject { ["data"] = figure["data"]?.DeepClone() ?? new JsonArray(), ["layout"] = figure["layout"]?.DeepClone() ?? new JsonObject() };
        string html = "<div class=\"plotly-figure\"><script type=\"application/json\">" +
                      plotly.ToJsonString().Replace("</", "<\\/") + "</script></div>";
        return new MimeBundle(new JsonObject { [MimeType.Plotly] = plotly, [MimeType.Html] = html }, new JsonObject());
    }
}
