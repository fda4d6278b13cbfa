using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using OxyPlot;
using Plotly.NET;

namespace CourseNotes.Charts;

/// <summary>
/// A static SVG picture of a Plotly chart, drawn by OxyPlot from the chart's own Plotly data and layout:
/// the same points, title, axis titles (log axes too), legend and colours. Front ends without a Plotly
/// renderer (classic Notebook, JupyterLab without the Plotly extension, nbconvert's HTML, GitHub's
/// preview) show it; VS Code and the course site keep drawing the interactive chart from the
/// <c>application/vnd.plotly.v1+json</c> data.
/// </summary>
/// <remarks>
/// <para>Byte-stable: no random ids and no clock; text is real SVG <c>&lt;text&gt;</c> in the generic
/// <c>sans-serif</c> family, laid out with OxyPlot's built-in font metrics widened to the usual sans-serif
/// fonts (<see cref="SansSerifMetrics"/>, not the machine's fonts), so two runs on any machine give the same
/// bytes. Clip-path ids start with a hash of the picture, so that several charts inlined in one HTML page
/// (classic Notebook inlines SVG) never share an id.</para>
/// <para>Every chart of the notebooks has this copy, first in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>,
/// section « Un premier exemple : le mélange de gaussiennes ».</para>
/// </remarks>
public static class SvgChart
{
    /// <summary>The MIME type of the picture.</summary>
    public const string MimeType = "image/svg+xml";

    /// <summary>The picture's size in CSS pixels when the layout gives none (plotly.js's default figure size).</summary>
    public const double DefaultWidth = 700, DefaultHeight = 450;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The SVG document (UTF-8 text, no XML declaration) of <paramref name="chart"/>.</summary>
    /// <param name="chart">A chart made of scatter traces (lines, markers, error bars), such as <see cref="Figures"/> makes.</param>
    /// <exception cref="NotSupportedException">A trace of another type (bar, heat map…).</exception>
    public static string Render(GenericChart chart)
    {
        Guard.NotNull(chart, nameof(chart));
        return Render(JsonNode.Parse(GenericChart.toJson(chart))!.AsObject());
    }

    /// <summary>The SVG document of a Plotly figure given as its JSON (<c>{"data": [...], "layout": {...}}</c>, what <c>application/vnd.plotly.v1+json</c> holds).</summary>
    /// <param name="figure">The figure's data and layout; scatter traces only.</param>
    /// <exception cref="NotSupportedException">A trace of another type (bar, heat map…).</exception>
    public static string Render(JsonObject figure)
    {
        Guard.NotNull(figure, nameof(figure));
        var model = OxyFigure.From(figure);
        double width = Size(figure["layout"]?["width"]) ?? DefaultWidth, height = Size(figure["layout"]?["height"]) ?? DefaultHeight;
        using var stream = new MemoryStream();
        new SvgExporter { Width = width, Height = height, IsDocument = false, UseVerticalTextAlignmentWorkaround = true, TextMeasurer = new SansSerifMetrics() }.Export(model, stream);
        return Tidy(Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF'), model.Title, width, height);
    }

    // OxyPlot writes each round marker as a full <ellipse> with its own style (about 130 bytes): a run of
    // markers of one style becomes one <g> of <circle>s at 0.01 px (about 40 bytes each), so a 900-point
    // scatter plot stays small in the notebook.
    private static void GroupMarkers(XElement parent)
    {
        var children = parent.Elements().ToList();
        for (int i = 0; i < children.Count;)
        {
            string? style = Circle(children[i]) ? (string?)children[i].Attribute("style") : null;
            int end = i + 1;
            while (style is not null && end < children.Count && Circle(children[end]) && (string?)children[end].Attribute("style") == style) end++;
            if (style is not null)
            {
                var group = new XElement(Svg + "g", new XAttribute("style", style));
                foreach (var marker in children.Skip(i).Take(end - i))
                {
                    group.Add(new XElement(Svg + "circle",
                        new XAttribute("cx", Round(marker, "cx")), new XAttribute("cy", Round(marker, "cy")), new XAttribute("r", Round(marker, "rx"))));
                    if (marker != children[i]) marker.Remove();
                }
                children[i].ReplaceWith(group);
            }
            i = end;
        }

        static bool Circle(XElement e) => e.Name == Svg + "ellipse" && (string?)e.Attribute("rx") == (string?)e.Attribute("ry");
        static string Round(XElement e, string attribute) =>
            Math.Round(double.Parse((string)e.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture), 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double? Size(JsonNode? size) => size is JsonValue v && v.TryGetValue(out double d) && d > 0 ? d : null;

    // Scoped ids, a viewBox (the picture scales with its container) and a <title> for screen readers.
    private static string Tidy(string svg, string? title, double width, double height)
    {
        string scope = "c" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..10] + "-";
        var document = XDocument.Parse(svg);
        var root = document.Root!;
        foreach (var element in root.Descendants())
        {
            if (element.Attribute("id") is { } id) id.Value = scope + id.Value;
            if (element.Attribute("clip-path") is { } clip) clip.Value = clip.Value.Replace("url(#", "url(#" + scope, StringComparison.Ordinal);
        }
        foreach (var parent in root.DescendantsAndSelf().Where(e => e.Elements(Svg + "ellipse").Any()).ToList()) GroupMarkers(parent);
        root.SetAttributeValue("viewBox", FormattableString.Invariant($"0 0 {width} {height}"));
        if (!string.IsNullOrEmpty(title)) root.AddFirst(new XElement(Svg + "title", title));
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = " ", NewLineChars = "\n" };
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, settings)) root.WriteTo(writer);
        return text.Append('\n').ToString();
    }
}
