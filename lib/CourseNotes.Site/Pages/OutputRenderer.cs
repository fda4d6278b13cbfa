using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Site.Pages;

/// <summary>
/// A code cell's stored outputs as HTML: streams and text as preformatted text, HTML kept (its
/// <c>&lt;style&gt;</c> blocks dropped: the site has its own), PNG images inline, errors styled, and Plotly
/// charts as a placeholder plus their <c>application/vnd.plotly.v1+json</c> data, which the page's
/// plotly.js draws (a static <c>image/svg+xml</c> rendering beside it is ignored). Each MIME bundle shows its
/// richest type. Charts and images are figures: numbered later, captioned from the cell's metadata
/// (<see cref="CellFigure"/>) or, for a chart, its title; images carry their size and an alternative text.
/// An HTML representation that carries its own script is a live output (the latent explorer of
/// <c>CourseNotes.Vae.Explorer.LatentExplorer</c>, which decodes in the page): it is kept, script included, ahead of
/// the static picture in the same bundle, which is only there for front ends that run no script.
/// </summary>
public static partial class OutputRenderer
{
    /// <summary>The MIME type that carries a chart's data and layout.</summary>
    public const string PlotlyMime = MimeType.Plotly;

    /// <summary>The HTML of <paramref name="outputs"/>.</summary>
    /// <param name="outputs">The cell's outputs.</param>
    /// <param name="chartIds">Hands out unique chart ids on the page.</param>
    /// <param name="figure">The cell's figure metadata.</param>
    /// <param name="fallbackAlt">What an image shows when the metadata does not say (the prose that introduces it).</param>
    public static string Render(JsonArray outputs, Func<string> chartIds, CellFigure figure, string fallbackAlt)
    {
        var html = new StringBuilder();
        string? label = figure.Label;
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
                    html.Append(Bundle(output["data"] as JsonObject ?? [], chartIds, figure, fallbackAlt, ref label)).Append('\n');
                    break;
            }
        }
        return html.ToString();
    }

    private static string Bundle(JsonObject data, Func<string> chartIds, CellFigure meta, string fallbackAlt, ref string? label)
    {
        if (data[PlotlyMime] is JsonObject chart)
        {
            string id = chartIds();
            string title = (string?)chart["layout"]?["title"]?["text"] ?? "";
            string caption = meta.Caption ?? title;
            // "</" cannot appear inside a script element: escape it in the JSON text.
            string json = chart.ToJsonString().Replace("</", "<\\/");
            return Figure("chart", ref label, caption,
                $"<div class=\"chart\" id=\"{id}\" data-title=\"{Html.Encode(caption)}\"></div>" +
                $"<script type=\"application/json\" class=\"chart-data\" data-chart=\"{id}\">{json}</script>",
                $"<details class=\"chart-table\" data-chart=\"{id}\"><summary>Données du graphique</summary></details>");
        }
        if (data[MimeType.Html] is JsonNode liveNode && NotebookText.Join(liveNode) is var live && live.Contains("<script", StringComparison.OrdinalIgnoreCase))
            return $"<div class=\"output html live\">{Style().Replace(live, "")}</div>";
        if (data[MimeType.Png] is JsonNode png)
        {
            string base64 = NotebookText.Join(png).Replace("\n", "");
            var (width, height) = PngSize(base64);
            string size = width > 0 ? $" width=\"{width}\" height=\"{height}\"" : "";
            string alt = meta.Alt ?? meta.Caption ?? fallbackAlt;
            return Figure("image", ref label, meta.Caption ?? "", $"<img alt=\"{Html.Encode(alt)}\"{size} src=\"data:image/png;base64,{base64}\">");
        }
        if (data[MimeType.Svg] is JsonNode svg)
        {
            string alt = meta.Alt ?? meta.Caption ?? fallbackAlt;
            return Figure("svg", ref label, meta.Caption ?? "", $"<div role=\"img\" aria-label=\"{Html.Encode(alt)}\">{NotebookText.Join(svg)}</div>");
        }
        if (data[MimeType.Html] is JsonNode htmlNode)
            return $"<div class=\"output html\">{Style().Replace(NotebookText.Join(htmlNode), "")}</div>";
        if (data[MimeType.PlainText] is JsonNode plain)
            return $"<pre class=\"output text\">{Text(NotebookText.Join(plain))}</pre>";
        return "";
    }

    // A numbered figure (the number is written later, when the whole course is known); the cell's label goes to its first figure.
    private static string Figure(string kind, ref string? label, string caption, string content, string afterCaption = "")
    {
        string id = label is null ? "" : $" id=\"{Html.Encode(label)}\"";
        label = null;
        return $"<figure class=\"output {kind}\"{id}>{content}<figcaption>{Html.Encode(caption)}</figcaption>{afterCaption}</figure>";
    }

    private static (int Width, int Height) PngSize(string base64)
    {
        try { return ImageSize.Png(Convert.FromBase64String(base64[..Math.Min(base64.Length, 32)])); }
        catch (FormatException) { return (0, 0); }
    }

    private static string Text(string text) => Html.Encode(Ansi().Replace(text, "")).TrimEnd('\n');

    [GeneratedRegex(@"<style[\s\S]*?</style>", RegexOptions.IgnoreCase)]
    private static partial Regex Style();

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
