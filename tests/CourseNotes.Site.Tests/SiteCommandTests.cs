using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests;

/// <summary>The site tool's command line: every mistake is named, exits 2 and deletes nothing; --chapters lists course.yml's chapters.</summary>
public class SiteCommandTests
{
    private static string CourseFile => Path.Combine(Repository.Root, "course.yml");

    private static (int Code, string Errors, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = SiteCommand.Run(args, output, errors);
        return (code, errors.ToString(), output.ToString());
    }

    [Fact]
    public void Mistakes_are_named_and_exit_2()
    {
        string notEmpty = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(notEmpty);
        File.WriteAllText(Path.Combine(notEmpty, "précieux.txt"), "à garder");
        string file = Path.Combine(notEmpty, "précieux.txt");
        (string[] Args, string Message)[] mistakes =
        [
            (["--bogus"], "unknown option --bogus"),
            (["stray"], "unexpected argument stray"),
            (["--course"], "--course needs a value"),
            (["--course", ""], "--course needs a value"),
            (["--course", CourseFile, "--output"], "--output needs a value"),
            (["--course", "no-such-course.yml"], "--course no-such-course.yml: no such course file"),
            (["--course", CourseFile, "--output", notEmpty], "is not empty and holds no previous site (no .coursenotes-site marker)"),
            (["--course", CourseFile, "--output", file], "is a file"),
            (["--course", CourseFile, "--output", Repository.Root], "holds the course itself"),
            (["--course", CourseFile, "--output", Path.Combine(Repository.Root, "notebooks")], "holds the course file"),
            (["--course", CourseFile, "--output", Path.Combine(Repository.Root, "notebooks", "..")], "holds the course itself"),
        ];
        foreach (var (args, message) in mistakes)
        {
            var (code, errors, output) = Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {errors}");
            Assert.Contains(message, errors);
            Assert.Contains("usage: CourseNotes.Site", errors);
            Assert.DoesNotContain("   at ", errors);
            Assert.Equal("", output);
        }
        Assert.Equal("à garder", File.ReadAllText(file));
        Assert.True(File.Exists(Path.Combine(Repository.Root, "notebooks", "01-modeles-latents.ipynb")));
    }

    [Fact]
    public void Chapters_lists_course_yml_in_order()
    {
        var (code, errors, output) = Run("--course", CourseFile, "--chapters");
        Assert.True(code == 0, errors);
        var course = Course.Load(CourseFile);
        Assert.Equal(course.Chapters.Select(c => Path.GetFullPath(Path.Combine(Repository.Root, c))),
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
