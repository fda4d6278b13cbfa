using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CourseNotes.Charts;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace CourseNotes.Tests.Charts;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static List<string> Texts(XElement svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToList();

    private static List<(double X, double Y)> Vertices(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(',')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

    // A property of an element's style attribute ("stroke:#1f77b4;stroke-dasharray:9,9"), or null.
    private static string? Style(XElement element, string property) =>
        ((string?)element.Attribute("style") ?? "").Split(';').Select(p => p.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim() == property)
            .Select(p => p[1].Trim()).FirstOrDefault();

    private static GenericChart Learning() => Figures.Lines("Courbes d'apprentissage", "époque", "nats par image",
        new Series("−ELBO", [1, 2, 3, 4, 5, 6, 7], [300, 240, 210, 200, 195, 193, 192]),
        new Series("KL(q(h | x) ‖ p(h))", [1, 2, 3, 4, 5], [10, 14, 16, 17, 17.5]));

    [Fact]
    public void The_picture_holds_the_title_axis_titles_and_legend_as_real_text_in_a_generic_font()
    {
        var svg = Parse(SvgChart.Render(Learning()));
        var texts = Texts(svg);
        Assert.Contains("Courbes d'apprentissage", texts);
        Assert.Contains("époque", texts);
        Assert.Contains("nats par image", texts);
        Assert.Contains("−ELBO", texts);
        Assert.Contains("KL(q(h | x) ‖ p(h))", texts);
        // Nothing of this machine: the viewer's sans-serif font draws the text; no embedded font, no glyph outlines.
        Assert.Equal(["sans-serif"], svg.Descendants(Svg + "text").Select(t => t.Attribute("font-family")?.Value).Distinct());
        Assert.Empty(svg.Descendants(Svg + "path"));
        Assert.DoesNotContain("font-face", svg.ToString());
        // The size of the interactive chart (Plotly.NET's layout says 600 × 600), scalable.
        Assert.Equal(("600", "600"), (svg.Attribute("width")?.Value, svg.Attribute("height")?.Value));
        Assert.Equal("0 0 600 600", svg.Attribute("viewBox")?.Value);
    }

    [Fact]
    public void Each_line_has_one_vertex_per_point_placed_by_an_affine_map_of_the_data()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7], y = [300, 240, 210, 200, 195, 193, 192];
        var svg = Parse(SvgChart.Render(Learning()));
        var polylines = svg.Descendants(Svg + "polyline").Select(Vertices).ToList();
        var elbo = Assert.Single(polylines, p => p.Count == 7);
        Assert.Single(polylines, p => p.Count == 5);
        // Screen x = a + b x and screen y = c + d y (d < 0: up is smaller y), for every point.
        double b = (elbo[6].X - elbo[0].X) / (x[6] - x[0]), d = (elbo[6].Y - elbo[0].Y) / (y[6] - y[0]);
        Assert.True(b > 0 && d < 0);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(elbo[0].X + b * (x[i] - x[0]), elbo[i].X, 0.01);
            Assert.Equal(elbo[0].Y + d * (y[i] - y[0]), elbo[i].Y, 0.01);
        }
    }

    [Fact]
    public void A_scatter_plot_draws_one_marker_per_point_plus_one_per_legend_entry()
    {
        var random = new Random(3);
        var series = Enumerable.Range(0, 3).Select(h => new Series($"h = {h}",
            Enumerable.Range(0, 50 + 10 * h).Select(_ => random.NextDouble()).ToArray(),
            Enumerable.Range(0, 50 + 10 * h).Select(_ => random.NextDouble()).ToArray())).ToArray();
        var svg = Parse(SvgChart.Render(Figures.Points("Nuage", "x₁", "x₂", series)));
        Assert.Equal(50 + 60 + 70 + 3, svg.Descendants(Svg + "circle").Count());
        Assert.Contains("h = 2", Texts(svg));
        // French tick labels: decimal comma.
        Assert.Contains("0,2", Texts(svg));
        Assert.DoesNotContain(Texts(svg), t => t.Contains("0.", StringComparison.Ordinal));
    }

    [Fact]
    public void Point_labels_are_written_above_and_right_of_their_points()
    {
        var chart = Figures.Lines("Débit et distorsion", "R", "D",
            new Series("les modèles", [7, 15.5, 32], [280, 258, 249], Style: SeriesStyle.LinesAndMarkers, Labels: ["β = 4", "β = 1", "β = 0,25"]));
        var svg = Parse(SvgChart.Render(chart));
        var markers = svg.Descendants(Svg + "circle").Select(c => (X: double.Parse(c.Attribute("cx")!.Value, CultureInfo.InvariantCulture), Y: double.Parse(c.Attribute("cy")!.Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(3, markers.Count); // one series: no legend
        var labels = svg.Descendants(Svg + "text").Where(t => t.Value.StartsWith("β = ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["β = 4", "β = 1", "β = 0,25"], labels.Select(t => t.Value));
        for (int i = 0; i < 3; i++)
        {
            // The static copy places a text by transform="translate(x,y)", at its left end and baseline here.
            var at = System.Text.RegularExpressions.Regex.Match(labels[i].Attribute("transform")!.Value, @"translate\(([-\d.]+),([-\d.]+)\)");
            double x = double.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture), y = double.Parse(at.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.Equal("start", labels[i].Attribute("text-anchor")?.Value);
            Assert.InRange(x - markers[i].X, 1, 20);  // starts just right of its point
            Assert.InRange(markers[i].Y - y, 1, 20);  // its baseline just above it
        }
    }

    [Fact]
    public void A_log_axis_that_reaches_large_or_small_powers_writes_all_its_powers_of_ten_alike()
    {
        // 10 to 10¹¹ (notebook 1's relative variance): the picture wrote « 10 » and « 1 000 » beside « 10⁵ ».
        var wide = Texts(Parse(SvgChart.Render(Figures.Lines("t", new Axis("d"), new Axis("v", Logarithmic: true), new Series("s", [1, 3], [10, 1e11])))));
        Assert.Contains("10¹", wide);
        Assert.Contains("10³", wide);
        Assert.Contains("10⁹", wide);
        Assert.DoesNotContain(wide, t => t is "10" or "1\u202F000" or "1 000");
        // 10⁻⁶ to 10⁻³ (notebook 2's Bernoulli sweep): « 0,0001 » beside « 10⁻⁵ ».
        var small = Texts(Parse(SvgChart.Render(Figures.Lines("t", new Axis("b", Logarithmic: true), new Axis("KL"), new Series("s", [1e-6, 1e-3], [1, 2])))));
        Assert.Contains("10⁻⁶", small);
        Assert.Contains("10⁻⁴", small);
        Assert.DoesNotContain(small, t => t.StartsWith("0,", StringComparison.Ordinal) || t.Contains('E', StringComparison.Ordinal));
        Assert.Contains("3\u202F×\u202F10⁻⁴", small);
        // An axis within 10⁻⁴ … 10⁵ keeps plain numbers.
        var plain = Texts(Parse(SvgChart.Render(Figures.Lines("t", new Axis("n", Logarithmic: true), new Axis("e"), new Series("s", [10, 10_000], [1, 2])))));
        Assert.Contains("1\u202F000", plain);
        Assert.DoesNotContain(plain, t => t.StartsWith("10⁴", StringComparison.Ordinal));
    }

    [Fact]
    public void Whole_number_abscissae_get_whole_number_ticks_in_the_picture_too()
    {
        // Three epochs: without Plotly's dtick, the static copy's automatic step put ticks at 1,5 and 2,5.
        var chart = Figures.Lines("Courbes d'apprentissage", "époque", "−ELBO", new Series("test", [1, 2, 3], [262.9, 253.4, 249.3]));
        var texts = Texts(Parse(SvgChart.Render(chart)));
        Assert.Contains("1", texts);
        Assert.Contains("2", texts);
        Assert.Contains("3", texts);
        Assert.DoesNotContain(texts, t => t.Contains("1,5", StringComparison.Ordinal) || t.Contains("2,5", StringComparison.Ordinal));
    }

    [Fact]
    public void Error_bars_are_as_long_as_the_data_says_and_inside_the_axes()
    {
        // Two points, half-heights 0.1 and 0.3: the bars (2 half-heights long) are in ratio 1 : 3.
        var chart = Figures.Points("Barres d'erreur", "n", "KL", new Series("estimation", [1, 2], [1, 2], [0.1, 0.3]));
        var svg = Parse(SvgChart.Render(chart));
        // The bars: vertical segments in the trace's colour (the first of Plotly.NET's colour sequence); the caps are horizontal.
        var bars = svg.Descendants(Svg + "polyline")
            .Where(p => p.Attribute("style")!.Value.Contains("stroke:rgb(99,110,250)", StringComparison.Ordinal)).Select(Vertices)
            .Where(p => p.Count == 2 && Math.Abs(p[0].X - p[1].X) < 1e-9).Select(p => Math.Abs(p[1].Y - p[0].Y)).ToList();
        Assert.Equal(2, bars.Count);
        // One data unit on the screen: the distance between the two markers (y = 1 and y = 2).
        var markers = svg.Descendants(Svg + "circle").Select(e => double.Parse(e.Attribute("cy")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, markers.Count);
        double unit = Math.Abs(markers[1] - markers[0]);
        Assert.Equal(2 * 0.1 * unit, bars.Min(), 0.01);
        Assert.Equal(2 * 0.3 * unit, bars.Max(), 0.01);
        // Plotly's autorange holds the bars: the axis reaches below 1 − 0.1 and above 2 + 0.3.
        var ticks = Texts(svg).Select(t => double.TryParse(t.Replace(',', '.').Replace('\u2212', '-'), CultureInfo.InvariantCulture, out double v) ? v : double.NaN)
            .Where(double.IsFinite).ToList();
        Assert.Contains(ticks, t => t >= 2.2);
        Assert.DoesNotContain("estimation", Texts(svg)); // one trace: Plotly shows no legend, nor does the picture
    }

    [Fact]
    public void A_dashed_series_is_dashed_in_the_picture_and_a_solid_one_is_not()
    {
        var svg = Parse(SvgChart.Render(Figures.Lines("Montée", "itération", "ELBO",
            new Series("itérés", [0, 1, 2, 3, 4, 5], [-11, -7, -6, -5.5, -5.2, -5.1]),
            new Series("log p(x)", [0, 2.5, 5], [-5, -5, -5], Style: SeriesStyle.DashedLines))));
        var polylines = svg.Descendants(Svg + "polyline").ToList();
        string? Dashes(int count) => (string?)Assert.Single(polylines, p => Vertices(p).Count == count).Attribute("stroke-dasharray")
            ?? Style(Assert.Single(polylines, p => Vertices(p).Count == count), "stroke-dasharray");
        Assert.Null(Dashes(6));
        // Plotly's "dash" for a line 2 px wide: 9 px on, 9 px off.
        Assert.Equal([9.0, 9.0], Dashes(3)!.Split(',').Select(d => double.Parse(d, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_plane_figure_draws_a_circle_as_a_circle_though_the_plot_area_is_not_square()
    {
        var angles = Enumerable.Range(0, 121).Select(i => 2 * Math.PI * i / 120).ToArray();
        // A wide cloud (4 × 1) and a unit circle: free scales would stretch the circle into a tall ellipse.
        Series[] series =
        [
            new Series("nuage", [-2, 2, -2, 2], [-0.5, -0.5, 0.5, 0.5], Style: SeriesStyle.Markers),
            new Series("cercle unité", angles.Select(Math.Cos).ToArray(), angles.Select(Math.Sin).ToArray()),
            new Series("légende longue pour rétrécir la zone du tracé", [0, 0.5], [0, 0]),
        ];
        double Aspect(GenericChart chart)
        {
            var circle = Assert.Single(Parse(SvgChart.Render(chart)).Descendants(Svg + "polyline").Select(Vertices), p => p.Count == 121);
            return (circle.Max(v => v.Y) - circle.Min(v => v.Y)) / (circle.Max(v => v.X) - circle.Min(v => v.X));
        }
        Assert.Equal(1, Aspect(Figures.Plane("Cercle", "h₁", "h₂", series)), 0.01);
        // Faint markers: one group of small, half-transparent grey circles (4 points and the legend's).
        var faint = Parse(SvgChart.Render(Figures.Plane("Cercle", "h₁", "h₂", [series[0] with { Style = SeriesStyle.FaintMarkers }, .. series[1..]])))
            .Descendants(Svg + "g").Where(g => Style(g, "fill") == "rgb(120,120,120)").ToList();
        Assert.Equal(5, faint.Sum(g => g.Elements(Svg + "circle").Count()));
        Assert.All(faint, g => Assert.InRange(double.Parse(Style(g, "fill-opacity")!, CultureInfo.InvariantCulture), 0.4, 0.5));
        Assert.True(Aspect(Figures.Lines("Cercle", "h₁", "h₂", series)) > 1.5); // what Plane prevents
        // Plotly's marker.opacity fades the markers of the static copy too.
        var cloud = Figures.Plane("Cercle", "h₁", "h₂", series[..1]);
        foreach (var trace in GenericChart.getTraces(cloud))
        {
            var marker = new Plotly.NET.TraceObjects.Marker();
            marker.SetProperty("color", "#1f77b4");
            marker.SetProperty("opacity", 0.5);
            trace.SetProperty("marker", marker);
        }
        var faded = Parse(SvgChart.Render(cloud)).Descendants(Svg + "g").Where(g => Style(g, "fill") == "rgb(31,119,180)").ToList();
        Assert.Equal(4, faded.Sum(g => g.Elements(Svg + "circle").Count())); // one series: no legend
        Assert.All(faded, g => Assert.Equal(0.5, double.Parse(Style(g, "fill-opacity")!, CultureInfo.InvariantCulture), 0.01));
    }

    [Fact]
    public void A_log_axis_is_drawn_in_decades()
    {
        double[] n = [10, 100, 1000, 10000];
        var chart = Figures.Lines("Variance", "n", "variance", new Series("variance", n, n.Select(v => 1 / v).ToArray()))
            .WithXAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log);
        var svg = Parse(SvgChart.Render(chart));
        var texts = Texts(svg);
        // Decade labels in French: U+202F thousands separator, powers of ten beyond 10⁴.
        Assert.Contains("100", texts);
        Assert.Contains("1\u202F000", texts);
        Assert.Contains("10\u202F000", texts);
        // Equal steps on the screen for each decade: the map is affine in log10 n.
        var line = Assert.Single(svg.Descendants(Svg + "polyline").Select(Vertices), p => p.Count == 4);
        double step = line[1].X - line[0].X;
        Assert.True(step > 0);
        Assert.Equal(step, line[2].X - line[1].X, 0.01);
        Assert.Equal(step, line[3].X - line[2].X, 0.01);
    }

    [Fact]
    public void Large_powers_of_ten_are_written_with_superscripts()
    {
        double[] d = [1, 2, 3];
        var chart = Figures.Lines("Croissance", "d", "v", new Series("v", d, [1e2, 1e5, 1e8]))
            .WithYAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log);
        var texts = Texts(Parse(SvgChart.Render(chart)));
        Assert.Contains("10⁶", texts);
        Assert.DoesNotContain(texts, t => t.Contains('E', StringComparison.Ordinal) && t.Any(char.IsDigit));
    }

    [Fact]
    public void Two_renderings_give_the_same_bytes_and_two_charts_never_share_an_id()
    {
        string first = SvgChart.Render(Learning()), again = SvgChart.Render(Learning());
        Assert.Equal(first, again);
        Assert.DoesNotContain("<?xml", first);
        string other = SvgChart.Render(Figures.Lines("Autre", "x", "y", new Series("s", [0, 1], [1, 0])));
        var ids = Parse(first).Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToList();
        var otherIds = Parse(other).Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToList();
        Assert.NotEmpty(ids);
        Assert.Empty(ids.Intersect(otherIds));
        // Every clip-path reference resolves inside its own picture.
        foreach (var reference in Parse(first).Descendants().Select(e => e.Attribute("clip-path")?.Value).OfType<string>())
            Assert.Contains(reference["url(#".Length..^1], ids);
    }

    [Fact]
    public void Figures_register_the_picture_with_the_formatter_library_both_kernels_use()
    {
        var chart = Learning();
        Assert.Equal(SvgChart.Render(chart), chart.ToDisplayString(SvgChart.MimeType));
    }

    [Fact]
    public void A_trace_it_cannot_draw_is_named()
    {
        var figure = JsonNode.Parse("""{"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {}}""")!.AsObject();
        var e = Assert.Throws<NotSupportedException>(() => SvgChart.Render(figure));
        Assert.Contains("'bar'", e.Message);
    }
}
