using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseNotes.Notebooks;

/// <summary>
/// The checks that let every reader of a notebook trust its fields: a cell's source is text or a list of
/// lines, its metadata an object, its tags strings, its execution count a whole number, its outputs
/// objects; and every string is Unicode text (a lone surrogate escape such as <c>"\ud800"</c> is valid
/// JSON but no character, and would crash a reader later). Each problem throws
/// <see cref="NotebookFormatException"/> naming the file, the cell and, in a source, the line.
/// </summary>
internal static class NotebookSchema
{
    /// <summary>The string value of <paramref name="node"/>, or null when it is missing or not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? StringOf(value) : null;

    /// <summary>The whole-number value of <paramref name="node"/>, or null when it is missing or not a whole number.</summary>
    public static int? WholeNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number) ? number : null;

    // The string, or null when it holds a lone surrogate that System.Text.Json refuses to decode.
    private static string? StringOf(JsonValue value)
    {
        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Checks the fields of one cell (1-based <paramref name="cell"/>).</summary>
    public static void CheckCell(JsonObject json, string path, int cell)
    {
        switch (json["source"])
        {
            case null: break;
            case JsonArray lines:
                for (int i = 0; i < lines.Count; i++)
                {
                    if (lines[i] is not JsonValue line || line.GetValueKind() != JsonValueKind.String)
                        throw new NotebookFormatException(path, $"source line {i + 1} is not text.", cell);
                    if (Problem(line) is { } problem) throw new NotebookFormatException(path, problem, cell, line: i + 1);
                }
                break;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                if (Problem(text) is { } bad)
                    throw new NotebookFormatException(path, bad, cell, line: StringOf(text) is { } s ? 1 + s.AsSpan(0, FirstBadChar(s)).Count('\n') : RawLine(text));
                break;
            default: throw new NotebookFormatException(path, "the source is neither text nor a list of lines.", cell);
        }
        if (json["metadata"] is { } metadata and not JsonObject) throw new NotebookFormatException(path, "the cell's metadata is not an object.", cell);
        if (json["metadata"]?["tags"] is { } tags && (tags is not JsonArray list || list.Any(t => Text(t) is null)))
            throw new NotebookFormatException(path, "metadata.tags is not a list of strings.", cell);
        if (json["execution_count"] is { } count && WholeNumber(count) is null) throw new NotebookFormatException(path, "execution_count is not a whole number.", cell);
        if (json["outputs"] is { } outputs && (outputs is not JsonArray items || items.Any(o => o is not JsonObject)))
            throw new NotebookFormatException(path, "outputs is not a list of objects.", cell);
        CheckText(json, path, cell);
    }

    /// <summary>Checks every string under <paramref name="node"/> (cells are checked on their own, with their number).</summary>
    public static void CheckText(JsonNode? node, string path, int? cell)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json)
                    if (!(cell is null && key == "cells")) CheckText(value, path, cell);
                break;
            case JsonArray list:
                foreach (var item in list) CheckText(item, path, cell);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && Problem(value) is { } problem:
                throw new NotebookFormatException(path, $"{problem} (in {value.GetPath()})", cell);
        }
    }

    private static string? Problem(JsonValue value)
    {
        if (StringOf(value) is not { } text)
            return "a lone surrogate escape (\\uD800 to \\uDFFF without its pair) is not a character; remove it or write the character itself.";
        return FirstBadChar(text) < text.Length
            ? $"a lone surrogate escape (\\u{(int)text[FirstBadChar(text)]:X4} without its pair) is not a character; remove it or write the character itself."
            : null;
    }

    // The line of the first surrogate escape in a string System.Text.Json cannot decode, from its JSON text: the "\n" escapes before it, plus one.
    private static long? RawLine(JsonValue value)
    {
        if (!value.TryGetValue(out JsonElement element)) return null;
        string raw = element.GetRawText(); // as written: no unescaping
        var escape = System.Text.RegularExpressions.Regex.Match(raw, @"\\u[dD][89a-fA-F][0-9a-fA-F]{2}");
        if (!escape.Success) return null;
        return 1 + System.Text.RegularExpressions.Regex.Matches(raw[..escape.Index], @"(?<!\\)(?:\\\\)*\\n").Count;
    }

    // The index of the first unpaired surrogate, or the length when there is none.
    private static int FirstBadChar(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return i;
        }
        return text.Length;
    }
}
