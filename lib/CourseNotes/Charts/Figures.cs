using CourseNotes.Formatting;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace CourseNotes.Charts;

/// <summary>
/// The course's Plotly.NET charts, with a French title and axis labels. The kernel sends them as
/// <c>application/vnd.plotly.v1+json</c> (data and layout), which VS Code draws offline, the verifier
/// compares by value and the site draws with its own plotly.js, plus a static <c>image/svg+xml</c> copy
/// (<see cref="SvgChart"/>) for front ends that have no Plotly renderer. Tick labels follow the course's number
/// convention (<see cref="CourseCulture"/>): Plotly's layout <c>separators</c> is « , » then U+202F.
/// </summary>
/// <remarks>Used by every notebook; first in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>.</remarks>
public static class Figures
{
    // Every chart also gets a static SVG copy (SvgChart), registered with the formatter library both kernels share.
    static Figures() => Formatter.Register<GenericChart>(chart => SvgChart.Render(chart), SvgChart.MimeType);

    /// <summary>Lines through each series' points (unless a series says otherwise).</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, new Axis(xTitle), new Axis(yTitle), series, SeriesStyle.Lines);

    /// <summary>Lines through each series' points, on axes that may be logarithmic.</summary>
    public static GenericChart Lines(string title, Axis x, Axis y, params Series[] series) =>
        Build(title, x, y, series, SeriesStyle.Lines);

    /// <summary>A scatter plot of each series' points (unless a series says otherwise).</summary>
    public static GenericChart Points(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, new Axis(xTitle), new Axis(yTitle), series, SeriesStyle.Markers);

    /// <summary>A scatter plot of each series' points, on axes that may be logarithmic.</summary>
    public static GenericChart Points(string title, Axis x, Axis y, params Series[] series) =>
        Build(title, x, y, series, SeriesStyle.Markers);

    /// <summary>
    /// Lines through each series' points (unless a series says otherwise) on axes of equal scale, one unit as
    /// long on both (Plotly's <c>yaxis.scaleanchor = "x"</c>; the static copy alike): for a figure whose point is
    /// geometry, such as the ellipses of two covariances, which unequal scales would stretch.
    /// </summary>
    /// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Maximiser l'ELBO ».</remarks>
    public static GenericChart Plane(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, new Axis(xTitle), new Axis(yTitle), series, SeriesStyle.Lines, equalScales: true);

    private const string FaintGrey = "rgba(120, 120, 120, 0.45)";

