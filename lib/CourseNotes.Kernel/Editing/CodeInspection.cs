using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.QuickInfo;

namespace CourseNotes.Kernel.Editing;

/// <summary>What inspection found at a position: the symbol's signature and its XML-doc summary (empty when undocumented).</summary>
public sealed record Inspection(string Signature, string Summary)
{
    /// <summary>text/plain: the signature, then the summary.</summary>
    public string PlainText => Summary.Length == 0 ? Signature : $"{Signature}\n\n{Summary}";

    /// <summary>text/markdown: the signature as a C# code block, then the summary.</summary>
    public string Markdown => $"```csharp\n{Signature}\n```" + (Summary.Length == 0 ? "" : $"\n\n{Summary}");
}

/// <summary>
/// Inspection (Shift+Tab in Notebook, hover-like help in JupyterLab) from Roslyn's <see cref="QuickInfoService"/>:
/// the same description and documentation sections Visual Studio shows in its tooltip.
/// </summary>
public static class CodeInspection
{
    /// <summary>The symbol at, or just before, UTF-16 offset <paramref name="position"/>; null when there is none.</summary>
    public static async Task<Inspection?> InspectAsync(Document document, int position, CancellationToken cancellation = default)
    {
        var service = QuickInfoService.GetService(document) ?? throw new InvalidOperationException("Roslyn's C# quick info service is not loaded.");
        var text = await document.GetTextAsync(cancellation);
        position = Math.Clamp(position, 0, text.Length);
        // Jupyter sends the cursor, often just after the name (`Console.WriteLine|(`): try there, then one back.
        foreach (int at in position > 0 ? [position, position - 1] : new[] { position })
        {
            var info = await service.GetQuickInfoAsync(document, at, cancellation);
            if (info is null) continue;
            string Section(string kind) => string.Concat(info.Sections.Where(s => s.Kind == kind).Select(s => s.Text)).Trim();
            string signature = Section(QuickInfoSectionKinds.Description);
            if (signature.Length == 0) continue;
            return new Inspection(signature, Section(QuickInfoSectionKinds.DocumentationComments));
        }
        return null;
    }
}
