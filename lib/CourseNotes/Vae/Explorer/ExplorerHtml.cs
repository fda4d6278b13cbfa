using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseNotes.Vae.Explorer;

/// <summary>
/// The explorer's one HTML fragment: its element (unique id), the static picture (shown until the script starts, and for
/// good where scripts do not run or are stripped: GitHub's preview, an untrusted notebook), the controls (a latent plane
/// or sliders, labelled in French, hidden until the script starts), the decoded image, its data as a JSON script, and the
/// page script (explorer.js, embedded in the library) called with the id. Inline styles only: the site drops
/// &lt;style&gt; blocks from outputs, and nothing is loaded from elsewhere.
/// </summary>
internal static class ExplorerHtml
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(ExplorerHtml).Assembly.GetManifestResourceStream("CourseNotes.Vae.Explorer.explorer.js")
            ?? throw new InvalidOperationException("the library lacks its embedded explorer.js.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Comment lines are for the reader of the source, not for the page.
        var lines = reader.ReadToEnd().Replace("\r\n", "\n").Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return string.Join("\n", lines).Trim();
    });

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The fragment for the explorer <paramref name="id"/> with its <paramref name="data"/>.</summary>
    /// <param name="id">The element's id, unique on the page.</param>
    /// <param name="data">What explorer.js reads (weights, start, box, plane or sliders, reference decodes).</param>
    /// <param name="title">The group's accessible name.</param>
    /// <param name="sliders">For the sliders mode: (position among the free coordinates, coordinate of h, label, lower, upper) of each slider; empty for the plane.</param>
    /// <param name="legend">For the plane: (class name, colour) of each class.</param>
    /// <param name="picture">The static picture's PNG bytes.</param>
    /// <param name="pictureAlt">What the static picture shows (French).</param>
    internal static string Render(string id, JsonObject data, string title, IReadOnlyList<(int Position, int Coordinate, string Label, double Lower, double Upper)> sliders,
        IReadOnlyList<(string Name, string Colour)> legend, byte[] picture, string pictureAlt)
    {
        var html = new StringBuilder();
        html.Append($"<div id=\"{id}\" class=\"latent-explorer\" role=\"group\" aria-label=\"{E(title)}\" style=\"font:14px/1.4 sans-serif;margin:0.5em 0\">");
        // The picture's 28-pixel images are shown at twice their size (its width is in the PNG header), never wider than the page.
        int shownWidth = 2 * BinaryPrimitives.ReadInt32BigEndian(picture.AsSpan(16, 4));
        html.Append($"<img class=\"latent-explorer-fallback\" alt=\"{E(pictureAlt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(picture)}\" width=\"{shownWidth}\" style=\"max-width:100%;height:auto;image-rendering:pixelated\">");
        html.Append("<div class=\"latent-explorer-live\" hidden style=\"display:none;flex-wrap:wrap;gap:1em;align-items:flex-start\">");
        if (sliders.Count == 0)
        {
            html.Append("<div style=\"max-width:300px\">");
            html.Append($"<canvas class=\"latent-explorer-plane\" width=\"300\" height=\"300\" tabindex=\"0\" role=\"application\" aria-label=\"Plan latent (h₁ horizontal, h₂ vertical)\u00A0: faites glisser le point, ou déplacez-le avec les flèches (Maj\u00A0: pas de 0,5)\" style=\"width:300px;height:300px;touch-action:none;cursor:crosshair;border:1px solid #888\"></canvas>");
            html.Append("<ul aria-label=\"Légende\u00A0: la classe de chaque code de test\" style=\"list-style:none;margin:0.25em 0;padding:0;display:flex;flex-wrap:wrap;gap:0 0.8em;font-size:12px\">");
            foreach (var (name, colour) in legend)
                html.Append($"<li><span aria-hidden=\"true\" style=\"display:inline-block;width:0.7em;height:0.7em;margin-right:0.3em;background:{colour}\"></span>{E(name)}</li>");
            html.Append("</ul></div>");
        }
        html.Append("<div>");
        html.Append("<canvas class=\"latent-explorer-image\" width=\"28\" height=\"28\" role=\"img\" aria-label=\"Image décodée\" style=\"width:168px;height:168px;image-rendering:pixelated;border:1px solid #888;background:#000\"></canvas>");
        html.Append("<div class=\"latent-explorer-status\" aria-live=\"polite\" style=\"max-width:300px\"></div>");
        if (sliders.Count > 0)
        {
            html.Append("<div style=\"display:grid;grid-template-columns:auto 12em 3.5em;gap:0.2em 0.5em;align-items:center;margin-top:0.5em\">");
            for (int n = 0; n < sliders.Count; n++)
            {
                var (position, coordinate, label, lower, upper) = sliders[n];
                string sliderId = $"{id}-h{coordinate + 1}";
                html.Append($"<label for=\"{sliderId}\">{E(label)}</label>");
                html.Append(FormattableString.Invariant($"<input type=\"range\" class=\"latent-explorer-slider\" id=\"{sliderId}\" data-coordinate=\"{position}\" min=\"{lower:R}\" max=\"{upper:R}\" step=\"any\">"));
                html.Append("<output></output>");
            }
            html.Append("</div>");
        }
        html.Append("</div>");
        html.Append($"<p style=\"flex-basis:100%;margin:0;font-size:12px\">{(sliders.Count == 0 ? "Faites glisser le point sur le plan, ou sélectionnez-le au clavier (touche Tab) et utilisez les flèches (Maj\u00A0: pas plus grand)." : "Chaque curseur change une coordonnée\u202F; les flèches la déplacent de 0,1, Page précédente et Page suivante de 0,5.")} L’image est décodée dans la page, par le décodeur entraîné (poids sur 8 bits).</p>");
        html.Append("</div>");
        // "</" cannot appear inside a script element: escape it in the JSON text.
        html.Append($"<script type=\"application/json\" class=\"latent-explorer-data\">{data.ToJsonString(Json).Replace("</", "<\\/")}</script>");
        html.Append($"<script>{Script.Value}(\"{id}\");</script>");
        html.Append("</div>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
