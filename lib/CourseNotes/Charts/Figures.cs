using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace CourseNotes.Charts;

/// <summary>
/// The course's Plotly.NET charts, with a French title and axis labels. The kernel sends them as
/// <c>application/vnd.plotly.v1+json</c> (data and layout), which VS Code draws offline, the verifier
/// compares by value and the site draws with its own plotly.js, plus a static <c>image/svg+xml</c> copy
/// (<see cref="SvgChart"/>) for front ends that have no Plotly renderer.
/// </summary>
/// <remarks>Used by every notebook; first in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>.</remarks>
public static class Figures
{
    // Every chart also gets a static SVG copy (SvgChart), registered with the formatter library both kernels share.
    static Figures() => Formatter.Register<GenericChart>(chart => SvgChart.Render(chart), SvgChart.MimeType);

    /// <summary>Lines through each series' points.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, xTitle, yTitle, series, s => PlotlyChart.Line<double, double, string>(x: s.X.ToArray(), y: s.Y.ToArray(), Name: s.Name));

    /// <summary>A scatter plot of each series' points.</summary>
    public static GenericChart Points(string title, string xTitle, string yTitle, params Series[] series) =>
        Build(title, xTitle, yTitle, series, s => PlotlyChart.Point<double, double, string>(x: s.X.ToArray(), y: s.Y.ToArray(), Name: s.Name));

    private static GenericChart Build(string title, string xTitle, string yTitle, Series[] series, Func<Series, GenericChart> trace)
    {
        Guard.NotNull(series, nameof(series));
        if (series.Length == 0) throw new ArgumentException("a chart needs at least one series.", nameof(series));
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"the series {s.Name} has {s.X.Count} abscissae and {s.Y.Count} ordinates.", nameof(series));
            if (s.ErrorY is { } e && e.Count != s.Y.Count)
                throw new ArgumentException($"the series {s.Name} has {s.Y.Count} ordinates and {e.Count} error bars.", nameof(series));
        }
        var chart = PlotlyChart.Combine(series.Select(s => WithErrorBars(trace(s), s.ErrorY)))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);
        var heading = new Title();
        heading.SetProperty("text", title);
        var layout = new Layout();
        layout.SetProperty("title", heading);
        return GenericChart.addLayout(layout, chart);
    }

    // Plotly's error_y object, set on the trace directly (Plotly.NET's typed Error.init takes F# options).
    private static GenericChart WithErrorBars(GenericChart chart, IReadOnlyList<double>? errors)
    {
        if (errors is null) return chart;
        var bars = new Plotly.NET.TraceObjects.Error();
        bars.SetProperty("type", "data");
        bars.SetProperty("array", errors.ToArray());
        bars.SetProperty("visible", true);
        foreach (var trace in GenericChart.getTraces(chart)) trace.SetProperty("error_y", bars);
        return chart;
    }
}
