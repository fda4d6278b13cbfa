using System.Text.RegularExpressions;

namespace CourseNotes.Notebooks;

/// <summary>The kinds of directive line a C# cell may hold.</summary>
public enum CellDirectiveKind
{
    /// <summary><c>#r "file.dll"</c>: Roslyn's own reference directive (the path relative to the notebook's folder).</summary>
    AssemblyReference,

    /// <summary><c>#r "nuget: Name, Version"</c>: a package reference (the version is optional).</summary>
    PackageReference,

    /// <summary><c>#i "nuget: source"</c>: a package source.</summary>
    PackageSource,

    /// <summary><c>#!command argument</c>: a magic command (<c>#!import path</c>, <c>#!time</c>, <c>#!markdown</c>…).</summary>
    Magic,
}

/// <summary>
/// One directive line of a C# cell, as Polyglot's C# kernel writes them: the grammar that the kernel (which
/// carries them out) and the runner (whose execution cache hashes the files they name) read alike, defined
/// once here. It is a fact of the notebooks' cell language, not of the Jupyter protocol, which carries a cell's
/// code as opaque text (jupyter_client knows no magic). Whether a magic is supported is the kernel's business:
/// any <c>#!word</c> line is a <see cref="CellDirectiveKind.Magic"/> here.
/// </summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Name">The file of <c>#r "file"</c>; the package of <c>#r "nuget: …"</c>; the command of <c>#!…</c> (without <c>#!</c>; empty for a bare <c>#!</c>); empty for <c>#i</c>.</param>
/// <param name="Argument">The version of <c>#r "nuget: Name, Version"</c>; the rest of a <c>#!command</c> line, trimmed, quotes around it removed; else null.</param>
public sealed partial record CellDirective(CellDirectiveKind Kind, string Name, string? Argument)
{
    /// <summary>The magic that, on a cell's first line, makes the whole cell markdown.</summary>
    public const string Markdown = "markdown";

    /// <summary>The magic that runs a file (.cs, .csx, an .ipynb's code cells) before the cell.</summary>
    public const string Import = "import";

    /// <summary>The directive on <paramref name="line"/> (leading and trailing white space ignored), or null for a line of code.</summary>
    public static CellDirective? Read(string line)
    {
        line = line.Trim();
        if (!line.StartsWith('#')) return null;
        if (PackageReferenceLine().Match(line) is { Success: true } package)
            return new(CellDirectiveKind.PackageReference, package.Groups["name"].Value.Trim(),
                package.Groups["version"].Success ? package.Groups["version"].Value.Trim() : null);
        if (AssemblyReferenceLine().Match(line) is { Success: true } assembly)
            return new(CellDirectiveKind.AssemblyReference, assembly.Groups["path"].Value, null);
        if (PackageSourceLine().IsMatch(line)) return new(CellDirectiveKind.PackageSource, "", null);
        if (!line.StartsWith("#!", StringComparison.Ordinal)) return null;
        string[] words = line[2..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(CellDirectiveKind.Magic, words.Length > 0 ? words[0] : "", words.Length == 2 ? words[1].Trim('"') : null);
    }

    /// <summary>The lines of <paramref name="source"/> (LF or CRLF).</summary>
    public static string[] Lines(string source) => source.Replace("\r\n", "\n").Split('\n');

    /// <summary>True when <paramref name="source"/>'s first line is <c>#!markdown</c>: the cell is markdown, and runs nothing.</summary>
    public static bool IsMarkdownCell(string source) =>
        Read(Lines(source)[0]) is { Kind: CellDirectiveKind.Magic, Name: Markdown };

    /// <summary>The paths of <paramref name="source"/>'s <c>#r "file"</c> directives, as written (package references excluded).</summary>
    public static IEnumerable<string> AssemblyPaths(string source) => Of(source, CellDirectiveKind.AssemblyReference).Select(d => d.Name);

    /// <summary>The files of <paramref name="source"/>'s <c>#!import</c> directives, as written (none in a markdown cell).</summary>
    public static IEnumerable<string> ImportPaths(string source) => IsMarkdownCell(source)
        ? []
        : Of(source, CellDirectiveKind.Magic).Where(d => d is { Name: Import, Argument.Length: > 0 }).Select(d => d.Argument!);

    private static IEnumerable<CellDirective> Of(string source, CellDirectiveKind kind) =>
        Lines(source).Select(Read).OfType<CellDirective>().Where(d => d.Kind == kind);

    [GeneratedRegex("""^#r\s+"(?!nuget:)(?<path>[^"]+)"$""")]
    private static partial Regex AssemblyReferenceLine();

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"]+)(,\s*(?<version>[^"]+))?"$""")]
    private static partial Regex PackageReferenceLine();

    [GeneratedRegex("""^#i\s+"nuget:[^"]*"$""")]
    private static partial Regex PackageSourceLine();
}
