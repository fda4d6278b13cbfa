using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests;

/// <summary>The course's real site, rendered once from the repository's course.yml into a temporary folder.</summary>
public static class SiteFixture
{
    private static readonly Lazy<(string Folder, SiteReport Report)> Built = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-site-" + Guid.NewGuid().ToString("N"));
        var report = SiteBuilder.Build(Course.Load(Path.Combine(Repository.Root, "course.yml")), folder);
        return (folder, report);
    });

    /// <summary>The site folder; skips locally (fails in CI) without node_modules.</summary>
    public static string Folder
    {
        get
        {
            Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
            return Built.Value.Folder;
        }
    }

    public static SiteReport Report => Built.Value.Report;

    public static IEnumerable<string> Pages => Directory.GetFiles(Folder, "*.html").Order(StringComparer.Ordinal);
}
