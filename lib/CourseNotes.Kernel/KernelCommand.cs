using CourseNotes.Jupyter;
using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Lifetime;
using CourseNotes.Kernel.Protocol;

namespace CourseNotes.Kernel;

/// <summary>
/// The kernel's command line, shared by the kernel executable and the runner (which starts itself as
/// the kernel process):
/// <c>--connection-file FILE [--working-directory DIR]</c> serves a Jupyter client (until a shutdown request,
/// SIGTERM, or the death of the parent process named in the environment: see <see cref="KernelExit"/>);
/// <c>install [--dir KERNELS_DIR] [--name NAME] [--display-name TEXT]</c> installs the kernelspec for the user;
/// <c>bench-completion [--cells N]</c> prints the completion latency on an N-cell state.
/// </summary>
public static class KernelCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        if (args is ["install", ..])
        {
            string directory = Option(args, "--dir") ?? Kernelspec.UserKernelsDirectory();
            string name = Option(args, "--name") ?? Kernelspec.Name;
            try
            {
                string folder = Kernelspec.Install(directory, name, Option(args, "--display-name") ?? Kernelspec.DisplayName);
                Console.WriteLine($"Installed kernelspec {name} in {folder}");
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"install: {e.Message.Split(" (Parameter")[0]}");
                return 2;
            }
        }

        if (args is ["bench-completion", ..])
            return Editing.CompletionBenchmark.Run(int.TryParse(Option(args, "--cells"), out int cells) && cells > 0 ? cells : 40);

        string? connectionFile = Option(args, "--connection-file") ?? Option(args, "-f")
                                 ?? args.FirstOrDefault(a => a.EndsWith(".json", StringComparison.Ordinal));
        if (connectionFile is null)
        {
            Console.Error.WriteLine("usage: --connection-file FILE [--working-directory DIR] | install [--dir KERNELS_DIR] [--name NAME] [--display-name TEXT]");
            return 2;
        }

        // Relative #r and #!import paths resolve against the notebook's folder (clients start kernels there).
        string workingDirectory = Option(args, "--working-directory") ?? Environment.CurrentDirectory;
        Console.SetOut(new ConsoleRouter("stdout", Console.Out));
        Console.SetIn(new InputReader());
        Console.SetError(new ConsoleRouter("stderr", Console.Error));
        var exit = new KernelExit(connectionFile);
        exit.Watch();
        var engine = new ScriptEngine(workingDirectory, PackageCatalog.ForCourseLibrary());
        using (var kernel = new JupyterKernel(ConnectionInfo.Load(connectionFile), engine, connectionFile))
            kernel.Run();
        exit.CleanUp();
        return 0;
    }

    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
