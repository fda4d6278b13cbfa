using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Runner;

/// <summary>
/// papermill-style parameters: values given on the command line become a cell tagged
/// <c>injected-parameters</c>, placed after the cell tagged <c>parameters</c> (or first when there is
/// none), whose declarations shadow the defaults. Numbers and true/false keep their type; anything
/// else becomes a string.
/// </summary>
public static class Parameters
{
    /// <summary>Inserts the injected cell into <paramref name="notebook"/>'s JSON (its cell list is re-read by the caller).</summary>
    public static Notebook Inject(Notebook notebook, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0) return notebook;
        var code = new StringBuilder("// Paramètres injectés\n");
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!IsValidName(name))
                throw new ArgumentException($"the parameter name {name} is not a C# identifier.", nameof(values));
            code.Append($"var {name} = {Literal(value)};\n");
        }
        var cells = (JsonArray)notebook.Json["cells"]!;
        int after = notebook.Cells.ToList().FindIndex(c => c.HasTag(CellTag.Parameters));
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray("injected-parameters"),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = NotebookText.Split(code.ToString().TrimEnd('\n')),
        };
        cells.Insert(after + 1, cell);
        return Notebook.Parse(notebook.Json.ToJsonString(), notebook.Path);
    }

    /// <summary>True when <paramref name="name"/> can name a parameter: a C# identifier that is not a reserved keyword.</summary>
    public static bool IsValidName(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name)
        && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;

    /// <summary>The C# literal for a command-line value.</summary>
    public static string Literal(string value)
    {
        if (value is "true" or "false") return value;
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return value;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
            return number.ToString("R", CultureInfo.InvariantCulture) + (value.Contains('.') || value.Contains('e') || value.Contains('E') ? "" : ".0");
        return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
