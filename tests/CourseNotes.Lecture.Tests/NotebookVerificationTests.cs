using CourseNotes.Runner;

namespace CourseNotes.Lecture.Tests;

/// <summary>
/// CI's proof that the course shows what is true: every notebook is re-executed headlessly through the
/// project's kernel and its fresh outputs are compared with the stored ones (verify.json's tolerance and
/// sanitisers). Any failed cell — a claim that no longer holds — or any stale output fails.
/// </summary>
public class NotebookVerificationTests
{
    [Theory]
    [MemberData(nameof(LectureNotebooks.All), MemberType = typeof(LectureNotebooks))]
    public void Re_executed_notebook_matches_its_stored_outputs(string name)
    {
        LectureNotebooks.RequirePublishedLibrary();
        var output = new StringWriter();
        int code = RunnerCommand.Run(["verify", "--quiet", LectureNotebooks.PathOf(name)], output, output);
        Assert.True(code == 0, $"{name} does not verify (exit {code}):\n{output}");
        Assert.Contains("outputs match", output.ToString());
    }
}
