namespace CourseNotes.Runner.Tests;

/// <summary>Every command-line mistake: a message that names it, exit code 2, the usage, never a stack trace; nothing runs.</summary>
public class UsageTests
{
    private static readonly string Notebook = RunnerFixture.Copy("kernel-features.ipynb", "helper.csx");

    public static TheoryData<string[], string> Mistakes => new()
    {
        { [], "usage: CourseNotes.Runner" },
        { ["frobnicate"], "unknown command frobnicate" },
        { ["kernel"], "unknown command kernel" }, // the kernel is its own program (kernel/CourseNotes.Kernel.dll), not a runner command
        { ["execute"], "no notebook given" },
        { ["execute", "--bogus", Notebook], "unknown option --bogus" },
        { ["execute", Notebook, "--output-dir"], "--output-dir needs a value" },
        { ["execute", "--output-dir", "", Notebook], "--output-dir needs a value" },
        { ["execute", "--in-place", "--output-dir", "x", Notebook], "--in-place and --output-dir exclude each other" },
        { ["execute", "--timeout", "-1", Notebook], "--timeout needs a number of seconds above 0" },
        { ["execute", "--timeout", "0", Notebook], "--timeout needs a number of seconds above 0" },
        { ["execute", "--timeout", "abc", Notebook], "got abc" },
        { ["execute", "--timeout", "Infinity", Notebook], "got Infinity" },
        { ["execute", "--timeout", "NaN", Notebook], "got NaN" },
        { ["execute", "--timeout", "1e9", Notebook], "at most 86400" },
        { ["execute", "--parallel", "0", Notebook], "--parallel needs a whole number from 1 to 64, got 0" },
        { ["execute", "--parallel", "2.5", Notebook], "got 2.5" },
        { ["execute", "--parallel", "99999999999", Notebook], "got 99999999999" },
        { ["execute", "-p", "1x=2", Notebook], "the parameter name \"1x\" is not a C# identifier" },
        { ["execute", "-p", "class=2", Notebook], "the parameter name \"class\" is not a C# identifier" },
        { ["execute", "-p", "=2", Notebook], "the parameter name \"\" is not a C# identifier" },
        { ["execute", "-p", "novalue", Notebook], "-p takes NAME=VALUE, got novalue" },
        { ["execute", "-p", "a=1", "-p", "a=2", Notebook], "the parameter a is given twice" },
        { ["execute", Notebook, Notebook], "a notebook is given twice" },
        { ["execute", "--config", "verify.json", Notebook], "--config does not apply to execute" },
        { ["verify", "--config", "no-such-config.json", Notebook], "--config no-such-config.json: no such file" },
        { ["verify", "--in-place", Notebook], "--in-place does not apply to verify" },
        { ["verify", "-p", "a=1", Notebook], "-p does not apply to verify" },
        { ["accept", "--force", Notebook], "--force does not apply to accept" },
        { ["student", "--force", Notebook], "--force does not apply to student" },
        { ["bench", "--cells", "5"], "--cells needs a whole number from 10 to 100000, got 5" },
        { ["bench", "--cells", "x"], "got x" },
        { ["bench", "--frobnicate"], "unknown option --frobnicate" },
        { ["install-kernel", "--dir"], "--dir needs a value" },
        { ["install-kernel", "stray"], "unexpected argument stray" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_named_and_exits_2(string[] args, string message)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = RunnerCommand.Run(args, output, errors);
        string said = errors.ToString();
        Assert.True(code == 2, $"exit {code}: {said}{output}");
        Assert.Contains(message, said);
        Assert.Contains("usage: CourseNotes.Runner", said);
        Assert.DoesNotContain("Exception", said);
        Assert.DoesNotContain("   at ", said);
        Assert.Equal("", output.ToString()); // nothing ran
    }

    [Fact]
    public void Help_is_not_a_mistake()
    {
        var output = new StringWriter();
        Assert.Equal(0, RunnerCommand.Run(["--help"], output, output));
        Assert.Contains("usage: CourseNotes.Runner", output.ToString());
    }
}
