using System.Text.Json.Nodes;
using CourseNotes.Kernel.Execution;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace CourseNotes.Kernel.Tests.Execution;

public class PlotlyFigureTests
{
    private static GenericChart Titled(string title, int traces)
    {
        var chart = Plotly.NET.CSharp.Chart.Combine(Enumerable.Range(0, traces).Select(i =>
            Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0 + i, 4.5 }, Name: $"série {i}")));
        var heading = new Title();
        heading.SetProperty("text", title);
        var layout = new Layout();
        layout.SetProperty("title", heading);
        return GenericChart.addLayout(layout, chart);
    }

    [Fact]
    public void Charts_are_sent_as_plotly_json_with_their_data_a_config_without_the_share_button_and_a_French_summary()
    {
        var bundle = OutputFormatter.Format(Titled("Convergence", 2));
        var figure = bundle.Data["application/vnd.plotly.v1+json"]!.AsObject();
        Assert.Equal([3.0, 4.5], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("série 1", (string?)figure["data"]![1]!["name"]);
        Assert.Equal("Convergence", (string?)figure["layout"]!["title"]!["text"]);
        Assert.False((bool)figure["config"]!["showSendToCloud"]!);
        Assert.False((bool)figure["config"]!["displaylogo"]!);
        Assert.Equal("Graphique\u00A0: Convergence (2 séries)", (string?)bundle.Data["text/plain"]);
    }

    [Fact]
    public void The_summary_counts_series_in_French()
    {
        Assert.Equal("Graphique\u00A0: t (1 série)", PlotlyFigure.Summary(new JsonObject { ["data"] = new JsonArray(new JsonObject()), ["layout"] = new JsonObject { ["title"] = "t" } }));
        Assert.Equal("Graphique (0 série)", PlotlyFigure.Summary(new JsonObject()));
    }

    [Fact]
    public void The_static_picture_comes_from_the_registered_svg_formatter_and_a_failing_one_is_reported_in_the_summary()
    {
        // The course library registers SvgChart this way (Figures' static constructor); here a stand-in, so the kernel stays independent of it.
        Formatter.Register<GenericChart>(chart => $"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{GenericChart.getTraces(chart).Length} traces</text></svg>", "image/svg+xml");
        var bundle = OutputFormatter.Format(Titled("Nuage", 3));
        string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>3 traces</text></svg>";
        Assert.Equal(svg, (string?)bundle.Data["image/svg+xml"]);
        // The same picture as HTML (what Notebook, JupyterLab and nbconvert pick first): an image of the SVG, not inline markup.
        Assert.Equal($"<img src=\"data:image/svg+xml;base64,{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg))}\" alt=\"Graphique\u00A0: Nuage (3 séries)\">",
            (string?)bundle.Data["text/html"]);
        Assert.NotNull(bundle.Data["application/vnd.plotly.v1+json"]);

        Formatter.Register<GenericChart>(_ => throw new NotSupportedException("trace 'bar' non dessinée"), "image/svg+xml");
        var failed = OutputFormatter.Format(Titled("Barres", 1));
        Assert.False(failed.Data.ContainsKey("image/svg+xml"));
        Assert.False(failed.Data.ContainsKey("text/html"));
        Assert.NotNull(failed.Data["application/vnd.plotly.v1+json"]);
        Assert.Equal("Graphique\u00A0: Barres (1 série) — sans image statique\u00A0: trace 'bar' non dessinée", (string?)failed.Data["text/plain"]);
        Formatter.Register<GenericChart>(chart => $"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{GenericChart.getTraces(chart).Length} traces</text></svg>", "image/svg+xml");
    }

    [Fact]
    public void Two_formats_of_one_chart_are_identical()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 0.0, 1.0 }, y: new[] { 1.0, 0.0 });
        Assert.True(JsonNode.DeepEquals(OutputFormatter.Format(chart).Data, OutputFormatter.Format(chart).Data));
    }
}
