using System.Globalization;
using System.Text.Json.Nodes;
using CourseNotes.Charts;

namespace CourseNotes.Tests.Charts;

public class ChartColoursTests
{
    // The sequence is written once in the library; this holds it to the colorway Plotly.NET's template really gives
    // the course's charts, so that the latent explorer's class colours cannot drift from the scatter plots'.
    [Fact]
    public void The_sequence_is_the_colorway_of_the_charts_Figures_makes()
    {
        var chart = Figures.Points("t", "x", "y", new Series("a", [1], [2]), new Series("b", [1], [3]));
        var figure = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))!;
        var colorway = figure["layout"]!["template"]!["layout"]!["colorway"]!.AsArray().Select(c => Hex((string)c!)).ToList();
        Assert.Equal(ChartColours.Sequence, colorway);
    }

    // "rgba(99, 110, 250, 1.0)" → "#636efa"
    private static string Hex(string rgba)
    {
        var parts = rgba[(rgba.IndexOf('(') + 1)..rgba.IndexOf(')')].Split(',');
        return "#" + string.Concat(parts.Take(3).Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture).ToString("x2", CultureInfo.InvariantCulture)));
    }
}
