using CourseNotes.Kernel.Execution;

namespace CourseNotes.Kernel.Tests.Execution;

/// <summary>Routes the process-wide console to the running cell, as the kernel does (once per test process).</summary>
public static class ConsoleRouting
{
    private static readonly object Setup = new();

    /// <summary>Installs the routers if they are not there yet.</summary>
    public static void Install()
    {
        lock (Setup)
        {
            if (Console.Out is not ConsoleRouter) Console.SetOut(new ConsoleRouter("stdout", Console.Out));
            if (Console.Error is not ConsoleRouter) Console.SetError(new ConsoleRouter("stderr", Console.Error));
        }
    }
}
