namespace CourseNotes.Notebooks;

/// <summary>
/// A notebook that cannot be read or run as a C# notebook. The message names the file and, where it
/// applies, the cell (numbered from 1, as editors show them) and the line.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="cell"/> and <paramref name="line"/> are 1-based, or null.</summary>
    public NotebookFormatException(string path, string problem, int? cell = null, long? line = null, Exception? inner = null)
        : base(Describe(path, problem, cell, line), inner)
    {
        Path = path;
        Cell = cell;
        Line = line;
    }

    /// <summary>The notebook's path.</summary>
    public string Path { get; }

    /// <summary>The 1-based cell number, when the problem is in one cell.</summary>
    public int? Cell { get; }

    /// <summary>The 1-based line (in the file, or in the cell when <see cref="Cell"/> is set).</summary>
    public long? Line { get; }

    private static string Describe(string path, string problem, int? cell, long? line) =>
        path + (cell is { } c ? $", cell {c}" : "") + (line is { } l ? $", line {l}" : "") + ": " + problem;
}
