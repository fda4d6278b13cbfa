using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AngleSharp.Dom;

namespace CourseNotes.Site.Pages;

/// <summary>
/// A live output's inline scripts leave the page (the latent explorer of <c>CourseNotes.Vae.Explorer</c> carries about
/// 470 KB of decoder weights in its data script): they go, in their order, into one file <c>media/live-HASH.js</c> named
/// after its content, and the output gets <c>data-live-script</c> with that address. The site's script appends a
/// <c>&lt;script src&gt;</c> for it to the output when the output comes near the screen (a <c>&lt;script src&gt;</c> loads
/// from <c>file://</c>, where <c>fetch</c> does not). A data script (<c>type="application/json"</c>…) stays where it was,
/// empty, marked <c>data-live-data</c>; the file fills it before the code that follows it runs. The notebook's output is
/// untouched: in VS Code, Jupyter or an nbconvert export it stays one self-contained fragment.
/// </summary>
public static class LiveScripts
{
    /// <summary>The attribute that gives a live output's script file.</summary>
    public const string Attribute = "data-live-script";

    private static readonly JsonSerializerOptions Literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Moves the inline scripts of every live output of <paramref name="document"/> into files under <paramref name="output"/>'s <c>media/</c>.</summary>
    /// <returns>The files written or reused (site-relative addresses).</returns>
    public static IReadOnlyList<string> Externalize(IDocument document, string output)
    {
        var written = new List<string>();
        foreach (var live in document.QuerySelectorAll("div.output.html.live"))
        {
            var scripts = live.QuerySelectorAll("script:not([src])").Where(s => !IsModule(s)).ToList();
            if (scripts.Count == 0) continue;
            var file = new StringBuilder();
            int data = 0;
            foreach (var script in scripts)
            {
                if (IsCode(script))
                {
                    file.Append(script.TextContent.Trim()).Append("\n;\n");
                    script.Remove();
                }
                else
                {
                    // Run as its own statement at load, before the code after it; `document.currentScript` is the loaded file's element, a child of the output.
                    file.Append($"document.currentScript.parentNode.querySelectorAll(\"script[data-live-data]\")[{data++}].textContent = ")
                        .Append(JsonSerializer.Serialize(script.TextContent, Literal)).Append(";\n");
                    script.TextContent = "";
                    script.SetAttribute("data-live-data", "");
                }
            }
            string address = MediaFolder.Store(output, Encoding.UTF8.GetBytes(file.ToString()), "js", "live-");
            live.SetAttribute(Attribute, address);
            written.Add(address);
        }
        return written;
    }

    // A classic script (no type, or a JavaScript type); a module stays in the page (it cannot join a classic script).
    private static bool IsCode(IElement script) =>
        script.GetAttribute("type")?.Trim().ToLowerInvariant() is null or "" or "text/javascript" or "application/javascript";

    private static bool IsModule(IElement script) => script.GetAttribute("type")?.Trim().ToLowerInvariant() == "module";
}
