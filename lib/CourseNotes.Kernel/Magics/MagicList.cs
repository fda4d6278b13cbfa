using System.Net;
using System.Text.Json.Nodes;
using CourseNotes.Kernel.Execution;

namespace CourseNotes.Kernel.Magics;

/// <summary>What <c>#!lsmagic</c> shows: every directive of <see cref="MagicCommand.All"/> with its description.</summary>
public static class MagicList
{
    /// <summary>The bundle: a text/html list and the same lines as text/plain.</summary>
    public static MimeBundle Format()
    {
        int width = MagicCommand.All.Max(m => m.Usage.Length);
        string text = "Commandes de ce noyau C# :\n" + string.Join("\n", MagicCommand.All.Select(m => $"  {m.Usage.PadRight(width)}  {m.Description}"));
        string html = "<h3>Commandes de ce noyau C#</h3><dl>" +
                      string.Concat(MagicCommand.All.Select(m => $"<dt><code>{WebUtility.HtmlEncode(m.Usage)}</code></dt><dd>{WebUtility.HtmlEncode(m.Description)}</dd>")) + "</dl>";
        return new MimeBundle(new JsonObject { ["text/plain"] = text, ["text/html"] = html }, []);
    }
}
