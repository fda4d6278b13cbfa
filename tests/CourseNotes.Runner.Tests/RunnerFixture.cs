using CourseNotes.Tests.Shared;

namespace CourseNotes.Runner.Tests;

/// <summary>Runs the runner's command line in-process (each notebook still gets its own kernel process).</summary>
public static class RunnerFixture
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        int code = RunnerCommand.Run(args, output, output);
        return (code, output.ToString());
    }

    /// <summary>Copies fixtures to a temporary folder and returns the copied notebook's path.</summary>
    public static string Copy(string name, params string[] companions)
    {
        string folder = Repository.CopyFixtures([name, .. companions]);
        return Path.Combine(folder, name);
    }
}
