using System.Diagnostics;
using System.Globalization;

namespace CourseNotes.Site.Pages;

/// <summary>
/// The version and date a site shows in its footer, never read from the clock, so that two builds of the same
/// sources give the same bytes: the date is <c>SOURCE_DATE_EPOCH</c> when set (the reproducible-builds convention),
/// else the date of the course's last git commit; the version is <c>course.yml</c>'s <c>version</c>, else that
/// commit's short hash. Outside a git repository, without <c>SOURCE_DATE_EPOCH</c>, both are unknown (empty).
/// </summary>
/// <param name="Version">« 1.2 » or « a1b2c3d4e5f6 », or empty.</param>
/// <param name="Date">The build date (UTC), or null.</param>
public sealed record BuildInfo(string Version, DateTimeOffset? Date)
{
    /// <summary>Reads the version and date for the course in <paramref name="root"/>.</summary>
    /// <param name="root">The course folder.</param>
    /// <param name="version">The version course.yml gives, or empty.</param>
    /// <param name="sourceDateEpoch">The value of <c>SOURCE_DATE_EPOCH</c>, or null.</param>
    public static BuildInfo Read(string root, string version, string? sourceDateEpoch)
    {
        DateTimeOffset? date = null;
        if (long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out long epoch))
            date = DateTimeOffset.FromUnixTimeSeconds(epoch);
        string[] commit = Git(root, "log", "-1", "--format=%ct %h", "--abbrev=12").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (date is null && commit.Length == 2 && long.TryParse(commit[0], CultureInfo.InvariantCulture, out long committed))
            date = DateTimeOffset.FromUnixTimeSeconds(committed);
        if (version.Length == 0 && commit.Length == 2) version = commit[1];
        return new BuildInfo(version, date);
    }

    /// <summary>The date in French: « 1er décembre 2026 », « 15 mars 2026 ».</summary>
    public string FrenchDate => Date is not { } d ? "" : $"{(d.Day == 1 ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture))}\u00a0{Months[d.Month - 1]}\u00a0{d.Year}";

    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    // git's answer, or empty when git is missing or the folder is not in a repository.
    private static string Git(string root, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            using var git = Process.Start(start)!;
            var errors = git.StandardError.ReadToEndAsync();
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            _ = errors.Result;
            return git.ExitCode == 0 ? output.Trim() : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // no git on this machine
        }
    }
}
