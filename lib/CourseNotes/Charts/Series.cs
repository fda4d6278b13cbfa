namespace CourseNotes.Charts;

/// <summary>One named series of points (x, y) of a chart; the name shows in the legend.</summary>
/// <param name="Name">The legend entry, in French.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates, as many as abscissae.</param>
/// <param name="ErrorY">Half-heights of vertical error bars (e.g. two standard errors), as many as ordinates; null for none.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? ErrorY = null);
