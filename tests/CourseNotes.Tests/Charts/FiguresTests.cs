using System.Text.Json.Nodes;
using CourseNotes.Charts;

namespace CourseNotes.Tests.Charts;

public class FiguresTests
{
    [Fact]
    public void Charts_carry_their_data_and_French_labels()
    {
        var chart = Figures.Lines("Convergence de l'estimateur", "nombre d'échantillons", "KL estimée",
            new Series("Monte-Carlo", [10, 100, 1000], [0.61, 0.52, 0.505]), new Series("forme close", [10, 1000], [0.5, 0.5]));
        var figure = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))!;
        Assert.Equal("Convergence de l'estimateur", (string?)figure["layout"]!["title"]!["text"]);
        Assert.Equal("nombre d'échantillons", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal("KL estimée", (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
        Assert.Equal([0.61, 0.52, 0.505], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("forme close", (string?)figure["data"]![1]!["name"]);
        Assert.Equal("markers", (string?)JsonNode.Parse(Plotly.NET.GenericChart.toJson(Figures.Points("t", "x", "y", new Series("p", [1], [2]))))!["data"]![0]!["mode"]);
    }

    [Fact]
    public void Mismatched_series_are_named()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Figures.Lines("t", "x", "y", new Series("courbe", [1, 2], [1])));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("courbe", e.Message);
    }
}
