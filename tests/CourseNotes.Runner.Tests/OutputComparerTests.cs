using System.Text.Json.Nodes;

namespace CourseNotes.Runner.Tests;

public class OutputComparerTests
{
    private static readonly VerifyConfig Config = new();

    [Theory]
    [InlineData("x = 0.30000000000000004", "x = 0.3", true)]
    [InlineData("x = 1.5e-3 et 2", "x = 0.0015 et 2", true)]
    [InlineData("x = 0.31", "x = 0.3", false)]
    [InlineData("x = 0.3 km", "x = 0.3 m", false)]
    [InlineData("1 2 3", "1 2", false)]
    public void Numbers_in_text_compare_with_tolerance(string stored, string fresh, bool agree)
    {
        Assert.Equal(agree, OutputComparer.Text(stored, fresh, Config, new Tolerance(1e-9, 1e-12)) is null);
    }

    [Fact]
    public void Charts_compare_by_data_not_html()
    {
        JsonObject Chart(double y, string html) => new()
        {
            ["data"] = new JsonObject
            {
                ["application/vnd.plotly.v1+json"] = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["y"] = new JsonArray(1.0, y) }), ["layout"] = new JsonObject() },
                ["text/html"] = new JsonArray(html),
            },
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
        var tolerance = new Tolerance(1e-6, 1e-9);
        Assert.Null(OutputComparer.FirstDifference([Chart(2.0, "<div id=a>")], [Chart(2.0 + 1e-12, "<div id=b>")], Config, tolerance));
        Assert.Contains("/data/0/y/1: 2 became 3", OutputComparer.FirstDifference([Chart(2.0, "a")], [Chart(3.0, "a")], Config, tolerance));
    }

    [Fact]
    public void A_charts_svg_copy_must_be_there_but_compares_through_the_chart_data()
    {
        JsonObject Chart(double y, string? svg) => new()
        {
            ["data"] = new JsonObject
            {
                ["application/vnd.plotly.v1+json"] = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["y"] = new JsonArray(1.0, y) }), ["layout"] = new JsonObject() },
                ["image/svg+xml"] = svg,
                ["text/plain"] = "Graphique (1 série)",
            },
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
        var tolerance = new Tolerance(1e-6, 1e-9);
        // Another CPU's last bits move the picture's coordinates, not the verdict.
        Assert.Null(OutputComparer.FirstDifference([Chart(2.0, "<svg>a</svg>")], [Chart(2.0 + 1e-12, "<svg>b</svg>")], Config, tolerance));
        var noPicture = Chart(2.0, null);
        noPicture["data"]!.AsObject().Remove("image/svg+xml");
        Assert.Contains("MIME types", OutputComparer.FirstDifference([Chart(2.0, "<svg/>")], [noPicture], Config, tolerance));
    }

    [Fact]
    public void Execute_result_and_display_data_are_the_same_kind()
    {
        JsonObject Output(string kind) => new() { ["data"] = new JsonObject { ["text/plain"] = "1" }, ["metadata"] = new JsonObject(), ["output_type"] = kind };
        Assert.Null(OutputComparer.FirstDifference([Output("execute_result")], [Output("display_data")], Config, Config.Tolerance));
    }

    [Fact]
    public void Parameters_become_typed_literals()
    {
        Assert.Equal("5", Parameters.Literal("5"));
        Assert.Equal("0.5", Parameters.Literal("0.5"));
        Assert.Equal("true", Parameters.Literal("true"));
        Assert.Equal("\"réglé \\\"x\\\"\"", Parameters.Literal("réglé \"x\""));
    }
}
