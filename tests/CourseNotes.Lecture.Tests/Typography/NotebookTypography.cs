using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>
/// Checks a whole notebook against <see cref="FrenchTypography"/>: the prose of its markdown cells
/// (<see cref="MarkdownProse"/>), the French string literals and comments of its code cells
/// (<see cref="CSharpProse"/>, <see cref="FrenchText"/>) and the French lines of its text outputs (stream
/// text and text/plain). Each fault names the notebook, the cell (c0 is the first, as the reviews count),
/// where in the cell, the line and column (from 1), the rule, and the text around it with the no-break
/// spaces made visible.
/// </summary>
public static class NotebookTypography
{
    /// <summary>The faults of <paramref name="notebook"/>, each as one line of text; <paramref name="name"/> names it.</summary>
    public static IEnumerable<string> Faults(Notebook notebook, string name)
    {
        for (int index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            string source = cell.Source;
            if (cell.CellType == "markdown")
            {
                string[] lines = source.Split('\n');
                string[] prose = MarkdownProse.Hide(source, bibliography: source.StartsWith("## Références", StringComparison.Ordinal)).Split('\n');
                for (int l = 0; l < prose.Length; l++)
                    foreach (var fault in FrenchTypography.Check(prose[l]))
                        yield return Describe(name, index, "markdown", l + 1, lines[l], fault);
            }
            if (cell.CellType != "code") continue;
            foreach (var text in CSharpProse.Read(source).Where(t => FrenchText.IsFrench(t.Text)))
                foreach (var (line, piece) in text.Lines)
                    foreach (var fault in FrenchTypography.Check(piece, numbers: !text.IsComment, inCode: true))
                        yield return Describe(name, index, text.IsComment ? "comment" : "string", line, piece, fault);
            for (int o = 0; o < cell.Outputs.Count; o++)
            {
                string[] lines = OutputText(cell.Outputs[o]).Split('\n');
                for (int l = 0; l < lines.Length; l++)
                    if (FrenchText.IsFrench(lines[l]))
                        foreach (var fault in FrenchTypography.Check(lines[l]))
                            yield return Describe(name, index, $"output {o}", l + 1, lines[l], fault);
            }
        }
    }

    /// <summary>A stream's text, or the text/plain of a display or result; empty for anything else.</summary>
    private static string OutputText(JsonNode? output) => (string?)output?["output_type"] switch
    {
        "stream" => NotebookText.Join(output!["text"]),
        "display_data" or "execute_result" => NotebookText.Join(output!["data"]?["text/plain"]),
        _ => "",
    };

    private static string Describe(string name, int cell, string where, int line, string text, TypographyFault fault)
    {
        int from = Math.Max(0, fault.Column - 24), to = Math.Min(text.Length, fault.Column + 16);
        string around = text[from..to].Replace("\u00A0", "⟨U+00A0⟩").Replace("\u202F", "⟨U+202F⟩").Replace(FrenchTypography.Hidden.ToString(), "{…}");
        return $"{name} c{cell} {where}, line {line}, column {fault.Column + 1}: {fault.Rule}: « {around} »";
    }
}
