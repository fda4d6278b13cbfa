using CourseNotes.Jupyter;
using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Lifetime;
using CourseNotes.Kernel.Protocol;

namespace CourseNotes.Kernel;

/// <summary>
/// The kernel's command line (the kernel is its own program; the runner, like any Jupyter client, starts
/// <c>dotnet CourseNotes.Kernel.dll</c>):
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

        if (ServeArguments(args, out string? failure) is not { } serve)
        {
            Console.Error.WriteLine($"{failure}\n\n{Usage}");
            return 2;
        }
        var (connectionFile, workingDirectory) = serve;
        SocketCompletions.KeepOffThePool(); // before the first socket: the kernel's messages never wait for the thread pool

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

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: CourseNotes.Kernel --connection-file FILE [--working-directory DIR]   serve a Jupyter client (also -f FILE, or a bare FILE.json)
               CourseNotes.Kernel install [--dir KERNELS_DIR] [--name NAME] [--display-name TEXT]
               CourseNotes.Kernel bench-completion [--cells N]
        """;

    /// <summary>
    /// Reads the options of serving, as Jupyter clients pass them (<c>--connection-file FILE</c>, <c>-f FILE</c> or a bare
    /// <c>FILE.json</c>); relative <c>#r</c> and <c>#!import</c> paths resolve against the working directory (the notebook's
    /// folder, where clients start kernels). Null, with <paramref name="failure"/> naming the mistake, for an unknown option, a
    /// missing value, a connection file or folder that does not exist.
    /// </summary>
    public static (string ConnectionFile, string WorkingDirectory)? ServeArguments(string[] args, out string? failure)
    {
        string? file = null, folder = null;
        failure = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith('-') && arg.EndsWith(".json", StringComparison.Ordinal)) { file = arg; continue; }
            if (arg is not ("--connection-file" or "-f" or "--working-directory"))
            {
                failure = arg.StartsWith('-') ? $"unknown option {arg}" : $"unexpected argument {arg}";
                return null;
            }
            if (i + 1 >= args.Length || args[i + 1].Length == 0)
            {
                failure = $"{arg} needs a value";
                return null;
            }
            if (arg == "--working-directory") folder = args[++i];
            else file = args[++i];
        }
        failure = file is null ? "the kernel needs --connection-file FILE"
            : !File.Exists(file) ? $"--connection-file {file}: no such file"
            : folder is not null && !Directory.Exists(folder) ? $"--working-directory {folder}: no such folder"
            : null;
        return failure is null ? (file!, folder ?? Environment.CurrentDirectory) : null;
    }

    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
