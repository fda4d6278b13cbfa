namespace CourseNotes.Datasets;

/// <summary>
/// The generative factors h of one sprite, as indices into the factor grids of <see cref="ProceduralSprites"/>:
/// the "causal factors" of the lecture, known exactly for every image.
/// </summary>
/// <param name="Shape">The shape.</param>
/// <param name="Scale">Index of the scale, 0 … <see cref="ProceduralSprites.ScaleCount"/> − 1 (small to large).</param>
/// <param name="Rotation">Index of the rotation, 0 … <see cref="ProceduralSprites.RotationCount"/> − 1 (angle 2π·i/count).</param>
/// <param name="X">Index of the horizontal position, 0 … <see cref="ProceduralSprites.PositionCount"/> − 1 (left to right).</param>
/// <param name="Y">Index of the vertical position, 0 … <see cref="ProceduralSprites.PositionCount"/> − 1 (top to bottom).</param>
public readonly record struct SpriteFactors(SpriteShape Shape, int Scale, int Rotation, int X, int Y)
{
    /// <summary>The factor names, in the order of <see cref="ToArray"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["shape", "scale", "rotation", "x", "y"];

    /// <summary>The five factors as integers: shape, scale, rotation, x, y.</summary>
    public int[] ToArray() => [(int)Shape, Scale, Rotation, X, Y];
}
