namespace CourseNotes.Charts;

/// <summary>
/// The colour sequence of the course's charts: the colorway of Plotly's « plotly » template, which Plotly.NET
/// applies to every chart <see cref="Figures"/> makes (trace <i>i</i> takes colour <i>i</i> mod 10). Whatever
/// draws classes outside Plotly (the latent explorer) takes its colours from here, so that a class has one colour
/// in the whole course.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « L'espace latent en deux dimensions ».</remarks>
public static class ChartColours
{
    /// <summary>Ten colours, as <c>#rrggbb</c>, in Plotly's order.</summary>
    public static IReadOnlyList<string> Sequence { get; } =
        ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff", "#fecb52"];
}
