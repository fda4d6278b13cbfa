using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Site.Pages;

/// <summary>
/// A code cell's stored outputs as HTML: streams and text as preformatted text, HTML kept (its
/// <c>&lt;style&gt;</c> blocks dropped: the site has its own), PNG images inline, errors styled, and Plotly
/// charts as a placeholder plus their <c>application/vnd.plotly.v1+json</c> data, which the page's
/// plotly.js draws. Each MIME bundle shows its richest type.
/// </summary>
public static partial class OutputRenderer
{
    /// <summary>The MIME type that carries a chart's data and layout.</summary>
    public const string PlotlyMime = MimeType.Plotly;

    /// <summary>The HTML of <paramref name="outputs"/>; <paramref name="chartIds"/> hands out unique chart ids on the page.</summary>
    public static string Render(JsonArray outputs, Func<string> chartIds)
    {
        var html = new StringBuilder();
        foreach (var output in outputs.OfType<JsonObject>())
        {
            switch ((string?)output["output_type"])
            {
                case "stream":
                    string name = (string?)output["name"] == "stderr" ? "stderr" : "stdout";
                    html.Append($"<pre class=\"output stream {name}\">{Text(NotebookText.Join(output["text"]))}</pre>\n");
                    break;
                case "error":
                    string trace = string.Join("\n", (output["traceback"] as JsonArray ?? []).Select(t => (string?)t ?? ""));
                    html.Append($"<pre class=\"output error\"><strong>{Text($"{(string?)output["ename"]}: {(string?)output["evalue"]}")}</strong>{(trace.Length > 0 ? "\n" + Text(trace) : "")}</pre>\n");
                    break;
                case "display_data" or "execute_result":
                    html.Append(Bundle(output["data"] as JsonObject ?? [], chartIds)).Append('\n');
                    break;
            }
        }
        return html.ToString();
    }

    private static string Bundle(JsonObject data, Func<string> chartIds)
    {
        if (data[PlotlyMime] is JsonObject figure)
        {
            string id = chartIds();
            string title = Html.Encode((string?)figure["layout"]?["title"]?["text"] ?? "graphique");
            // "</" cannot appear inside a script element: escape it in the JSON text.
            string json = figure.ToJsonString().Replace("</", "<\\/");
            return $"<figure class=\"output chart\"><div class=\"chart\" id=\"{id}\" role=\"img\" aria-label=\"{title}\"></div>" +
                   $"<script type=\"application/json\" class=\"chart-data\" data-chart=\"{id}\">{json}</script></figure>";
        }
        if (data[MimeType.Png] is JsonNode png)
            return $"<img class=\"output image\" alt=\"image produite par la cellule\" src=\"data:image/png;base64,{NotebookText.Join(png).Replace("\n", "")}\">";
        if (data[MimeType.Svg] is JsonNode svg)
            return $"<div class=\"output svg\">{NotebookText.Join(svg)}</div>";
        if (data[MimeType.Html] is JsonNode htmlNode)
            return $"<div class=\"output html\">{Style().Replace(NotebookText.Join(htmlNode), "")}</div>";
        if (data[MimeType.PlainText] is JsonNode plain)
            return $"<pre class=\"output text\">{Text(NotebookText.Join(plain))}</pre>";
        return "";
    }

    private static string Text(string text) => Html.Encode(Ansi().Replace(text, "")).TrimEnd('\n');

    [GeneratedRegex(@"<style[\s\S]*?</style>", RegexOptions.IgnoreCase)]
    private static partial Regex Style();

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
