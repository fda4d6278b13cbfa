namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>One breach of the course's French typography in a line of prose: its column (from 0) and the rule it breaks.</summary>
public sealed record TypographyFault(int Column, string Rule);
