using System.Text.Json;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Runner.Tests;

/// <summary>
/// The runner is a Jupyter client (as nbclient is one through jupyter_client, never importing ipykernel): it
/// shares the protocol with the kernel, never the kernel's code, and starts the kernel as its own program.
/// </summary>
public class KernelLauncherTests
{
    private static readonly string[] KernelAssemblyNames = ["CourseNotes.Kernel"];

    [Fact]
    public void The_runner_assembly_does_not_reference_the_kernel_assembly()
    {
        var referenced = typeof(RunnerCommand).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("CourseNotes.Jupyter", referenced); // what it does share: the protocol
        Assert.Contains("CourseNotes.Notebooks", referenced);
        Assert.True(!referenced.Intersect(KernelAssemblyNames).Any(), $"the runner references the kernel's assembly: {string.Join(", ", referenced)}");
    }

    [Fact]
    public void The_runners_dependencies_do_not_name_the_kernel()
    {
        // The runner's own deps.json, copied beside it with every referencing project (this one included).
        string deps = Path.ChangeExtension(typeof(RunnerCommand).Assembly.Location, ".deps.json");
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
        Assert.Contains("CourseNotes.Jupyter", libraries);
        Assert.DoesNotContain("CourseNotes.Kernel", libraries);
    }

    [Fact]
    public void The_kernel_runs_as_its_own_program_beside_the_runner()
    {
        var launcher = KernelLauncher.Beside();
        Assert.Equal("dotnet", launcher.FileName);
        string kernel = Assert.Single(launcher.Arguments);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(typeof(RunnerCommand).Assembly.Location)!, "kernel", "CourseNotes.Kernel.dll"), Path.GetFullPath(kernel));
        Assert.True(File.Exists(Path.ChangeExtension(kernel, ".runtimeconfig.json")), "the kernel's build is placed beside the runner as a whole program (runtimeconfig.json, deps.json)");
        Assert.True(File.Exists(Path.ChangeExtension(kernel, ".deps.json")));

        using var client = KernelClient.Start(launcher, Repository.CopyFixtures(), TimeSpan.FromMinutes(5));
        var printed = new List<string>();
        var reply = client.Execute("Console.Write(System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name);", TimeSpan.FromMinutes(5),
            message => { if (message.Type == "stream") printed.Add((string)message.Content["text"]!); });
        Assert.Equal("ok", (string?)reply?["status"]);
        Assert.Equal("CourseNotes.Kernel", string.Concat(printed));
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => KernelAssemblyNames.Contains(a.GetName().Name));
    }

    [Fact]
    public void Install_kernel_writes_a_kernelspec_that_starts_the_same_kernel_program()
    {
        string kernels = Repository.CopyFixtures();
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.True(RunnerCommand.Run(["install-kernel", "--dir", kernels, "--name", "coursenotes-test", "--display-name", "C# (test)"], output, errors) == 0, $"{output}{errors}");
        Assert.Contains("Installed kernelspec coursenotes-test", output.ToString());
        string folder = Path.Combine(kernels, "coursenotes-test");
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")));
        var argv = spec.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["dotnet", KernelLauncher.Beside().Arguments[0], "--connection-file", "{connection_file}"], argv);
        Assert.Equal("C# (test)", spec.RootElement.GetProperty("display_name").GetString());
        Assert.True(File.Exists(Path.Combine(folder, "logo-64x64.png")));
    }
}
