using CourseNotes.Tests.Shared;

namespace CourseNotes.Site.Tests;

/// <summary>
/// The site never deletes what is not a site: every dangerous --output is refused (exit code 2) with
/// nothing touched; a build goes into a fresh folder swapped in on success; names that collide are an
/// error before anything is written.
/// </summary>
public class SiteOutputTests
{
    private static readonly string SiteDll = Path.Combine(AppContext.BaseDirectory, "CourseNotes.Site.dll");

    // A small course inside the repository (so that its node_modules is found as Node.js finds it).
    private static string Course(string yml = "title: Essai\nchapters:\n  - notebooks/01-a.ipynb\n")
    {
        Requirements.That(Directory.Exists(Path.Combine(Repository.Root, "node_modules", "katex")), "needs node_modules: run `npm ci` at the repository root");
        string folder = Path.Combine(Repository.Root, "artifacts", "test-site-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        File.WriteAllText(Path.Combine(folder, "notebooks", "01-a.ipynb"), Notebook("# Un\n\nTexte $x^2$."));
        File.WriteAllText(Path.Combine(folder, "course.yml"), yml);
        return folder;
    }

    private static string Notebook(string markdown) =>
        "{ \"cells\": [ { \"cell_type\": \"markdown\", \"metadata\": {}, \"source\": " + System.Text.Json.JsonSerializer.Serialize(markdown) + " } ]," +
        " \"metadata\": { \"kernelspec\": { \"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\" } }, \"nbformat\": 4, \"nbformat_minor\": 4 }";

    // The site tool in its own process, with HOME pointing where the test says: a mistake here can only reach a scratch folder.
    private static (int Code, string Output) Site(string home, string workingDirectory, params string[] args) =>
        Requirements.Run("dotnet", [SiteDll, .. args], TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["HOME"] = home }, workingDirectory);

