using System.Text.Json.Nodes;

namespace CourseNotes.Kernel.Protocol;

/// <summary>
/// The help menu entries the kernel offers (kernel_info_reply <c>help_links</c>): the course site when it
/// was built beside this kernel (<c>_site/index.html</c> of the checkout), the C# guide and TorchSharp.
/// </summary>
public static class HelpLinks
{
    /// <summary>The links, as (text, url).</summary>
    public static IReadOnlyList<(string Text, string Url)> All { get; } = Find();

    /// <summary>The <c>help_links</c> array.</summary>
    public static JsonArray ToJson() =>
        new(All.Select(l => (JsonNode)new JsonObject { ["text"] = l.Text, ["url"] = l.Url }).ToArray());

    private static List<(string, string)> Find()
    {
        var links = new List<(string, string)>();
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "CourseNotes.sln"))) continue;
            string site = Path.Combine(folder.FullName, "_site", "index.html");
            if (File.Exists(site)) links.Add(("Le cours (site)", new Uri(site).AbsoluteUri));
            break;
        }
        links.Add(("C# (Microsoft Learn)", "https://learn.microsoft.com/dotnet/csharp/"));
        links.Add(("TorchSharp", "https://github.com/dotnet/TorchSharp/wiki"));
        links.Add(("Jupyter", "https://docs.jupyter.org/"));
        return links;
    }
}
