namespace CourseNotes.Charts;

/// <summary>How a series is drawn; <see cref="Figures.Lines(string, string, string, Series[])"/> and
/// <see cref="Figures.Points(string, string, string, Series[])"/> choose the default.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line through the points.</summary>
    Lines,
    /// <summary>One marker per point.</summary>
    Markers,
    /// <summary>A solid line through the points with a marker on each: measurements at a few abscissae, which the markers show.</summary>
    LinesAndMarkers,
    /// <summary>A dashed line through the points (a reference curve drawn over another).</summary>
    DashedLines,
    /// <summary>Small grey markers, half transparent: a cloud of samples drawn behind coloured curves that are compared with it.</summary>
    FaintMarkers,
}

/// <summary>One named series of points (x, y) of a chart; the name shows in the legend.</summary>
/// <param name="Name">The legend entry, in French.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates, as many as abscissae.</param>
/// <param name="ErrorY">Half-heights of vertical error bars (e.g. two standard errors), as many as ordinates; null for none.</param>
/// <param name="Style">How to draw it; null for the chart's default (lines for <c>Lines</c>, markers for <c>Points</c>).</param>
/// <param name="Labels">A short text written above and to the right of each point (« β = 0,5 »), as many as points; null for
/// none. Naming the points on the chart rather than in the legend keeps the legend short.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? ErrorY = null, SeriesStyle? Style = null,
    IReadOnlyList<string>? Labels = null);
