using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;

namespace CourseNotes.Kernel.Editing;

/// <summary>One completion: the text to insert over [Start, End) (UTF-16 offsets in the cell) and its kind in the names Jupyter front ends map (method, property, class…).</summary>
public sealed record CompletionMatch(string Text, int Start, int End, string Kind);

/// <summary>
/// Completion from Roslyn's own <see cref="CompletionService"/> on the <see cref="SubmissionWorkspace"/>:
/// members, locals and types of the previous cells, keywords, namespaces and every referenced assembly.
/// Roslyn returns everything in scope at the cursor; like IPython, only the items whose filter text begins
/// with what is typed are kept (case-insensitive, exact-case first), in Roslyn's sort order.
/// </summary>
public static class CodeCompletion
{
    /// <summary>The completions at UTF-16 offset <paramref name="position"/> of <paramref name="document"/>.</summary>
    public static async Task<IReadOnlyList<CompletionMatch>> CompleteAsync(Document document, int position, CancellationToken cancellation = default)
    {
        var service = CompletionService.GetService(document) ?? throw new InvalidOperationException("Roslyn's C# completion service is not loaded.");
        var text = await document.GetTextAsync(cancellation);
        position = Math.Clamp(position, 0, text.Length);
        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellation);
        var span = list.Span;
        string typed = text.ToString(TextSpanFromStart(span.Start, position));
        return list.ItemsList
            .Where(item => item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(item => item.FilterText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(item => item.SortText, StringComparer.OrdinalIgnoreCase)
            .ThenBy(item => item.DisplayText, StringComparer.Ordinal)
            .Select(item => new CompletionMatch(InsertText(item), span.Start, span.End, Kind(item.Tags)))
            .DistinctBy(m => m.Text)
            .ToList();
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan TextSpanFromStart(int start, int position) =>
        Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(Math.Min(start, position), position);

    /// <summary>What the item inserts: Roslyn's insertion text when it has one (<c>@class</c>), else its display text (<c>List</c> for <c>List&lt;&gt;</c>).</summary>
    private static string InsertText(CompletionItem item) =>
        item.Properties.TryGetValue("InsertionText", out var insertion) && !string.IsNullOrEmpty(insertion) ? insertion : item.DisplayText;

    /// <summary>The Jupyter completion type (the names vscode-jupyter and JupyterLab map to icons) for Roslyn's tags.</summary>
    public static string Kind(ImmutableArray<string> tags)
    {
        foreach (string tag in tags)
        {
            string? kind = tag switch
            {
                WellKnownTags.Class or WellKnownTags.Delegate or "Record" => "class",
                WellKnownTags.Structure or "RecordStruct" => "struct",
                WellKnownTags.Interface => "interface",
                WellKnownTags.Enum => "enum",
                WellKnownTags.EnumMember => "enumMember",
                WellKnownTags.Method or WellKnownTags.ExtensionMethod => "method",
                WellKnownTags.Property => "property",
                WellKnownTags.Field => "field",
                WellKnownTags.Constant => "constant",
                WellKnownTags.Event => "event",
                WellKnownTags.Local or WellKnownTags.Parameter or WellKnownTags.RangeVariable => "variable",
                WellKnownTags.Namespace or WellKnownTags.Module or WellKnownTags.Assembly => "module",
                WellKnownTags.Keyword or WellKnownTags.Intrinsic => "keyword",
                WellKnownTags.TypeParameter => "typeParameter",
                WellKnownTags.Operator => "operator",
                WellKnownTags.Snippet => "snippet",
                _ => null,
            };
            if (kind is not null) return kind;
        }
        return "text";
    }
}
