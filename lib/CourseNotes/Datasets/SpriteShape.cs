namespace CourseNotes.Datasets;

/// <summary>The shapes of the procedural sprites (dSprites has square, ellipse and heart; a triangle is added).</summary>
public enum SpriteShape
{
    /// <summary>A square.</summary>
    Square,

    /// <summary>An ellipse of aspect ratio 0.6, so that its rotation shows.</summary>
    Ellipse,

    /// <summary>An equilateral triangle.</summary>
    Triangle,

    /// <summary>A heart.</summary>
    Heart,
}
