namespace CourseNotes.Charts;

/// <summary>A chart axis: its French title, and whether its scale is logarithmic (ticks then show the real
/// values as powers of ten, not hand-computed logarithms).</summary>
/// <param name="Title">The axis title, in French, with its unit if any.</param>
/// <param name="Logarithmic">True for a base-10 logarithmic scale (all values must be &gt; 0).</param>
public sealed record Axis(string Title, bool Logarithmic = false)
{
    /// <summary>A linear axis titled <paramref name="title"/>.</summary>
    public static implicit operator Axis(string title) => new(title);
}
