using CourseNotes.Notebooks;
using CourseNotes.Runner;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// CI's proof that the course shows what is true: every notebook is re-executed headlessly through the
/// project's kernel and its fresh outputs are compared with the stored ones (verify.json's tolerance and
/// sanitisers). Any failed cell — a claim that no longer holds — or any stale output fails.
/// A notebook that trains with libtorch reproduces its stored outputs only on the library's fixed path, Linux x86-64
/// with AVX2 and FMA, Intel or not (<see cref="CpuPath.FixedByTheLibrary"/>). Off it (another OS or processor
/// family, or MKL_CBWR / ATEN_CPU_CAPABILITY chosen by the user) the comparison is skipped, with the reason, and the
/// student's Run All is checked instead: every cell runs, the claims of the stored run that no longer hold being
/// reported (COURSENOTES_CLAIMS=report), not hidden.
/// </summary>
public class NotebookVerificationTests
{
    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Re_executed_notebook_matches_its_stored_outputs(string name)
    {
        LectureNotebooks.RequirePublishedLibrary();
        if (TrainsWithLibtorch(name) && !CpuPath.FixedByTheLibrary)
            Assert.Skip($"{name} trains with libtorch, and its stored outputs were computed on the library's fixed path (Linux x86-64, AVX2, MKL_CBWR=AVX2): " +
                        $"this machine ({CpuPath.Vendor}, or a path the user chose) computes other last bits, which a training amplifies. " +
                        $"{nameof(Run_all_reaches_the_last_cell_where_the_stored_trainings_do_not_reproduce)} checks it instead.");
        var output = new StringWriter();
        int code = RunnerCommand.Run(["verify", "--quiet", LectureNotebooks.PathOf(name)], output, output);
        Assert.True(code == 0, $"{name} does not verify (exit {code}):\n{output}");
        Assert.Contains("outputs match", output.ToString());
    }

    /// <summary>The chapters that train with libtorch (04 and 05 today): their stored outputs hold on the fixed path only.</summary>
    public static TheoryData<string> TrainingWithLibtorch => new(LectureNotebooks.Names.Where(TrainsWithLibtorch));

    [Theory]
    [MemberData(nameof(TrainingWithLibtorch))]
    public void Run_all_reaches_the_last_cell_where_the_stored_trainings_do_not_reproduce(string name)
    {
        LectureNotebooks.RequirePublishedLibrary();
        if (CpuPath.FixedByTheLibrary) Assert.Skip($"on this processor ({CpuPath.Vendor}) {nameof(Re_executed_notebook_matches_its_stored_outputs)} re-executes {name} and compares every output, which covers this check");
        // The runner as the student's front end runs it, in its own process, claims in report mode.
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        var (code, output) = Requirements.Run("dotnet",
            [typeof(RunnerCommand).Assembly.Location, "execute", "--force", "--quiet", "--output-dir", folder, LectureNotebooks.PathOf(name)],
            TimeSpan.FromMinutes(8), new Dictionary<string, string> { ["COURSENOTES_CLAIMS"] = "report" });
        Assert.True(code == 0, $"{name}: Run All stops on this processor ({CpuPath.Vendor}), exit {code}:\n{output}");
        var executed = Notebook.Load(Path.Combine(folder, name));
        var codeCells = executed.Cells.Where(c => c.CellType == "code").ToList();
        Assert.All(codeCells, c => Assert.DoesNotContain(c.Outputs, o => (string?)o!["output_type"] == "error"));
        Assert.All(codeCells.Where(c => !string.IsNullOrWhiteSpace(c.Source)), c => Assert.NotNull(c.ExecutionCount));
        int reported = codeCells.Sum(c => c.Outputs.Count(o => (string?)o!["name"] == "stderr" && NotebookText.Join(o!["text"]).Contains("✗ Affirmation fausse")));
        TestContext.Current.SendDiagnosticMessage($"{name} on {CpuPath.Vendor}: every cell ran; {reported} cell(s) report claims of the stored run that do not hold here.");
    }

    // A notebook that uses TorchSharp trains or samples with libtorch, whose last bits depend on the processor.
    private static bool TrainsWithLibtorch(string name) =>
        LectureNotebooks.Load(name).Cells.Any(c => c.CellType == "code" && c.Source.Contains("TorchSharp", StringComparison.Ordinal));
}
