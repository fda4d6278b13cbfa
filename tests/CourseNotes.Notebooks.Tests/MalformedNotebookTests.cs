using System.Text;

namespace CourseNotes.Notebooks.Tests;

/// <summary>Every malformed notebook is a <see cref="NotebookFormatException"/> naming file, cell and line — never another exception later.</summary>
public class MalformedNotebookTests
{
    private const string Head = """{"metadata":{"kernelspec":{"name":".net-csharp","language":"C#","display_name":".NET (C#)"}},"nbformat":4,"nbformat_minor":4,"cells":[""";

    private static string Code(string source, string extra = "") =>
        $$"""{"cell_type":"code","execution_count":null,"metadata":{}{{extra}},"outputs":[],"source":{{source}}}""";

    public static TheoryData<string, string> Cases => new()
    {
        { Head + Code("""["var s = \"\ud800\";\n"]""") + "]}", "x.ipynb, cell 1, line 1: a lone surrogate escape" },
        { Head + """{"cell_type":"markdown","metadata":{},"source":["ok\n","fin \udc00"]}""" + "]}", "x.ipynb, cell 1, line 2: a lone surrogate escape" },
        { Head + Code("\"a\\nb\\n\\ud800 c\"") + "]}", "x.ipynb, cell 1, line 3: a lone surrogate escape" },
        { Head + Code("[]").Replace("\"outputs\":[]", "\"outputs\":[{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"\\ud800\"}]") + "]}", "x.ipynb, cell 1: a lone surrogate escape" },
        { Head + Code("[1]") + "]}", "x.ipynb, cell 1: source line 1 is not text" },
        { Head + Code("{}") + "]}", "x.ipynb, cell 1: the source is neither text nor a list of lines" },
        { Head + Code("[]").Replace("\"execution_count\":null", "\"execution_count\":\"3\"") + "]}", "x.ipynb, cell 1: execution_count is not a whole number" },
        { Head + Code("[]").Replace("\"metadata\":{}", "\"metadata\":{\"tags\":[3]}") + "]}", "x.ipynb, cell 1: metadata.tags is not a list of strings" },
        { Head + Code("[]").Replace("\"outputs\":[]", "\"outputs\":[\"x\"]") + "]}", "x.ipynb, cell 1: outputs is not a list of objects" },
        { """{"metadata":{"kernelspec":"csharp"},"nbformat":4,"nbformat_minor":4,"cells":[]}""", "x.ipynb: metadata.kernelspec is not an object with a name" },
        { """{"metadata":{},"nbformat":"4","nbformat_minor":4,"cells":[]}""", "x.ipynb: nbformat 0 is not supported" },
        { """{"metadata":{"title":"\udfff"},"nbformat":4,"nbformat_minor":4,"cells":[]}""", "x.ipynb: a lone surrogate escape" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_notebook_is_named(string json, string message)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json, "x.ipynb"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void A_surrogate_pair_is_a_character()
    {
        var notebook = Notebook.Parse(Head + Code("""["var s = \"\ud83d\ude00\";\n"]""") + "]}", "x.ipynb");
        Assert.Contains("😀", notebook.Cells[0].Source);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_or_a_folder_is_named()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "x.ipynb"));
        Assert.Contains("this is a folder, not a notebook", Assert.Throws<NotebookFormatException>(() => Notebook.Load(Path.Combine(folder, "x.ipynb"))).Message);
        string latin1 = Path.Combine(folder, "latin1.ipynb");
        File.WriteAllBytes(latin1, [.. Encoding.UTF8.GetBytes("{\n\"a\": \""), 0xE9, .. Encoding.UTF8.GetBytes("\"}")]);
        Assert.Contains("latin1.ipynb, line 2: not UTF-8 text: byte 0xE9", Assert.Throws<NotebookFormatException>(() => Notebook.Load(latin1)).Message);
    }

    [Theory]
    [InlineData("python3", "python", "the notebook's kernelspec is \"python3\" (language python), not C#")]
    [InlineData(".net-fsharp", "F#", "not C#")]
    [InlineData("ir", null, "the notebook's kernelspec is \"ir\", not C#")]
    public void A_notebook_in_another_language_is_refused(string name, string? language, string message)
    {
        string spec = language is null ? $$"""{"name":"{{name}}"}""" : $$"""{"name":"{{name}}","language":"{{language}}"}""";
        var notebook = Notebook.Parse($$"""{"metadata":{"kernelspec":{{spec}}},"nbformat":4,"nbformat_minor":4,"cells":[]}""", "x.ipynb");
        Assert.Contains(message, Assert.Throws<NotebookFormatException>(notebook.EnsureCSharp).Message);
    }

    [Theory]
    [InlineData(".net-csharp", "C#")]
    [InlineData("coursenotes-csharp", "csharp")]
    [InlineData(".net-csharp", null)]
    public void A_CSharp_notebook_is_accepted(string name, string? language)
    {
        string spec = language is null ? $$"""{"name":"{{name}}"}""" : $$"""{"name":"{{name}}","language":"{{language}}"}""";
        Notebook.Parse($$"""{"metadata":{"kernelspec":{{spec}}},"nbformat":4,"nbformat_minor":4,"cells":[]}""", "x.ipynb").EnsureCSharp();
    }
}
