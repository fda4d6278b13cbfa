using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Site.Pages;

/// <summary>
/// What a code cell's metadata says about the figure its output makes: a caption, an alternative text and a
/// label (the figure's id, for references). Read from <c>metadata.coursenotes.figure</c>
/// (<c>{"caption": …, "alt": …, "label": …}</c>) or, as MyST-NB writes it, <c>metadata.mystnb.figure</c>
/// (<c>caption</c>, <c>name</c>) and <c>metadata.mystnb.image.alt</c>; the first one set wins.
/// </summary>
/// <param name="Caption">Markdown-free caption text, or null.</param>
/// <param name="Alt">What the image shows, in words, or null.</param>
/// <param name="Label">The figure's id (e.g. <c>fig-reconstructions</c>), or null.</param>
public sealed record CellFigure(string? Caption, string? Alt, string? Label)
{
    /// <summary>No metadata.</summary>
    public static readonly CellFigure None = new(null, null, null);

    /// <summary>The figure metadata of <paramref name="cell"/>.</summary>
    public static CellFigure Of(NotebookCell cell)
    {
        var own = cell.Metadata["coursenotes"]?["figure"] as JsonObject;
        var myst = cell.Metadata["mystnb"] as JsonObject;
        return new CellFigure(
            Text(own?["caption"]) ?? Text(myst?["figure"]?["caption"]),
            Text(own?["alt"]) ?? Text(myst?["image"]?["alt"]),
            Text(own?["label"]) ?? Text(myst?["figure"]?["name"]));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
