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
    public void Ticks_use_the_course_number_convention_and_axes_can_be_logarithmic()
    {
        var chart = Figures.Lines("Variance relative", new Axis("dimension d"), new Axis("variance relative", Logarithmic: true),
            new Series("forme close", [1, 2], [10, 1000]), new Series("observée", [1, 2], [9, 800], Style: SeriesStyle.DashedLines),
            new Series("points", [1, 2], [5, 50], Style: SeriesStyle.Markers),
            new Series("mesures", [1, 2], [6, 60], Style: SeriesStyle.LinesAndMarkers));
        var figure = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))!;
        Assert.Equal(",\u202F", (string?)figure["layout"]!["separators"]);
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("power", (string?)figure["layout"]!["yaxis"]!["exponentformat"]);
        Assert.Null(figure["layout"]!["xaxis"]!["type"]);
        Assert.Equal("variance relative", (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
        Assert.Equal("lines", (string?)figure["data"]![0]!["mode"]);
        Assert.Equal("dash", (string?)figure["data"]![1]!["line"]!["dash"]);
        Assert.Equal("markers", (string?)figure["data"]![2]!["mode"]);
        Assert.Equal("lines+markers", (string?)figure["data"]![3]!["mode"]);
        var e = Assert.ThrowsAny<ArgumentException>(() => Figures.Points("t", "x", new Axis("y", true), new Series("négative", [1], [-1])));
        Assert.Contains("négative", e.Message);
    }

    [Fact]
    public void Points_can_be_named_on_the_chart_rather_than_in_the_legend()
    {
        var chart = Figures.Lines("Débit et distorsion", "R", "D",
            new Series("les modèles", [7, 15.5, 32], [280, 258, 249], Style: SeriesStyle.LinesAndMarkers, Labels: ["β = 4", "β = 1", "β = 0,25"]));
        var trace = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))!["data"]![0]!;
        Assert.Equal("lines+markers+text", (string?)trace["mode"]);
        Assert.Equal(["β = 4", "β = 1", "β = 0,25"], trace["text"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("top right", (string?)trace["textposition"]);
        Assert.False((bool)trace["cliponaxis"]!);
        var e = Assert.ThrowsAny<ArgumentException>(() => Figures.Lines("t", "x", "y", new Series("trois points", [1, 2, 3], [1, 2, 3], Labels: ["a", "b"])));
        Assert.Contains("trois points", e.Message);
    }

    [Fact]
    public void Whole_number_abscissae_over_a_short_span_get_one_tick_per_unit()
    {
        static JsonNode Axis(Series[] series, bool logarithmic = false) =>
            JsonNode.Parse(Plotly.NET.GenericChart.toJson(Figures.Lines("t", new Axis("époque", logarithmic), new Axis("y"), series)))!["layout"]!["xaxis"]!;
        // Three epochs: Plotly alone would put ticks at 1,5 and 2,5.
        var epochs = Axis([new Series("a", [1, 2, 3], [3.5, 2.25, 2.1]), new Series("b", [2, 3], [1.5, 1.25])]);
        Assert.Equal("linear", (string?)epochs["tickmode"]);
        Assert.Equal(1.0, (double)epochs["tick0"]!);
        Assert.Equal(1.0, (double)epochs["dtick"]!);
        // Ten units is the widest span so treated; beyond it, or with a fraction, or one point, or a log axis: Plotly's own ticks.
        Assert.Equal("linear", (string?)Axis([new Series("a", [0, 10], [1, 2])])["tickmode"]);
        Assert.Null(Axis([new Series("a", [0, 11], [1, 2])])["tickmode"]);
        Assert.Null(Axis([new Series("a", [1, 2.5], [1, 2])])["tickmode"]);
        Assert.Null(Axis([new Series("a", [4], [1])])["tickmode"]);
        Assert.Null(Axis([new Series("a", [1, 2, 3], [1, 2, 3])], logarithmic: true)["tickmode"]);
        // The y axis keeps Plotly's ticks even when its values are whole numbers.
        var chart = JsonNode.Parse(Plotly.NET.GenericChart.toJson(Figures.Lines("t", "x", "y", new Series("a", [1, 2, 3], [1, 2, 3]))))!;
        Assert.Null(chart["layout"]!["yaxis"]!["tickmode"]);
    }

    [Fact]
    public void A_plane_figure_anchors_the_y_scale_to_the_x_scale_and_faint_markers_are_small_and_grey()
    {
        var circle = Enumerable.Range(0, 9).Select(i => 2 * Math.PI * i / 8).ToArray();
        var chart = Figures.Plane("Ellipses", "h₁", "h₂",
            new Series("tirages", [0.1, 0.2], [0.3, 0.4], Style: SeriesStyle.FaintMarkers),
            new Series("cercle", circle.Select(Math.Cos).ToArray(), circle.Select(Math.Sin).ToArray()));
        var figure = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))!;
        Assert.Equal("x", (string?)figure["layout"]!["yaxis"]!["scaleanchor"]);
        Assert.Equal(1.0, (double)figure["layout"]!["yaxis"]!["scaleratio"]!);
        Assert.Null(figure["layout"]!["xaxis"]!["scaleanchor"]);
        Assert.Equal("lines", (string?)figure["data"]![1]!["mode"]);
        Assert.Equal("markers", (string?)figure["data"]![0]!["mode"]);
        Assert.StartsWith("rgba(120, 120, 120,", (string?)figure["data"]![0]!["marker"]!["color"]);
        Assert.Equal(4.0, (double)figure["data"]![0]!["marker"]!["size"]!);
        // The other charts leave Plotly's scales free.
        var lines = JsonNode.Parse(Plotly.NET.GenericChart.toJson(Figures.Lines("t", "x", "y", new Series("s", [1], [2]))))!;
        Assert.Null(lines["layout"]!["yaxis"]!["scaleanchor"]);
    }

    [Fact]
    public void Mismatched_series_are_named()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Figures.Lines("t", "x", "y", new Series("courbe", [1, 2], [1])));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("courbe", e.Message);
    }
}
