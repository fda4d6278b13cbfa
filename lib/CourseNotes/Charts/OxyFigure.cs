using System.Globalization;
using System.Text.Json.Nodes;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxySeries = OxyPlot.Series.Series;
using OxyAxis = OxyPlot.Axes.Axis;

namespace CourseNotes.Charts;

/// <summary>
/// A Plotly figure ({data, layout}, as <c>application/vnd.plotly.v1+json</c> carries it) as an OxyPlot
/// model that draws the same thing: title, axis titles, linear or log axes, equal scales when the y axis is
/// anchored to the x axis (<c>scaleanchor: "x"</c>, scale ratio 1), each scatter trace as lines (solid,
/// dashed, dotted: <c>line.dash</c>), markers or both with its error bars, Plotly's colour order and
/// Plotly's legend rule (shown for two traces or more, or when the layout asks). Tick labels use a French
/// decimal comma and the minus sign U+2212.
/// </summary>
internal static class OxyFigure
{
    /// <summary>plotly.js's default colour sequence, for a figure whose layout and template name none.</summary>
    private static readonly string[] DefaultColorway =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>French number format for tick labels: decimal comma, U+2212 minus (the invariant culture otherwise; globalization is invariant).</summary>
    private static readonly CultureInfo French = MakeFrench();

    private const string Font = "sans-serif";

