using CourseNotes.Kernel;
using CourseNotes.Kernel.Execution;
using CourseNotes.Kernel.Protocol;

// CourseNotes.Kernel --connection-file FILE [--working-directory DIR]   serve a Jupyter client
// CourseNotes.Kernel install [--dir KERNELS_DIR]                        install the kernelspec for the user
if (args is ["install", ..])
{
    string directory = Option(args, "--dir") ?? Kernelspec.UserKernelsDirectory();
    Console.WriteLine($"Installed kernelspec {Kernelspec.Name} in {Kernelspec.Install(directory)}");
    return 0;
}

string? connectionFile = Option(args, "--connection-file") ?? Option(args, "-f") ?? args.FirstOrDefault(a => a.EndsWith(".json", StringComparison.Ordinal));
if (connectionFile is null)
{
    Console.Error.WriteLine("usage: CourseNotes.Kernel --connection-file FILE [--working-directory DIR] | install [--dir KERNELS_DIR]");
    return 2;
}

// Relative #r and #!import paths resolve against the notebook's folder: the client starts the kernel there.
string workingDirectory = Option(args, "--working-directory") ?? Environment.CurrentDirectory;
Console.SetOut(new ConsoleRouter("stdout", Console.Out));
Console.SetError(new ConsoleRouter("stderr", Console.Error));
var engine = new ScriptEngine(workingDirectory, PackageCatalog.ForThisKernel());
using var kernel = new JupyterKernel(ConnectionInfo.Load(connectionFile), engine);
kernel.Run();
return 0;

static string? Option(string[] args, string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
