using CourseNotes.Notebooks;
using CourseNotes.Runner;

namespace CourseNotes.Lecture.Tests;

public class StudentEditionTests
{
    [Fact]
    public void Student_edition_leaves_out_solutions_only_and_never_touches_the_sources()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-student-" + Guid.NewGuid().ToString("N"));
        var before = LectureNotebooks.Names.ToDictionary(n => n, n => File.ReadAllBytes(LectureNotebooks.PathOf(n)));
        var output = new StringWriter();
        int code = RunnerCommand.Run(["student", "--output-dir", folder, .. LectureNotebooks.Names.Select(LectureNotebooks.PathOf)], output, output);
        Assert.True(code == 0, output.ToString());
        foreach (string name in LectureNotebooks.Names)
        {
            Assert.Equal(before[name], File.ReadAllBytes(LectureNotebooks.PathOf(name)));
            var full = LectureNotebooks.Load(name);
            var student = Notebook.Load(Path.Combine(folder, name));
            Assert.DoesNotContain(student.Cells, c => c.HasTag(StudentEdition.SolutionTag));
            Assert.Equal(full.Cells.Where(c => !c.HasTag(StudentEdition.SolutionTag)).Select(c => c.Source), student.Cells.Select(c => c.Source));
            Assert.True(full.Cells.Count > student.Cells.Count, $"{name} has no solution to leave out");
        }
        var refused = new StringWriter();
        Assert.Equal(2, RunnerCommand.Run(["student", "--output-dir", LectureNotebooks.Folder, LectureNotebooks.PathOf(LectureNotebooks.Names[0])], refused, refused));
        Assert.Contains("would overwrite its source", refused.ToString());
        Directory.Delete(folder, recursive: true);
    }
}
