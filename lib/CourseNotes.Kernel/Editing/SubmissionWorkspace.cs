using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace CourseNotes.Kernel.Editing;

/// <summary>
/// A Roslyn workspace that mirrors the kernel's script state, so the IDE services (completion, quick info)
/// see what the notebook sees. Each submission the kernel ran is a project with <c>isSubmission: true</c>
/// whose project reference names the previous submission — the layout Roslyn's own interactive window
/// uses: the workspace then chains the compilations (<c>PreviousScriptCompilation</c>), so variables,
/// methods, classes and usings of earlier cells are in scope, and every <c>#r</c>-loaded assembly is a
/// metadata reference (with its XML documentation, <see cref="ReferenceDocumentation"/>). The cell being
/// edited is one more submission project after the last; its text is replaced on each request, and the
/// earlier projects' compilations stay cached in the solution, so a request costs one cell's binding.
/// </summary>
public sealed class SubmissionWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);
    private readonly ConditionalWeakTable<Script, ProjectId> _projects = new();
    private ProjectId? _editing;
    private DocumentId? _editingDocument;
    private ProjectId? _editingPrevious;
    private int _count;

    /// <summary>
    /// The document for <paramref name="code"/> typed after <paramref name="lastSubmission"/> (the kernel's
    /// latest script, null before the first cell ran).
    /// </summary>
    public Document Document(Script? lastSubmission, string code)
    {
        var previous = lastSubmission is null ? null : ProjectFor(lastSubmission);
        var solution = _workspace.CurrentSolution;
        if (_editing is null || _editingPrevious != previous)
        {
            if (_editing is not null) solution = solution.RemoveProject(_editing);
            var template = lastSubmission?.GetCompilation();
            _editing = ProjectId.CreateNewId("editing");
            _editingDocument = DocumentId.CreateNewId(_editing, "cell.csx");
            solution = solution.AddProject(Info(_editing, "editing", template, previous))
                .AddDocument(_editingDocument, "cell.csx", SourceText.From(code));
            _editingPrevious = previous;
        }
        else
        {
            solution = solution.WithDocumentText(_editingDocument!, SourceText.From(code));
        }
        if (!_workspace.TryApplyChanges(solution)) throw new InvalidOperationException("the editing workspace did not accept the cell's text.");
        return _workspace.CurrentSolution.GetDocument(_editingDocument)!;
    }

    private ProjectId ProjectFor(Script script)
    {
        if (_projects.TryGetValue(script, out var known)) return known;
        var previous = script.Previous is { } before ? ProjectFor(before) : null;
        var id = ProjectId.CreateNewId($"submission{++_count}");
        var solution = _workspace.CurrentSolution.AddProject(Info(id, $"submission{_count}", script.GetCompilation(), previous))
            .AddDocument(DocumentId.CreateNewId(id), $"submission{_count}.csx", SourceText.From(script.Code));
        if (!_workspace.TryApplyChanges(solution)) throw new InvalidOperationException("the editing workspace did not accept a submission.");
        _projects.Add(script, id);
        return id;
    }

    private static ProjectInfo Info(ProjectId id, string name, Compilation? template, ProjectId? previous)
    {
        var options = (CSharpCompilationOptions?)template?.Options ?? new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        var parse = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
        // The script's own references, and the framework assemblies its resolver added when binding needed them
        // (System.Console…): passed explicitly, so they come with their documentation.
        var references = template is null ? [] : template.References
            .Concat(template.SourceModule.ReferencedAssemblySymbols.Select(template.GetMetadataReference).OfType<MetadataReference>())
            .Distinct().Select(ReferenceDocumentation.WithDocumentation).Distinct().ToList();
        return ProjectInfo.Create(id, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            isSubmission: true,
            compilationOptions: options.WithScriptClassName(name),
            parseOptions: parse,
            metadataReferences: references,
            projectReferences: previous is null ? null : [new ProjectReference(previous)]);
    }

    /// <summary>The number of submission projects (the cells the kernel ran, plus its warm-up), for tests.</summary>
    public int Submissions => _count;

    /// <inheritdoc />
    public void Dispose() => _workspace.Dispose();
}
