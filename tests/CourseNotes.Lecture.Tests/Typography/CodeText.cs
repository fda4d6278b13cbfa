namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>
/// The text of one C# string literal or comment, as it reads once compiled: escapes decoded (« \u00A0 »
/// is U+00A0), interpolation holes as <see cref="FrenchTypography.Hidden"/>; <see cref="Lines"/> cuts it
/// at its line breaks, each piece with the source line (from 1) it starts on.
/// </summary>
public sealed record CodeText(bool IsComment, string Text, IReadOnlyList<(int Line, string Text)> Lines);
