using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>One cell whose fresh outputs differ from the stored ones.</summary>
/// <param name="Cell">The 1-based cell number.</param>
/// <param name="Description">What differs, first differing line included.</param>
public sealed record OutputDifference(int Cell, string Description);

/// <summary>The verification of one notebook.</summary>
public sealed record Verification(string Path, NotebookRun Run, IReadOnlyList<OutputDifference> Differences)
{
    /// <summary>True when every cell ran as expected and every compared output matches.</summary>
    public bool Passed => Run.Succeeded && Differences.Count == 0;

    /// <summary>A readable report: notebook, cell and first differing line.</summary>
    public string Report() => Passed
        ? $"{Path}: outputs match"
        : string.Join("\n", (Run.FirstFailure is { } f ? [$"{Path}, {f}"] : Array.Empty<string>())
            .Concat(Differences.Select(d => $"{Path}, cell {d.Cell}: {d.Description}")));
}

/// <summary>
/// nbval's check, and more: re-executes a notebook (never from the cache) and compares each code
/// cell's fresh outputs with the stored ones (see <see cref="OutputComparer"/>), obeying the cell tags
/// of <see cref="CellTag"/>. Accepting stores the fresh outputs into the source notebook (atomically)
/// after a teacher's edit.
/// </summary>
public static class Verifier
{
    /// <summary>Verifies the notebook at <paramref name="path"/>.</summary>
    public static Verification Verify(string path, ExecutionOptions options, VerifyConfig config)
    {
        var stored = Notebook.Load(path);
        var run = NotebookExecutor.Execute(stored, options with { SkipTaggedCells = true, Parameters = null });
        var differences = new List<OutputDifference>();
        for (int i = 0; i < stored.Cells.Count; i++)
        {
            var before = stored.Cells[i];
            var after = run.Executed.Cells[i];
            if (before.CellType != "code" || CellTag.Skip.On(before) || CellTag.IgnoreOutput.On(before)) continue;
            if (run.Cells.FirstOrDefault(c => c.Cell == i + 1)?.Status is null or CellStatus.NotRun) continue;
            if (OutputComparer.FirstDifference(before.Outputs, after.Outputs, config, config.For(before)) is { } difference)
                differences.Add(new OutputDifference(i + 1, difference));
        }
        return new Verification(path, run, differences);
    }

    /// <summary>Stores a verification's fresh outputs into its source notebook, when every cell ran as expected.</summary>
    public static bool Accept(Verification verification)
    {
        if (!verification.Run.Succeeded) return false;
        verification.Run.Executed.Save(verification.Path);
        return true;
    }
}
