using System.Text.Json.Nodes;
using CourseNotes.Kernel.Execution;

namespace CourseNotes.Kernel.Tests.Execution;

public class PlotlyFigureTests
{
    [Fact]
    public void Charts_are_sent_as_plotly_json_with_their_data_and_an_html_fallback()
    {
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.5 }, Name: "données");
        var bundle = OutputFormatter.Format(chart);
        var figure = bundle.Data["application/vnd.plotly.v1+json"]!.AsObject();
        Assert.Equal([3.0, 4.5], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("données", (string?)figure["data"]![0]!["name"]);
        Assert.NotNull(figure["layout"]);
        string html = (string?)bundle.Data["text/html"] ?? "";
        Assert.Contains("\"y\":[3,4.5]", html.Replace(".0,", ",").Replace("3.0", "3"));
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Two_formats_of_one_chart_are_identical()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 0.0, 1.0 }, y: new[] { 1.0, 0.0 });
        Assert.True(JsonNode.DeepEquals(OutputFormatter.Format(chart).Data, OutputFormatter.Format(chart).Data));
    }
}
