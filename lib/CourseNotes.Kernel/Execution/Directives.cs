using CourseNotes.Kernel.Magics;
using CourseNotes.Notebooks;

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
public sealed class Directives
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

    /// <summary>Splits <paramref name="source"/> into code and directives (read with the notebooks' one grammar, <see cref="CellDirective"/>); a bad directive throws <see cref="DirectiveException"/> with its line.</summary>
    public static Directives Parse(string source, PackageCatalog packages)
    {
        var lines = CellDirective.Lines(source);
        var references = new List<string>();
        var imports = new List<string>();
        var magics = new List<string>();
        bool time = false;
        for (int i = 0; i < lines.Length; i++)
        {
            switch (CellDirective.Read(lines[i]))
            {
                case null or { Kind: CellDirectiveKind.AssemblyReference }:
                    continue; // code, or Roslyn's own #r "file": left as it is
                case { Kind: CellDirectiveKind.PackageReference } package:
                    try
                    {
                        references.AddRange(packages.Resolve(package.Name, package.Argument));
                    }
                    catch (ArgumentException e)
                    {
                        throw new DirectiveException(e.Message.Split(" (Parameter")[0], i + 1);
                    }
                    break;
                case { Kind: CellDirectiveKind.PackageSource }:
                    break;
                case { Kind: CellDirectiveKind.Magic, Name: var command, Argument: var argument }:
                    switch (command)
                    {
                        case "time": time = true; break;
                        case "csharp" or "c#" or "C#": break;
                        case CellDirective.Markdown when i == 0:
                            return new Directives { Code = "", References = [], Imports = [], Markdown = string.Join('\n', lines[1..]).Trim('\n') };
                        case "who" or "whos" or "lsmagic" or "about": magics.Add(command); break;
                        case CellDirective.Import when argument is { Length: > 0 }: imports.Add(argument); break;
                        case CellDirective.Import: throw new DirectiveException("#!import needs a file: #!import path/to/file.cs", i + 1);
                        case CellDirective.Markdown: throw new DirectiveException("#!markdown must be the cell's first line (the whole cell is then markdown).", i + 1);
                        default: throw new DirectiveException($"#!{command} is not supported by this C# kernel (it supports {MagicCommand.HashBangNames}; #!lsmagic describes them).", i + 1);
                    }
                    break;
            }
            lines[i] = "";
        }
        return new Directives { Code = string.Join('\n', lines), References = references, Imports = imports, Time = time, Magics = magics };
    }
}

/// <summary>A directive the kernel cannot carry out; <see cref="Line"/> is 1-based within the cell.</summary>
public sealed class DirectiveException(string message, int line) : Exception(message)
{
    /// <summary>The 1-based line of the directive in its cell.</summary>
    public int Line { get; } = line;
}
