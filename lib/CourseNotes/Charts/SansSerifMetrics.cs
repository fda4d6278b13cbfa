using OxyPlot;

namespace CourseNotes.Charts;

/// <summary>
/// Text sizes for laying out an SVG whose text is drawn later, by the viewer, in its own <c>sans-serif</c>
/// font (DejaVu Sans on Debian, Arial or Helvetica elsewhere). OxyPlot's built-in Helvetica metrics
/// (<see cref="PdfRenderContext"/>, in points) are converted to pixels and widened to the widest of those
/// fonts, and the characters they lack (Greek letters, subscripts, ‖, −, ≥) count 0.65 em, so labels never
/// overlap whichever font draws them. Nothing depends on the machine's fonts: the layout is the same everywhere.
/// </summary>
internal sealed class SansSerifMetrics : RenderContextBase
{
    // Points to pixels (4/3), then DejaVu Sans is about 10 % wider than Helvetica.
    private const double WidthScale = 4.0 / 3.0 * 1.12, HeightScale = 4.0 / 3.0 * 1.05, MissingGlyph = 0.65;

    private readonly PdfRenderContext helvetica = new(1, 1, OxyColors.White);

    /// <inheritdoc/>
    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        if (string.IsNullOrEmpty(text)) return OxySize.Empty;
        double width = 0, height = 0;
        foreach (var line in text.Split('\n'))
        {
            double lineWidth = 0;
            foreach (char c in line)
            {
                double known = helvetica.MeasureText(c.ToString(), fontFamily, fontSize, fontWeight).Width;
                lineWidth += known > 0 || char.IsWhiteSpace(c) ? known * WidthScale : MissingGlyph * fontSize;
            }
            width = Math.Max(width, lineWidth);
            height += helvetica.MeasureText("Hg", fontFamily, fontSize, fontWeight).Height * HeightScale;
        }
        return new OxySize(width, height);
    }

    /// <summary>Measures only: drawing is the SVG context's job.</summary>
    public override void DrawText(ScreenPoint p, string text, OxyColor fill, string fontFamily, double fontSize, double fontWeight,
        double rotation, HorizontalAlignment horizontalAlignment, VerticalAlignment verticalAlignment, OxySize? maxSize)
    {
    }

    /// <summary>Measures only.</summary>
    public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness,
        EdgeRenderingMode edgeRenderingMode, double[] dashArray, LineJoin lineJoin)
    {
    }

    /// <summary>Measures only.</summary>
    public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness,
        EdgeRenderingMode edgeRenderingMode, double[] dashArray, LineJoin lineJoin)
    {
    }

    /// <inheritdoc/>
    public override int ClipCount => 0;

    /// <summary>Measures only.</summary>
    public override void PushClip(OxyRect clippingRectangle)
    {
    }

    /// <summary>Measures only.</summary>
    public override void PopClip()
    {
    }
}
