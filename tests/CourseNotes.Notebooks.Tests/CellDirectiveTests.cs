namespace CourseNotes.Notebooks.Tests;

/// <summary>The one grammar of a C# cell's directive lines, which the kernel runs and the runner's cache hashes.</summary>
public class CellDirectiveTests
{
    public static TheoryData<string, CellDirectiveKind, string, string?> Directives => new()
    {
        { "#r \"../artifacts/lib/CourseNotes.dll\"", CellDirectiveKind.AssemblyReference, "../artifacts/lib/CourseNotes.dll", null },
        { "  #r   \"c d.dll\"  \r", CellDirectiveKind.AssemblyReference, "c d.dll", null },
        { "#r \"nuget: TorchSharp-cpu, 0.107.0\"", CellDirectiveKind.PackageReference, "TorchSharp-cpu", "0.107.0" },
        { "#r \"nuget:MathNet.Numerics\"", CellDirectiveKind.PackageReference, "MathNet.Numerics", null },
        { "#i \"nuget: https://example.org/v3/index.json\"", CellDirectiveKind.PackageSource, "", null },
        { "#!import \"dossier/b.ipynb\"", CellDirectiveKind.Magic, "import", "dossier/b.ipynb" },
        { "#!import c d.cs  ", CellDirectiveKind.Magic, "import", "c d.cs" },
        { "#!time", CellDirectiveKind.Magic, "time", null },
        { "#!", CellDirectiveKind.Magic, "", null },
    };

    [Theory]
    [MemberData(nameof(Directives))]
    public void A_directive_line_is_read(string line, CellDirectiveKind kind, string name, string? argument)
    {
        Assert.Equal(new CellDirective(kind, name, argument), CellDirective.Read(line));
    }

    [Theory]
    [InlineData("var x = 1;")]
    [InlineData("// #!import non.csx")]
    [InlineData("#region Aide")]
    [InlineData("#r \"nuget:\"")] // no package name: left to Roslyn, which reports it
    public void A_line_of_code_is_no_directive(string line)
    {
        Assert.Null(CellDirective.Read(line));
    }

    [Fact]
    public void Import_and_assembly_paths_are_read_from_a_cell_as_written()
    {
        const string cell = "#!import a.csx\n  #!import \"dossier/b.ipynb\"\r\n#!import c d.cs\n// #!import non.csx\n#!time\n#r \"lib/A.dll\"\n#r \"nuget: Plotly.NET\"\nvar x = 1;";
        Assert.Equal(["a.csx", "dossier/b.ipynb", "c d.cs"], CellDirective.ImportPaths(cell));
        Assert.Equal(["lib/A.dll"], CellDirective.AssemblyPaths(cell));
    }

    [Fact]
    public void A_markdown_cell_imports_nothing()
    {
        Assert.True(CellDirective.IsMarkdownCell("#!markdown\n#!import a.csx"));
        Assert.Empty(CellDirective.ImportPaths("#!markdown\n#!import a.csx"));
        Assert.False(CellDirective.IsMarkdownCell("var x = 1;\n#!markdown"));
    }
}