    private static string[] Everything(string folder) =>
        Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_dangerous_output_is_refused_and_nothing_is_deleted()
    {
        string course = Course();
        string file = Path.Combine(course, "notes.txt");
        File.WriteAllText(file, "à garder");
        string other = Directory.CreateDirectory(Path.Combine(course, "autre")).FullName;
        File.WriteAllText(Path.Combine(other, "index.html"), "<p>une autre page, sans marque</p>");
        // Outside the course: a home folder, and links to the course.
        string outside = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        string home = Directory.CreateDirectory(Path.Combine(outside, "maison")).FullName;
        File.WriteAllText(Path.Combine(home, ".bashrc"), "# à garder");
        File.CreateSymbolicLink(Path.Combine(outside, "vers-le-cours"), course);
        File.CreateSymbolicLink(Path.Combine(outside, "lien-relatif"), Path.GetRelativePath(outside, course));
        var before = Everything(course);
        try
        {
            (string Output, string Message)[] cases =
            [
                (".", "holds the course itself"),
                (course, "holds the course itself"),
                ("..", "holds the course itself"),
                ("notebooks", "holds the course file"),
                (Path.Combine("notebooks", ".."), "holds the course itself"),
                (Path.Combine(outside, "vers-le-cours"), "holds the course itself"),
                (Path.Combine(outside, "lien-relatif"), "holds the course itself"),
                (home, "is the home folder"),
                (outside, "holds the home folder"),
                ("/", "is a filesystem root"),
                (file, "is a file"),
                ("notes.txt", "is a file"),
                (other, "is not empty and holds no previous site (no .coursenotes-site marker)"),
            ];
            foreach (var (output, message) in cases)
            {
                var (code, said) = Site(home, course, "--course", "course.yml", "--output", output);
                Assert.True(code == 2, $"--output {output}: exit {code}: {said}");
                Assert.Contains($"--output {output}: {message}", said);
                Assert.DoesNotContain("   at ", said);
            }
            Assert.Equal(before, Everything(course));
            Assert.Equal("à garder", File.ReadAllText(file));
            Assert.Equal("# à garder", File.ReadAllText(Path.Combine(home, ".bashrc")));
        }
        finally
        {
            Directory.Delete(course, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_site_is_built_beside_and_swapped_in_and_a_failed_build_keeps_the_previous_one()
    {
        string course = Course();
        string site = Path.Combine(course, "_site");
        try
        {
            var (code, output) = Site(course, course, "--course", "course.yml", "--output", "_site");
            Assert.True(code == 0, output);
            Assert.True(File.Exists(Path.Combine(site, SiteOutput.Marker)));
            string index = File.ReadAllText(Path.Combine(site, "index.html"));
            File.WriteAllText(Path.Combine(site, "ancien.txt"), "du build précédent");

            // A build that fails (a formula KaTeX rejects) leaves the previous site whole, and no temporary folder.
            File.WriteAllText(Path.Combine(course, "notebooks", "01-a.ipynb"), Notebook("# Un\n\n$\\min_\\boldsymbol\\phi x$"));
            (code, output) = Site(course, course, "--course", "course.yml", "--output", "_site");
            Assert.True(code == 1, output);
            Assert.Equal(index, File.ReadAllText(Path.Combine(site, "index.html")));
            Assert.True(File.Exists(Path.Combine(site, "ancien.txt")));
            Assert.Equal(["_site", "course.yml", "notebooks"], Directory.GetFileSystemEntries(course).Select(Path.GetFileName).Order(StringComparer.Ordinal));

            // A build that succeeds replaces the previous site entirely.
            File.WriteAllText(Path.Combine(course, "notebooks", "01-a.ipynb"), Notebook("# Un, revu\n\nTexte."));
            (code, output) = Site(course, course, "--course", "course.yml", "--output", "_site");
            Assert.True(code == 0, output);
            Assert.False(File.Exists(Path.Combine(site, "ancien.txt")));
            Assert.Contains("Un, revu", File.ReadAllText(Path.Combine(site, "01-a.html")));
            Assert.Equal(["_site", "course.yml", "notebooks"], Directory.GetFileSystemEntries(course).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(course, recursive: true);
        }
    }

    [Theory]
    [InlineData("  - notebooks/01-a.ipynb\n  - notebooks/01-a.ipynb\n", "", "notebooks/01-a.ipynb is listed twice")]
    [InlineData("  - notebooks/01-a.ipynb\n  - notebooks/../notebooks/01-a.ipynb\n", "", "is listed twice (also as notebooks/01-a.ipynb)")]
    [InlineData("  - notebooks/01-a.ipynb\n  - autre/01-a.ipynb\n", "", "autre/01-a.ipynb and notebooks/01-a.ipynb would both become the page 01-a.html")]
    [InlineData("  - notebooks/01-a.ipynb\n", "pages:\n  - index.md\n", "index.md and the home page would both become the page index.html")]
    [InlineData("  - notebooks/01-a.ipynb\n", "pages:\n  - 01-A.md\n", "01-A.md and notebooks/01-a.ipynb would both become the page 01-A.html")]
    [InlineData("  - dossier.ipynb\n", "", "dossier.ipynb is a folder, not a notebook")]
    public void Names_that_collide_are_an_error_before_anything_is_written(string chapters, string pages, string message)
    {
        string course = Course("title: Essai\nchapters:\n" + chapters + pages);
        try
        {
            Directory.CreateDirectory(Path.Combine(course, "autre"));
            File.Copy(Path.Combine(course, "notebooks", "01-a.ipynb"), Path.Combine(course, "autre", "01-a.ipynb"));
            File.WriteAllText(Path.Combine(course, "index.md"), "# Accueil");
            File.WriteAllText(Path.Combine(course, "01-A.md"), "# Aide");
            Directory.CreateDirectory(Path.Combine(course, "dossier.ipynb"));
            var output = new StringWriter();
            int code = SiteCommand.Run(["--course", Path.Combine(course, "course.yml"), "--output", Path.Combine(course, "_site")], output, output);
            Assert.True(code == 1, output.ToString());
            Assert.Contains(message, output.ToString());
            Assert.False(Directory.Exists(Path.Combine(course, "_site")));
        }
        finally
        {
            Directory.Delete(course, recursive: true);
        }
    }
}
