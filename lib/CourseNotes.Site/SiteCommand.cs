using System.Globalization;
using CourseNotes.Notebooks;

namespace CourseNotes.Site;

/// <summary>
/// The site's command line: <c>CourseNotes.Site [--course course.yml] [--output _site]</c> renders the
/// course and prints what it wrote (pages, formulas, charts, time, and each page's weight). Exit codes:
/// 0 built; 1 the input cannot be rendered (the message names the file, cell and formula); 2 bad usage.
/// </summary>
public static class SiteCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: CourseNotes.Site [--course FILE] [--output DIR] [--pdf]
          --course FILE   the course file (default: course.yml)
          --output DIR    the site folder, emptied first (default: _site)
          --pdf           also print the handout to PDF with Chromium (skipped, with a message, without it)
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        string course = "course.yml", folder = "_site";
        bool pdf = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--course" when i + 1 < args.Length: course = args[++i]; break;
                case "--output" when i + 1 < args.Length: folder = args[++i]; break;
                case "--pdf": pdf = true; break;
                case "-h" or "--help": output.WriteLine(Usage); return 0;
                default: errors.WriteLine($"unknown argument {args[i]}\n\n{Usage}"); return 2;
            }
        }
        try
        {
            var report = SiteBuilder.Build(Course.Load(course), folder);
            var invariant = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(invariant, $"{folder}: {report.Pages.Count} pages, {report.Formulas} formulas, {report.Charts} charts in {report.Elapsed.TotalSeconds:0.00} s"));
            foreach (var page in report.Pages)
            {
                long bytes = new FileInfo(Path.Combine(folder, page.FileName)).Length;
                output.WriteLine(string.Create(invariant, $"  {page.FileName,-42} {bytes / 1024.0,8:0.0} KiB{(page.HasCharts ? " + plotly.js" : "")}"));
            }
            if (pdf) Handout.HandoutPdf.PrintAsync(folder, output).GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e) when (e is SiteBuildException or NotebookFormatException)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }
}
