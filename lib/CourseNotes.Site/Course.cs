using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CourseNotes.Site;

/// <summary>
/// The course file (<c>course.yml</c>, in the spirit of Jupyter Book's <c>_toc.yml</c>): the site's title,
/// author and language, the notebooks in chapter order and extra Markdown pages. Paths are relative to the file.
/// </summary>
public sealed class Course
{
    /// <summary>The course title, shown on every page.</summary>
    public string Title { get; set; } = "";

    /// <summary>A line under the title on the home page.</summary>
    public string Subtitle { get; set; } = "";

    /// <summary>Who wrote it.</summary>
    public string Author { get; set; } = "";

    /// <summary>The pages' language (html lang), e.g. fr.</summary>
    public string Language { get; set; } = "fr";

    /// <summary>The notebooks, in reading order.</summary>
    public List<string> Chapters { get; set; } = [];

    /// <summary>Markdown pages listed after the chapters (help pages).</summary>
    public List<string> Pages { get; set; } = [];

    /// <summary>The address of the course's git repository (what <c>git clone</c> takes), shown in « Lancer ce chapitre »; empty if unpublished.</summary>
    public string Repository { get; set; } = "";

    /// <summary>The licence of the course's text and code, shown in every page's footer.</summary>
    public string License { get; set; } = "";

    /// <summary>The course's version for the footer; empty: the last commit's short hash (<see cref="Pages.BuildInfo"/>).</summary>
    public string Version { get; set; } = "";

    /// <summary>
    /// The folder of the students' edition of the notebooks (<c>dotnet cake --target=StudentEdition</c> writes <c>student/</c>),
    /// relative to the course file; the site offers each chapter's copy found there for download. Empty: none.
    /// </summary>
    [YamlMember(Alias = "student_edition", ApplyNamingConventions = false)]
    public string StudentEdition { get; set; } = "";

    /// <summary>The students' edition of <paramref name="chapter"/>, or null when the course has none.</summary>
    public string? StudentNotebook(string chapter)
    {
        if (StudentEdition.Length == 0) return null;
        string file = Path.Combine(Root, StudentEdition, Path.GetFileName(chapter));
        return System.IO.File.Exists(file) ? file : null;
    }

    /// <summary>The version and date the footer shows (read once, from SOURCE_DATE_EPOCH and git, never from the clock).</summary>
    [YamlIgnore]
    public Site.Pages.BuildInfo Build => _build ??= Site.Pages.BuildInfo.Read(Root, Version, Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
    private Site.Pages.BuildInfo? _build;

    /// <summary>The references file (CSL-JSON), relative to the course file; empty when the course cites nothing.</summary>
    public string Bibliography { get; set; } = "";

    /// <summary>The glossary file (YAML: French term, English terms, definition), relative to the course file; empty for none.</summary>
    public string Glossary { get; set; } = "";

    /// <summary>
    /// Whether scripts, frames, event attributes and <c>javascript:</c> links written in the prose (Markdown cells and
    /// pages) are kept (<c>trust_html: true</c>). Default false: they are removed and reported (<see cref="Pages.HtmlTrust"/>).
    /// </summary>
    [YamlMember(Alias = "trust_html", ApplyNamingConventions = false)]
    public bool TrustHtml { get; set; }

    /// <summary>The folder the file lies in; chapter and page paths are relative to it.</summary>
    [YamlIgnore]
    public string Root { get; private set; } = "";

    /// <summary>The course file's full path.</summary>
    [YamlIgnore]
    public string File { get; private set; } = "";

    /// <summary>The full paths of the chapters and pages, in order.</summary>
    [YamlIgnore]
    public IReadOnlyList<string> Files => Chapters.Concat(Pages).Select(f => Path.GetFullPath(Path.Combine(Root, f))).ToList();

    /// <summary>
    /// Reads and checks a course file; a malformed one, a missing chapter, a file listed twice or two files
    /// that would become the same page throws <see cref="SiteBuildException"/> naming them, before anything is written.
    /// </summary>
    public static Course Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new SiteBuildException($"{path}: no such course file.");
        Course course;
        try
        {
            course = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
                .Deserialize<Course>(System.IO.File.ReadAllText(path)) ?? new Course();
        }
        catch (YamlException e)
        {
            throw new SiteBuildException($"{path}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        course.Root = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (string.IsNullOrWhiteSpace(course.Title)) throw new SiteBuildException($"{path}: the course has no title.");
        if (course.Chapters.Count == 0) throw new SiteBuildException($"{path}: the course lists no chapter.");
        course.File = Path.GetFullPath(path);
        foreach (string file in course.Chapters.Concat(course.Pages).Concat(new[] { course.Bibliography, course.Glossary }.Where(f => f.Length > 0)))
        {
            string full = Path.Combine(course.Root, file);
            if (Directory.Exists(full)) throw new SiteBuildException($"{path}: {file} is a folder, not a {(course.Chapters.Contains(file) ? "notebook" : "Markdown page")}.");
            if (!System.IO.File.Exists(full)) throw new SiteBuildException($"{path}: {file} does not exist.");
        }
        CheckNames(course, path);
        return course;
    }

    // Every file once; every page name (and the site's own pages) once, ignoring case as some hosts do.
    private static void CheckNames(Course course, string path)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var pages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["index.html"] = "the home page",
            [Handout.HandoutPage.FileName(false)] = "the student handout",
            [Handout.HandoutPage.FileName(true)] = "the teacher handout",
            [CourseNotes.Site.References.Citations.PageName] = "the references page",
            [CourseNotes.Site.Glossary.GlossaryLinks.PageName] = "the glossary page",
        };
        foreach (string file in course.Chapters.Concat(course.Pages))
        {
            if (!files.TryAdd(Path.GetFullPath(Path.Combine(course.Root, file)), file))
                throw new SiteBuildException($"{path}: {file} is listed twice{(files[Path.GetFullPath(Path.Combine(course.Root, file))] == file ? "" : $" (also as {files[Path.GetFullPath(Path.Combine(course.Root, file))]})")}.");
            string page = Path.GetFileNameWithoutExtension(file) + ".html";
            if (!pages.TryAdd(page, file))
                throw new SiteBuildException($"{path}: {file} and {pages[page]} would both become the page {page}; rename one.");
        }
    }
}
