using CourseNotes.Notebooks;
using CourseNotes.Site;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Lecture.Tests;

/// <summary>The course's notebooks, one per section of the lecture, in reading order: the chapters of course.yml.</summary>
public static class LectureNotebooks
{
    /// <summary>The chapters' file names, as course.yml lists them (the one list of chapters).</summary>
    public static readonly string[] Names =
        [.. Course.Load(Path.Combine(Repository.Root, "course.yml")).Chapters.Select(c => Path.GetFileName(c)!)];

    public static string Folder => Path.Combine(Repository.Root, "notebooks");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static Notebook Load(string name) => Notebook.Load(PathOf(name));

    public static TheoryData<string> All => new(Names);

    /// <summary>Every notebook loads the library from here; the Cake Test target publishes it first.</summary>
    public static void RequirePublishedLibrary()
    {
        string dll = Path.Combine(Repository.Root, "artifacts", "lib", "CourseNotes.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: run `dotnet cake --target=PublishLib` (the Test target does) before these tests.");
    }
}
