using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests;

/// <summary>The kernel's own command line (it is a program of its own, which Jupyter clients and the runner start alike).</summary>
public class KernelCommandTests
{
    public static TheoryData<string[], string> Mistakes => new()
    {
        { [], "the kernel needs --connection-file FILE" },
        { ["--connection-file", "no-such-connection.json"], "--connection-file no-such-connection.json: no such file" },
        { ["no-such-connection.json"], "--connection-file no-such-connection.json: no such file" },
        { ["--connection-file"], "--connection-file needs a value" },
        { ["--bogus", "1"], "unknown option --bogus" },
        { ["stray"], "unexpected argument stray" },
        { ["-f", typeof(KernelCommandTests).Assembly.Location, "--working-directory", "no-such-folder"], "--working-directory no-such-folder: no such folder" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_named_and_exits_2_before_anything_runs(string[] args, string message)
    {
        Assert.Null(KernelCommand.ServeArguments(args, out string? failure));
        Assert.Equal(message, failure);
        var (code, output) = Requirements.Run("dotnet", [typeof(KernelCommand).Assembly.Location, .. args], TimeSpan.FromMinutes(2));
        Assert.True(code == 2, $"exit {code}: {output}");
        Assert.Contains(message, output);
        Assert.Contains("usage: CourseNotes.Kernel", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void The_connection_file_is_taken_as_Jupyter_clients_pass_it()
    {
        string file = Path.Combine(Repository.CopyFixtures(), "kernel-1.json");
        File.WriteAllText(file, "{}");
        string folder = Path.GetDirectoryName(file)!;
        Assert.Equal((file, folder), KernelCommand.ServeArguments(["--connection-file", file, "--working-directory", folder], out _));
        Assert.Equal((file, folder), KernelCommand.ServeArguments(["-f", file, "--working-directory", folder], out _));
        Assert.Equal((file, Environment.CurrentDirectory), KernelCommand.ServeArguments([file], out string? failure));
        Assert.Null(failure);
    }
}
