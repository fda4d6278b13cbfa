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

    [Theory]
    // French decimal comma: one number, whatever the number of digits on each side.
    [InlineData("KL : 0,62", "KL : 0,6200000001", true)]
    [InlineData("KL : 1,05", "KL : 1,1", false)] // two integers would compare 05 with 1
    [InlineData("moyenne −1,5 ; écart 0,25", "moyenne −1,5000000001 ; écart 0,25", true)]
    [InlineData("moyenne −1,5", "moyenne 1,5", false)]
    // Thousands grouped by a narrow no-break, thin or no-break space.
    [InlineData("60\u202F000 images", "60\u202F000,0000001 images", true)]
    [InlineData("1\u2009234\u00A0567,5", "1234567,5000000001", true)] // one number either way: the value is compared, not its grouping
    [InlineData("1\u2009234\u00A0567,5", "1234567,6", false)]
    [InlineData("60\u202F000 images", "60\u202F001 images", false)]
    // Lists stay lists: a comma followed by a space, or a run of commas between digits.
    [InlineData("(1, 2)", "(1, 2.0000000001)", true)]
    [InlineData("1,2,3", "1,2,3", true)]
    [InlineData("1,2,3", "1,2,4", false)]
    [InlineData("1,2,3", "1,20,3", false)]
    // A two-item list without a space reads as one decimal number (the rule's documented limit): 1,2 and 1,20 are equal.
    [InlineData("f(1,2)", "f(1,20)", true)]
    [InlineData("f(1,2)", "f(1,3)", false)]
    // English numbers are unchanged.
    [InlineData("x = 1.5e-3", "x = 0.0015", true)]
    [InlineData("1 2 3", "1 2 3.0000000001", true)]
    public void French_and_English_numbers_compare_as_numbers(string stored, string fresh, bool agree)
    {
        Assert.Equal(agree, OutputComparer.Text(stored, fresh, Config, new Tolerance(1e-9, 1e-12)) is null);
    }

    [Fact]
    public void A_backtracking_sanitizer_stops_at_its_time_limit()
    {
        var config = new VerifyConfig { Sanitizers = [new Sanitizer(new System.Text.RegularExpressions.Regex("(a+)+b", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(200)), "")] };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() => OutputComparer.Text(new string('a', 40) + "!", "x", config, config.Tolerance));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), clock.Elapsed.ToString());
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
