using System.Text.Json.Nodes;

namespace CourseNotes.Notebooks;

/// <summary>nbformat's "multiline string": a string, or a list of strings to concatenate.</summary>
public static class NotebookText
{
    /// <summary>The text of a multiline string (null or missing gives "").</summary>
    public static string Join(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => (string?)l ?? "")),
        _ => (string?)node ?? "",
    };

    /// <summary>The list of lines nbformat writers store: each line keeps its "\n", the last may lack one.</summary>
    public static JsonArray Split(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