    private static GenericChart Build(string title, Axis x, Axis y, Series[] series, SeriesStyle style, bool equalScales = false)
    {
        Guard.NotNull(series, nameof(series));
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        if (series.Length == 0) throw new ArgumentException("a chart needs at least one series.", nameof(series));
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"the series {s.Name} has {s.X.Count} abscissae and {s.Y.Count} ordinates.", nameof(series));
            if (s.ErrorY is { } e && e.Count != s.Y.Count)
                throw new ArgumentException($"the series {s.Name} has {s.Y.Count} ordinates and {e.Count} error bars.", nameof(series));
            if (s.Labels is { } labels && labels.Count != s.X.Count)
                throw new ArgumentException($"the series {s.Name} has {s.X.Count} points and {labels.Count} labels.", nameof(series));
            if ((x.Logarithmic && s.X.Any(v => !(v > 0))) || (y.Logarithmic && s.Y.Any(v => !(v > 0))))
                throw new ArgumentException($"the series {s.Name} has a value ≤ 0 on a logarithmic axis.", nameof(series));
        }
        var chart = PlotlyChart.Combine(series.Select(s => Trace(s, s.Style ?? style)));
        var layout = new Layout();
        layout.SetProperty("title", Text(title));
        layout.SetProperty("xaxis", AxisObject(x, series.SelectMany(s => s.X)));
        var yAxis = AxisObject(y, []);
        if (equalScales)
        {
            yAxis.SetProperty("scaleanchor", "x");
            yAxis.SetProperty("scaleratio", 1);
        }
        layout.SetProperty("yaxis", yAxis);
        layout.SetProperty("separators", CourseCulture.DecimalSeparator + CourseCulture.GroupSeparator);
        return GenericChart.addLayout(layout, chart);
    }

    private static GenericChart Trace(Series s, SeriesStyle style)
    {
        var chart = PlotlyChart.Point<double, double, string>(x: s.X.ToArray(), y: s.Y.ToArray(), Name: s.Name);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            string mode = style switch
            {
                SeriesStyle.Markers or SeriesStyle.FaintMarkers => "markers",
                SeriesStyle.LinesAndMarkers => "lines+markers",
                _ => "lines",
            };
            if (s.Labels is { } labels)
            {
                // Plotly writes trace.text beside each point when the mode has "text".
                mode += "+text";
                trace.SetProperty("text", labels.ToArray());
                trace.SetProperty("textposition", "top right");
                trace.SetProperty("cliponaxis", false); // a label by the highest or rightmost point may reach into the margin
            }
            trace.SetProperty("mode", mode);
            if (style == SeriesStyle.FaintMarkers)
            {
                var marker = new Plotly.NET.TraceObjects.Marker();
                marker.SetProperty("color", FaintGrey);
                marker.SetProperty("size", 4);
                trace.SetProperty("marker", marker);
            }
            if (style == SeriesStyle.DashedLines)
            {
                var line = new Line();
                line.SetProperty("dash", "dash");
                trace.SetProperty("line", line);
            }
            if (s.ErrorY is { } errors)
            {
                // Plotly's error_y object, set on the trace directly (Plotly.NET's typed Error.init takes F# options).
                var bars = new Plotly.NET.TraceObjects.Error();
                bars.SetProperty("type", "data");
                bars.SetProperty("array", errors.ToArray());
                bars.SetProperty("visible", true);
                trace.SetProperty("error_y", bars);
            }
        }
        return chart;
    }

    private static Title Text(string text)
    {
        var title = new Title();
        title.SetProperty("text", Guard.NotNull(text, nameof(text)));
        return title;
    }

    private static Plotly.NET.LayoutObjects.LinearAxis AxisObject(Axis axis, IEnumerable<double> values)
    {
        var result = new Plotly.NET.LayoutObjects.LinearAxis();
        result.SetProperty("title", Text(axis.Title));
        if (axis.Logarithmic)
        {
            result.SetProperty("type", "log");
            result.SetProperty("exponentformat", "power"); // 10⁴, not Plotly's English SI suffixes « 10k », « 1B »
        }
        else if (IntegerTicks(values) is { } first)
        {
            // Whole-number abscissae (epochs, ranks, dimensions) get whole-number ticks: Plotly's automatic step over a short
            // range is 0.5 (ticks at 1,5 and 2,5 epochs). The static copy reads the same tick0 and dtick (OxyFigure).
            result.SetProperty("tickmode", "linear");
            result.SetProperty("tick0", first);
            result.SetProperty("dtick", 1);
        }
        return result;
    }

    /// <summary>
    /// The first tick when every value (of the x axis: the y axis passes none) is a whole number and they span 1 to <see cref="MaxUnitTicks"/> units — a range
    /// short enough for Plotly to choose a step below 1; null otherwise (Plotly's own ticks are then whole numbers or the
    /// data are not).
    /// </summary>
    private static double? IntegerTicks(IEnumerable<double> values)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v) || v != Math.Round(v)) return null;
            (low, high) = (Math.Min(low, v), Math.Max(high, v));
        }
        return high - low is >= 1 and <= MaxUnitTicks ? low : null;
    }

    /// <summary>The widest span of whole numbers that gets one tick per unit (11 ticks at most).</summary>
    private const int MaxUnitTicks = 10;
}
