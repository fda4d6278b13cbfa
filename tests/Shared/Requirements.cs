using System.Diagnostics;

namespace CourseNotes.Tests.Shared;

/// <summary>
/// Checks that need something optional (Debian's python3-nbformat, nbclient, a browser): they skip with
/// a visible reason on a developer's machine and fail in CI, where .ci/run sets COURSENOTES_REQUIRE_ALL=1
/// after installing them.
/// </summary>
public static class Requirements
{
    /// <summary>True when CI demands every optional check.</summary>
    public static bool RequiredByCi => Environment.GetEnvironmentVariable("COURSENOTES_REQUIRE_ALL") == "1";

    /// <summary>Debian's interpreter, which alone sees Debian's Python modules.</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>Skips (locally) or fails (in CI) unless /usr/bin/python3 can import every module.</summary>
    public static void PythonModules(params string[] modules)
    {
        string imports = string.Join("; ", modules.Select(m => $"import {m}"));
        bool present = File.Exists(DebianPython) && Run(DebianPython, ["-c", imports], TimeSpan.FromSeconds(30)).ExitCode == 0;
        if (present) return;
        string reason = $"needs {string.Join(", ", modules)} for {DebianPython} (apt-get install {string.Join(" ", modules.Select(m => "python3-" + m.Replace('_', '-')))})";
        if (RequiredByCi) Assert.Fail($"Required in CI: {reason}");
        Assert.Skip(reason);
    }

    /// <summary>Skips (locally) or fails (in CI) unless <paramref name="present"/>; <paramref name="reason"/> says what is missing and how to install it.</summary>
    public static void That(bool present, string reason)
    {
        if (present) return;
        if (RequiredByCi) Assert.Fail($"Required in CI: {reason}");
        Assert.Skip(reason);
    }

    /// <summary>Runs a program to completion; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{Read(stdout)}{Read(stderr)}");
        }
        // A child the program left running may hold its output open: read what is there, never wait forever.
        return (process.ExitCode, Read(stdout) + Read(stderr));

        static string Read(Task<string> text) => text.Wait(TimeSpan.FromSeconds(10)) ? text.Result : "(output still open: a child process kept it)";
    }
}

/// <summary>Paths in the repository, found from the test's folder.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder holding CourseNotes.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The fixture notebooks folder.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures", "notebooks");


    /// <summary>A copy of fixture files in a new temporary folder (tests never write into the repository).</summary>
    public static string CopyFixtures(params string[] names)
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (string name in names) File.Copy(Path.Combine(Fixtures, name), Path.Combine(folder, name));
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseNotes.sln"))) return dir.FullName;
        throw new InvalidOperationException("CourseNotes.sln not found above " + AppContext.BaseDirectory);
    }
}