    /// <summary>The OxyPlot model of <paramref name="figure"/>; throws <see cref="NotSupportedException"/> for a trace type it cannot draw.</summary>
    public static PlotModel From(JsonObject figure)
    {
        var layout = figure["layout"] as JsonObject ?? [];
        var template = layout["template"]?["layout"] as JsonObject ?? [];
        var traces = (figure["data"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        // The colours of the interactive chart (Plotly.NET's template sets its own colour sequence and background).
        var colorway = ((layout["colorway"] ?? template["colorway"]) as JsonArray)?.Select(Color).OfType<OxyColor>().ToList() is { Count: > 0 } named
            ? named : DefaultColorway.Select(OxyColor.Parse).ToList();
        var plotBackground = Color(layout["plot_bgcolor"] ?? template["plot_bgcolor"]) ?? OxyColors.White;
        var grid = Color(layout["xaxis"]?["gridcolor"] ?? template["xaxis"]?["gridcolor"]) ?? OxyColor.Parse("#e5e5e5");
        var model = new PlotModel
        {
            PlotType = EqualScales(layout) ? PlotType.Cartesian : PlotType.XY,
            Title = Text(layout["title"]),
            TitleFontSize = 17,
            TitleFontWeight = FontWeights.Normal,
            TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView,
            DefaultFont = Font,
            DefaultFontSize = 12,
            Culture = French,
            Background = OxyColors.White,
            PlotAreaBackground = plotBackground,
            PlotAreaBorderColor = OxyColor.Parse("#444444"),
            PlotAreaBorderThickness = new OxyThickness(0, 0, 0, 0),
        };
        model.Axes.Add(Axis(layout["xaxis"] as JsonObject, AxisPosition.Bottom, grid));
        var yAxis = Axis(layout["yaxis"] as JsonObject, AxisPosition.Left, grid);
        model.Axes.Add(yAxis);
        // Plotly's autorange holds the error bars; OxyPlot's holds the points only.
        if (yAxis is LinearAxis && double.IsNaN(yAxis.Minimum) && ErrorBarExtent(traces) is var (low, high))
        {
            double pad = (high - low) * yAxis.MaximumPadding;
            (yAxis.Minimum, yAxis.Maximum) = (low - pad, high + pad);
        }

        bool legend = layout["showlegend"] is JsonValue shown ? shown.GetValue<bool>() : traces.Count > 1;
        for (int i = 0; i < traces.Count; i++)
        {
            foreach (var series in Traces(traces[i], colorway[i % colorway.Count], legend))
                model.Series.Add(series);
            foreach (var label in PointLabels(traces[i]))
                model.Annotations.Add(label);
        }
        if (legend)
            model.Legends.Add(new Legend
            {
                // Below the plot, entries side by side and wrapped: a legend on the right took up to half the width
                // of the plot area from a chart with long entries.
                LegendPlacement = LegendPlacement.Outside,
                LegendPosition = LegendPosition.BottomCenter,
                LegendOrientation = LegendOrientation.Horizontal,
                LegendFont = Font,
                LegendFontSize = 12,
                LegendSymbolLength = 24,
            });
        return model;
    }

    // Plotly's yaxis.scaleanchor = "x" (scale ratio 1 unless given): one unit is as long on both axes.
    private static bool EqualScales(JsonObject layout)
    {
        if ((string?)layout["yaxis"]?["scaleanchor"] != "x") return false;
        if (layout["yaxis"]?["scaleratio"] is JsonValue ratio && ratio.GetValue<double>() != 1)
            throw new NotSupportedException("a static copy draws equal scales (scale ratio 1) only.");
        return true;
    }

    // Plotly's line.dash names, as plotly.js draws them (lengths in px, multiples of max(width, 3)); null for solid.
    // A dash-length list such as "5px,10px" is not drawn.
    private static double[]? Dashes(JsonNode? dash, double width)
    {
        double u = Math.Max(width, 3);
        return (string?)dash switch
        {
            null or "solid" => null,
            "dot" => [u, u],
            "dash" => [3 * u, 3 * u],
            "longdash" => [5 * u, 5 * u],
            "dashdot" => [3 * u, u, u, u],
            "longdashdot" => [5 * u, 2 * u, u, 2 * u],
            var other => throw new NotSupportedException($"a static copy does not draw the Plotly dash style '{other}'."),
        };
    }

    private static OxyAxis Axis(JsonObject? style, AxisPosition position, OxyColor grid)
    {
        bool log = (string?)style?["type"] == "log";
        OxyAxis axis = log ? new LogarithmicAxis { Base = 10 } : new LinearAxis();
        axis.Position = position;
        axis.Title = Text(style?["title"]);
        axis.TitleFontSize = 13;
        axis.AxisTitleDistance = 10;
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = grid;
        axis.MinorGridlineStyle = LineStyle.None;
        axis.LabelFormatter = log ? value => LogTick(value, axis.ActualMinimum, axis.ActualMaximum) : Tick;
        axis.TickStyle = TickStyle.Outside;
        axis.AxislineStyle = LineStyle.Solid;
        axis.AxislineColor = OxyColor.Parse("#444444");
        axis.MinorTickSize = log ? 3 : 0;
        axis.MinimumPadding = axis.MaximumPadding = log ? 0.02 : 0.05; // Plotly pads its autorange too
        if (!log && (string?)style?["tickmode"] == "linear" && style?["dtick"] is JsonValue step)
            axis.MajorStep = axis.MinorStep = step.GetValue<double>(); // Plotly's fixed step (whole-number data: one tick per unit)
        if (style?["range"] is JsonArray { Count: 2 } range && range[0] is JsonValue a && range[1] is JsonValue b)
        {
            // Plotly gives a log axis' range in decades.
            double low = a.GetValue<double>(), high = b.GetValue<double>();
            axis.Minimum = log ? Math.Pow(10, low) : low;
            axis.Maximum = log ? Math.Pow(10, high) : high;
        }
        return axis;
    }

    private static IEnumerable<OxySeries> Traces(JsonObject trace, OxyColor fallback, bool legend)
    {
        string type = (string?)trace["type"] ?? "scatter";
        if (type is not ("scatter" or "scattergl"))
            throw new NotSupportedException($"a static copy of a Plotly '{type}' trace is not drawn (only scatter traces: lines, markers, error bars).");
        var (x, y) = Coordinates(trace);
        if (x.Count != y.Count)
            throw new ArgumentException($"the trace {(string?)trace["name"]} has {x.Count} abscissae and {y.Count} ordinates.");
        string mode = (string?)trace["mode"] ?? (y.Count < 20 ? "lines+markers" : "lines");
        bool lines = mode.Contains("lines", StringComparison.Ordinal), markers = mode.Contains("markers", StringComparison.Ordinal);
        var color = Color(trace["line"]?["color"]) ?? Color(trace["marker"]?["color"]) ?? fallback;
        string? title = legend && (trace["showlegend"] is not JsonValue show || show.GetValue<bool>()) ? (string?)trace["name"] : null;
        var errors = trace["error_y"] is JsonObject e && (e["visible"] is not JsonValue v || v.GetValue<bool>()) && e["array"] is JsonArray ? Numbers(e["array"]) : null;
        double markerRadius = trace["marker"]?["size"] is JsonValue size ? size.GetValue<double>() / 2 : 3;
        // Plotly's marker.opacity (0 to 1) fades the markers only, as Plotly draws them: overlapping clouds stay visible.
        var markerFill = trace["marker"]?["opacity"] is JsonValue opacity
            ? OxyColor.FromAColor((byte)Math.Round(color.A * Math.Clamp(opacity.GetValue<double>(), 0, 1)), color)
            : color;

        if (lines)
        {
            double width = trace["line"]?["width"] is JsonValue w ? w.GetValue<double>() : 2;
            var line = new LineSeries
            {
                Title = title,
                Color = color,
                StrokeThickness = width,
                Dashes = Dashes(trace["line"]?["dash"], width),
                MarkerType = markers && errors is null ? MarkerType.Circle : MarkerType.None,
                MarkerSize = markerRadius,
                MarkerFill = markerFill,
                LineJoin = LineJoin.Round,
            };
            for (int i = 0; i < x.Count; i++) line.Points.Add(new DataPoint(x[i], y[i]));
            yield return line;
            if (errors is null) yield break;
            title = null; // one legend entry per trace
        }
        if (errors is not null)
        {
            var bars = new ScatterErrorSeries
            {
                Title = title,
                MarkerType = markers ? MarkerType.Circle : MarkerType.None,
                MarkerSize = markerRadius,
                MarkerFill = color,
                ErrorBarColor = color,
                ErrorBarStrokeThickness = 1.5,
                ErrorBarStopWidth = 3,
            };
            for (int i = 0; i < x.Count; i++) bars.Points.Add(new ScatterErrorPoint(x[i], y[i], 0, i < errors.Count ? 2 * errors[i] : 0)); // OxyPlot's error is the whole bar
            yield return bars;
        }
        else if (markers && !lines)
        {
            var points = new ScatterSeries { Title = title, MarkerType = MarkerType.Circle, MarkerSize = markerRadius, MarkerFill = markerFill };
            for (int i = 0; i < x.Count; i++) points.Points.Add(new ScatterPoint(x[i], y[i]));
            yield return points;
        }
    }

    /// <summary>Plotly's trace.text, written beside each point when the mode has "text": above and to the right of the point, as textposition "top right" puts it.</summary>
    private static IEnumerable<TextAnnotation> PointLabels(JsonObject trace)
    {
        if (!((string?)trace["mode"] ?? "").Contains("text", StringComparison.Ordinal) || trace["text"] is not JsonArray texts) yield break;
        var (x, y) = Coordinates(trace);
        bool clip = trace["cliponaxis"] is not JsonValue c || c.GetValue<bool>();
        for (int i = 0; i < Math.Min(texts.Count, x.Count); i++)
            if ((string?)texts[i] is { Length: > 0 } text)
                yield return new TextAnnotation
                {
                    Text = text,
                    TextPosition = new DataPoint(x[i], y[i]),
                    TextHorizontalAlignment = HorizontalAlignment.Left,
                    TextVerticalAlignment = VerticalAlignment.Bottom,
                    Offset = new ScreenVector(4, -4),
                    Font = Font,
                    FontSize = 12,
                    Stroke = OxyColors.Transparent,
                    StrokeThickness = 0,
                    ClipByXAxis = clip,
                    ClipByYAxis = clip,
                };
    }

    /// <summary>A tick label in French: decimal comma, U+202F thousands separator, 10⁵ for large or small powers of ten (log axes).</summary>
    internal static string Tick(double value)
    {
        value = Snapped(value);
        double magnitude = Math.Abs(value);
        if (value != 0 && WrittenAsPower(magnitude))
        {
            double exponent = Math.Log10(magnitude);
            if (Math.Abs(exponent - Math.Round(exponent)) < 1e-9)
                return (value < 0 ? "\u2212" : "") + "10" + Formatting.CourseCulture.Superscript((int)Math.Round(exponent));
            return value.ToString("0.##E+0", French);
        }
        return magnitude >= 1000 ? value.ToString("#,##0.###", French) : value.ToString("G6", French);
    }

    /// <summary>
    /// A tick label on a log axis spanning [<paramref name="low"/>, <paramref name="high"/>]: when the axis reaches the powers
    /// that <see cref="Tick"/> writes as 10ᵏ (10⁵ and above, or below 10⁻⁴), every tick of the axis is written with a power
    /// of ten — 10¹, 10³, 10⁵ rather than 10, 1 000, 10⁵, and 3 × 10⁻⁴ rather than 0,0003 between two powers — so that one
    /// axis never mixes the two forms; otherwise as <see cref="Tick"/>.
    /// </summary>
    internal static string LogTick(double value, double low, double high)
    {
        if (!(value > 0) || !(WrittenAsPower(high) || WrittenAsPower(low))) return Tick(value);
        value = Snapped(value);
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        string power = "10" + Formatting.CourseCulture.Superscript(exponent);
        return mantissa == 1 ? power : mantissa.ToString("G3", French) + "\u202F×\u202F" + power;
    }

    /// <summary>True for the magnitudes a tick writes with a power of ten: 10⁵ and above, or below 10⁻⁴.</summary>
    private static bool WrittenAsPower(double magnitude) => magnitude >= 1e5 || magnitude < 1e-4;

    /// <summary>A tick's value to 12 significant digits: a log axis computes its ticks as powers (10^3 = 999.9999999999998).</summary>
    private static double Snapped(double value) => double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static (double Low, double High)? ErrorBarExtent(List<JsonObject> traces)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        bool any = false;
        foreach (var trace in traces)
        {
            var y = Numbers(trace["y"]);
            var e = Numbers(trace["error_y"]?["array"]);
            any |= e.Count > 0;
            for (int i = 0; i < y.Count; i++)
            {
                double half = i < e.Count && double.IsFinite(e[i]) ? e[i] : 0;
                if (!double.IsFinite(y[i])) continue;
                low = Math.Min(low, y[i] - half);
                high = Math.Max(high, y[i] + half);
            }
        }
        return any && high > low ? (low, high) : null;
    }

    // Plotly's titles are {text: …} objects or plain strings.
    private static string? Text(JsonNode? title) => title switch
    {
        JsonObject o => (string?)o["text"],
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => null,
    };

    /// <summary>A trace's abscissae (0, 1, 2… when it has none, as Plotly numbers them) and ordinates.</summary>
    private static (List<double> X, List<double> Y) Coordinates(JsonObject trace)
    {
        var y = Numbers(trace["y"]);
        return (trace["x"] is JsonArray ? Numbers(trace["x"]) : Enumerable.Range(0, y.Count).Select(i => (double)i).ToList(), y);
    }

    private static List<double> Numbers(JsonNode? values) =>
        (values as JsonArray ?? []).Select(v => v is JsonValue n && n.TryGetValue(out double d) ? d : double.NaN).ToList();

    // "#rrggbb" or "rgb(r, g, b)" / "rgba(r, g, b, a)", as Plotly writes colours; null for anything else.
    private static OxyColor? Color(JsonNode? color)
    {
        if (color is not JsonValue v || !v.TryGetValue(out string? text)) return null;
        if (text.StartsWith('#')) return OxyColor.Parse(text);
        int open = text.IndexOf('('), close = text.IndexOf(')');
        if (!text.StartsWith("rgb", StringComparison.Ordinal) || open < 0 || close < open) return null;
        var parts = text[(open + 1)..close].Split(',').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts.Length is not (3 or 4)) return null;
        return OxyColor.FromAColor((byte)Math.Round(255 * (parts.Length == 4 ? parts[3] : 1)), OxyColor.FromRgb((byte)parts[0], (byte)parts[1], (byte)parts[2]));
    }

    private static CultureInfo MakeFrench()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u202F";
        culture.NumberFormat.NegativeSign = "\u2212";
        return CultureInfo.ReadOnly(culture);
    }
}
