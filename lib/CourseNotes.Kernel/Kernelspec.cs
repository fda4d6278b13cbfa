using System.Text.Json.Nodes;
using System.Text.Json;
using CourseNotes.Notebooks;

namespace CourseNotes.Kernel;

/// <summary>
/// The Jupyter kernelspec of this kernel (name <c>coursenotes-csharp</c>), which VS Code's Jupyter
/// extension, JupyterLab and nbclient use to start it. Installing never touches another kernelspec,
/// the .NET Interactive one (<c>.net-csharp</c>) included.
/// </summary>
public static class Kernelspec
{
    /// <summary>The kernelspec name.</summary>
    public const string Name = KernelspecNames.CourseNotes;

    /// <summary>The user's Jupyter kernels folder: $JUPYTER_DATA_DIR/kernels, else the platform's default.</summary>
    public static string UserKernelsDirectory()
    {
        string? data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (string.IsNullOrEmpty(data))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            data = OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter")
                : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Jupyter")
                : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share"), "jupyter");
        }
        return Path.Combine(data, "kernels");
    }

    /// <summary>Writes <c>kernel.json</c> into <paramref name="kernelsDirectory"/>/coursenotes-csharp and returns its folder.</summary>
    public static string Install(string kernelsDirectory)
    {
        string folder = Path.Combine(kernelsDirectory, Name);
        Directory.CreateDirectory(folder);
        string assembly = typeof(Kernelspec).Assembly.Location;
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray("dotnet", assembly, "--connection-file", "{connection_file}"),
            ["display_name"] = "C# (CourseNotes)",
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject(),
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }
}
