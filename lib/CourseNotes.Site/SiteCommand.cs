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
        usage: CourseNotes.Site [--course FILE] [--output DIR] [--chapters] [--pdf]
          --course FILE   the course file (default: course.yml)
          --output DIR    the site folder (default: _site), replaced by a fresh build only when it
                          succeeds; an existing folder must be empty or hold a previous site (its
                          .coursenotes-site marker), and must not be or hold the course, one of its
                          files, the home folder or a filesystem root
          --chapters      print the course's chapter notebooks (full paths, one a line) and stop
          --pdf           also print the handout to PDF with Chromium (skipped, with a message, without it)
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        string course = "course.yml", folder = "_site";
        bool chapters = false;
        bool pdf = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length && args[i + 1].Length > 0 ? args[++i] : null;
            switch (arg)
            {
                case "--course": course = Value() ?? ""; break;
                case "--output": folder = Value() ?? ""; break;
                case "--chapters": chapters = true; break;
                case "--pdf": pdf = true; break;
                case "-h" or "--help": output.WriteLine(Usage); return 0;
                default: return Mistake(errors, arg.StartsWith('-') ? $"unknown option {arg}" : $"unexpected argument {arg}");
            }
            if ((arg is "--course" && course.Length == 0) || (arg is "--output" && folder.Length == 0))
                return Mistake(errors, $"{arg} needs a value");
        }
        if (!File.Exists(course)) return Mistake(errors, $"--course {course}: no such course file");
        try
        {
            var loaded = Course.Load(course);
            if (chapters)
            {
                foreach (string chapter in loaded.Chapters) output.WriteLine(Path.GetFullPath(Path.Combine(loaded.Root, chapter)));
                return 0;
            }
            if (SiteOutput.Unsafe(course, folder, loaded.Files) is { } why) return Mistake(errors, $"--output {folder}: {why}");
            var report = SiteBuilder.Build(loaded, folder);
            var invariant = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(invariant, $"{folder}: {report.Pages.Count} pages, {report.Formulas} formulas, {report.Charts} charts in {report.Elapsed.TotalSeconds:0.00} s"));
            foreach (string line in report.Removed) errors.WriteLine($"warning: {line}");
            foreach (var page in report.Pages)
            {
                long bytes = new FileInfo(Path.Combine(folder, page.FileName)).Length;
                output.WriteLine(string.Create(invariant, $"  {page.FileName,-42} {bytes / 1024.0,8:0.0} KiB{(page.HasCharts ? " + plotly.js" : "")}"));
            }
            if (pdf) Handout.HandoutPdf.PrintAsync(folder, report.Handout.Value, output).GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e) when (e is SiteBuildException or NotebookFormatException)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Mistake(TextWriter errors, string message)
    {
        errors.WriteLine($"{message}\n\n{Usage}");
        return 2;
    }
}
