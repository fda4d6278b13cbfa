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

    /// <summary>The display name shown in kernel pickers.</summary>
    public const string DisplayName = "C# (CourseNotes)";

    /// <summary>
    /// Writes <c>kernel.json</c> and the logos into <paramref name="kernelsDirectory"/>/<paramref name="name"/> and
    /// returns its folder. Two checkouts install under two names (<c>--name</c>), so neither overwrites the other's
    /// kernelspec (which names the kernel assembly of its own checkout).
    /// </summary>
    /// <param name="kernelsDirectory">A Jupyter kernels folder (e.g. <see cref="UserKernelsDirectory"/>).</param>
    /// <param name="name">The kernelspec name: letters, digits, '.', '_' or '-' (Jupyter's rule).</param>
    /// <param name="displayName">The name kernel pickers show.</param>
    public static string Install(string kernelsDirectory, string name = Name, string displayName = DisplayName)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"the kernelspec name '{name}' may hold only ASCII letters, digits, '.', '_' and '-'.", nameof(name));
        string folder = Path.Combine(kernelsDirectory, name);
        Directory.CreateDirectory(folder);
        string assembly = typeof(Kernelspec).Assembly.Location;
        foreach (string logo in new[] { "logo-32x32.png", "logo-64x64.png", "logo-svg.svg" })
        {
            using var resource = typeof(Kernelspec).Assembly.GetManifestResourceStream("logo/" + logo)!;
            using var file = File.Create(Path.Combine(folder, logo));
            resource.CopyTo(file);
        }
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray("dotnet", assembly, "--connection-file", "{connection_file}"),
            ["display_name"] = displayName,
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject(),
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }
}
