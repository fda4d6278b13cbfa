using System.Text.Json.Nodes;

namespace CourseNotes.Kernel.Execution;

/// <summary>One value in one or more MIME representations, as Jupyter's display_data carries it.</summary>
/// <param name="Data">MIME type → representation (a string, or JSON for JSON types).</param>
/// <param name="Metadata">Per-output metadata (often empty).</param>
public sealed record MimeBundle(JsonObject Data, JsonObject Metadata)
{
    /// <summary>A bundle with one textual representation.</summary>
    public static MimeBundle Of(string mimeType, string text) => new(new JsonObject { [mimeType] = text }, new JsonObject());
}
