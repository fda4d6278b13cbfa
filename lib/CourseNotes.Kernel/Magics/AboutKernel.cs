using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using CourseNotes.Kernel.Execution;
using CourseNotes.Notebooks;

namespace CourseNotes.Kernel.Magics;

/// <summary>What <c>#!about</c> shows: this kernel's name and version, the Roslyn and .NET it runs on.</summary>
public static class AboutKernel
{
    /// <summary>The bundle: the same lines as text/plain and as a text/html table.</summary>
    public static MimeBundle Format()
    {
        (string Label, string Value)[] lines =
        [
            ("Noyau", $"{KernelspecNames.CourseNotes} {Version(typeof(AboutKernel).Assembly)}"),
            ("Compilateur", $"Roslyn (C# scripting) {Version(typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly)}"),
            ("Exécution", RuntimeInformation.FrameworkDescription),
            ("Système", RuntimeInformation.OSDescription),
        ];
        string text = "CourseNotes : noyau Jupyter C#\n" + string.Join("\n", lines.Select(l => $"{l.Label} : {l.Value}"));
        string html = "<table><caption>CourseNotes : noyau Jupyter C#</caption><tbody>" +
                      string.Concat(lines.Select(l => $"<tr><th>{l.Label}</th><td>{WebUtility.HtmlEncode(l.Value)}</td></tr>")) + "</tbody></table>";
        return new MimeBundle(new JsonObject { ["text/plain"] = text, ["text/html"] = html }, []);
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
}
