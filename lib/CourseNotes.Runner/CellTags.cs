using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// The cell tags the runner and the verifier obey, with nbval's names and comment markers accepted too:
/// <c>skip</c> (nbval-skip, NBVAL_SKIP): not run when verifying; <c>ignore-output</c>
/// (nbval-ignore-output, NBVAL_IGNORE_OUTPUT): run, outputs not compared; <c>raises-exception</c>
/// (nbval-raises-exception, NBVAL_RAISES_EXCEPTION): an error is expected and does not fail the run.
/// </summary>
public static class CellTags
{
    /// <summary>True when the cell is not run when verifying.</summary>
    public static bool Skip(NotebookCell cell) => Has(cell, "skip", "nbval-skip", "NBVAL_SKIP");

    /// <summary>True when the cell's outputs are not compared.</summary>
    public static bool IgnoreOutput(NotebookCell cell) => Has(cell, "ignore-output", "nbval-ignore-output", "NBVAL_IGNORE_OUTPUT");

    /// <summary>True when the cell is expected to fail.</summary>
    public static bool RaisesException(NotebookCell cell) => Has(cell, "raises-exception", "nbval-raises-exception", "NBVAL_RAISES_EXCEPTION");

    private static bool Has(NotebookCell cell, string tag, string nbvalTag, string marker)
    {
        if (cell.HasTag(tag) || cell.HasTag(nbvalTag)) return true;
        string firstLine = cell.Source.Split('\n', 2)[0].Trim();
        return (firstLine.StartsWith("//", StringComparison.Ordinal) || firstLine.StartsWith('#'))
               && firstLine.TrimStart('/', '#', ' ').StartsWith(marker, StringComparison.Ordinal);
    }
}
