using System.Globalization;
using System.Text.RegularExpressions;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>One cell whose fresh outputs differ from the stored ones.</summary>
/// <param name="Cell">The 1-based cell number.</param>
/// <param name="Description">What differs, first differing line included.</param>
public sealed record OutputDifference(int Cell, string Description);

/// <summary>The verification of one notebook.</summary>
/// <param name="Path">The notebook.</param>
/// <param name="Run">The fresh execution.</param>
/// <param name="Differences">The cells whose outputs differ.</param>
/// <param name="ContentHash">The hash of the notebook's bytes as read (<see cref="Notebook.ContentHash"/>): accepting replaces only that content.</param>
public sealed record Verification(string Path, NotebookRun Run, IReadOnlyList<OutputDifference> Differences, string? ContentHash = null)
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
/// after a teacher's edit — unless the notebook was changed while it ran: that edit is kept, and the
/// fresh notebook goes beside it (<see cref="Notebook.SaveUnlessChanged"/>).
/// </summary>
public static class Verifier
{
    /// <summary>Verifies the notebook at <paramref name="path"/>.</summary>
    public static Verification Verify(string path, ExecutionOptions options, VerifyConfig config)
    {
        var stored = Notebook.Load(path);
        stored.EnsureCSharp();
        // Every cell's tolerance is read before anything runs: a malformed one is named at once.
        var tolerances = stored.Cells.Select((c, i) => c.CellType == "code" ? config.For(c, path, i + 1) : null).ToList();
        var run = NotebookExecutor.Execute(stored, options with { SkipTaggedCells = true, Parameters = null });
        var differences = new List<OutputDifference>();
        for (int i = 0; i < stored.Cells.Count; i++)
        {
            var before = stored.Cells[i];
            var after = run.Executed.Cells[i];
            if (before.CellType != "code" || CellTag.Skip.On(before) || CellTag.IgnoreOutput.On(before)) continue;
            if (run.Cells.FirstOrDefault(c => c.Cell == i + 1)?.Status is null or CellStatus.NotRun) continue;
            string? difference;
            try
            {
                difference = OutputComparer.FirstDifference(before.Outputs, after.Outputs, config, tolerances[i]!);
            }
            catch (RegexMatchTimeoutException e)
            {
                var sanitizer = config.Sanitizers.FirstOrDefault(z => z.Pattern.ToString() == e.Pattern);
                throw new NotebookFormatException(sanitizer?.Origin ?? path,
                    $"the sanitizer pattern {e.Pattern} ran past its time limit ({e.MatchTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s) on an output of {path}, cell {i + 1}: "
                    + "it backtracks catastrophically; rewrite it without nested or overlapping quantifiers such as (a+)+ or (a|a)*.");
            }
            if (difference is not null) differences.Add(new OutputDifference(i + 1, difference));
        }
        return new Verification(path, run, differences, stored.ContentHash);
    }

    /// <summary>
    /// Stores a verification's fresh outputs into its source notebook, when every cell ran as expected;
    /// returns the path written — the notebook, or a new file beside it when the notebook was changed
    /// while it ran (its edit is kept) — or null when nothing was stored (a cell failed).
    /// </summary>
    public static string? Accept(Verification verification)
    {
        if (!verification.Run.Succeeded) return null;
        if (verification.ContentHash is not { } hash) { verification.Run.Executed.Save(verification.Path); return verification.Path; }
        return verification.Run.Executed.SaveUnlessChanged(verification.Path, hash);
    }
}
