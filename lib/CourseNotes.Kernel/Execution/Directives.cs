using System.Text.RegularExpressions;
using CourseNotes.Kernel.Magics;

namespace CourseNotes.Kernel.Execution;

/// <summary>
/// The cell directives of the Polyglot C# kernel that raw Roslyn does not accept, handled before
/// compiling. Each is replaced by a blank line, so compiler line numbers stay those of the cell:
/// <list type="bullet">
/// <item><c>#r "nuget: Name, Version"</c> → references to the assemblies of a package the course library references, from its published folder (<see cref="PackageCatalog"/>);</item>
/// <item><c>#i "nuget: source"</c> → accepted (no package is ever downloaded at run time);</item>
/// <item><c>#!import path</c> → the file's code (.cs, .csx, or an .ipynb's C# cells) runs before the cell;</item>
/// <item><c>#!time</c> → the cell's wall time is printed after it;</item>
/// <item><c>#!csharp</c> / <c>#!c#</c> → nothing; <c>#!markdown</c> on the first line → the rest of the cell is markdown, shown, not run;</item>
/// <item><c>#!who</c>, <c>#!whos</c>, <c>#!lsmagic</c>, <c>#!about</c> → shown before the cell's code runs (<see cref="Magics"/>).</item>
/// </list>
/// Any other <c>#!</c> command is an error naming the supported ones (<see cref="MagicCommand.All"/>).
/// <c>#r "file.dll"</c> is Roslyn's own directive and is left as it is.
/// </summary>
public sealed partial class Directives
{
    /// <summary>The cell's code with the directives blanked.</summary>
    public required string Code { get; init; }

    /// <summary>Assemblies to reference for this cell (from <c>#r "nuget: …"</c>).</summary>
    public required IReadOnlyList<string> References { get; init; }

    /// <summary>Files to run before the cell (from <c>#!import</c>), as written.</summary>
    public required IReadOnlyList<string> Imports { get; init; }

    /// <summary>True when the cell asked for its wall time (<c>#!time</c>).</summary>
    public bool Time { get; init; }

    /// <summary>True when the cell is markdown (<c>#!markdown</c>) and runs nothing.</summary>
    public bool IsMarkdown => Markdown is not null;

    /// <summary>The markdown of a <c>#!markdown</c> cell (the lines after the directive), or null for a code cell.</summary>
    public string? Markdown { get; init; }

    /// <summary>The display commands of the cell, in order: "who", "whos", "lsmagic", "about".</summary>
    public IReadOnlyList<string> Magics { get; init; } = [];

    /// <summary>Splits <paramref name="source"/> into code and directives; a bad directive throws <see cref="DirectiveException"/> with its line.</summary>
    public static Directives Parse(string source, PackageCatalog packages)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var references = new List<string>();
        var imports = new List<string>();
        var magics = new List<string>();
        bool time = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith('#')) continue;
            if (NuGetReference().Match(line) is { Success: true } nuget)
            {
                try
                {
                    string? version = nuget.Groups["version"].Success ? nuget.Groups["version"].Value.Trim() : null;
                    references.AddRange(packages.Resolve(nuget.Groups["name"].Value.Trim(), version));
                }
                catch (ArgumentException e)
                {
                    throw new DirectiveException(e.Message.Split(" (Parameter")[0], i + 1);
                }
            }
            else if (PackageSource().IsMatch(line)) { }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string[] words = line[2..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string command = words.Length > 0 ? words[0] : "";
                switch (command)
                {
                    case "time": time = true; break;
                    case "csharp" or "c#" or "C#": break;
                    case "markdown" when i == 0:
                        return new Directives { Code = "", References = [], Imports = [], Markdown = string.Join('\n', lines[1..]).Trim('\n') };
                    case "who" or "whos" or "lsmagic" or "about": magics.Add(command); break;
                    case "import" when words.Length == 2: imports.Add(words[1].Trim('"')); break;
                    case "import": throw new DirectiveException("#!import needs a file: #!import path/to/file.cs", i + 1);
                    case "markdown": throw new DirectiveException("#!markdown must be the cell's first line (the whole cell is then markdown).", i + 1);
                    default: throw new DirectiveException($"#!{command} is not supported by this C# kernel (it supports {MagicCommand.HashBangNames}; #!lsmagic describes them).", i + 1);
                }
            }
            else continue;
            lines[i] = "";
        }
        return new Directives { Code = string.Join('\n', lines), References = references, Imports = imports, Time = time, Magics = magics };
    }

    /// <summary>The paths of the cell's <c>#r "file"</c> directives (NuGet references excluded), as written.</summary>
    public static IEnumerable<string> AssemblyPaths(string source) =>
        AssemblyReference().Matches(source).Select(m => m.Groups[1].Value);

    [GeneratedRegex("""^\s*#r\s+"(?!nuget:)([^"]+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex AssemblyReference();

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"]+)(,\s*(?<version>[^"]+))?"\s*$""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^#i\s+"nuget:[^"]*"\s*$""")]
    private static partial Regex PackageSource();
}

/// <summary>A directive the kernel cannot carry out; <see cref="Line"/> is 1-based within the cell.</summary>
public sealed class DirectiveException(string message, int line) : Exception(message)
{
    /// <summary>The 1-based line of the directive in its cell.</summary>
    public int Line { get; } = line;
}
