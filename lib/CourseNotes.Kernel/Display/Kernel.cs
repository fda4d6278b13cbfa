using CourseNotes.Kernel.Execution;
using Microsoft.AspNetCore.Html;

// The namespace and type of the Polyglot C# kernel's display API, so notebooks written for it
// (`display(x)`, `using static Microsoft.DotNet.Interactive.Kernel;`) run unchanged here.
namespace Microsoft.DotNet.Interactive;

/// <summary>The display functions a notebook cell can call without any using (imported statically by the kernel).</summary>
public static class Kernel
{
    /// <summary>
    /// Shows <paramref name="value"/> below the cell, formatted for <paramref name="mimeTypes"/> (or the
    /// value's preferred types), and returns a handle whose <see cref="DisplayedValue.Update"/> replaces it.
    /// </summary>
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var cell = CellContext.Current ?? throw new InvalidOperationException("display() can only be called from a running cell.");
        var shown = new DisplayedValue(cell, cell.NextDisplayId(), mimeTypes);
        shown.Show(value, update: false);
        return shown;
    }

    /// <summary>
    /// <paramref name="content"/> as HTML: shown as it is (text/html) when displayed or left as a cell's value, as the
    /// Polyglot kernel's <c>HTML("&lt;b&gt;…&lt;/b&gt;")</c>.
    /// </summary>
    public static IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>
    /// Asks the user for a secret in the notebook's front end (Jupyter's input_request with <c>password: true</c>, so
    /// what is typed is hidden), as the Polyglot kernel's <c>Kernel.GetPasswordAsync</c>.
    /// </summary>
    /// <param name="prompt">The question shown beside the input box.</param>
    public static Task<PasswordString> GetPasswordAsync(string prompt = "")
    {
        var cell = CellContext.Current ?? throw new InvalidOperationException("GetPasswordAsync() can only be called from a running cell.");
        return Task.FromResult(new PasswordString(cell.Sink.ReadInput(prompt, password: true)));
    }

    /// <summary>Asks the user for a line of text in the notebook's front end (Jupyter's input_request), as the Polyglot kernel's <c>Kernel.GetInputAsync</c>.</summary>
    /// <param name="prompt">The question shown beside the input box.</param>
    /// <param name="typeHint">Accepted for compatibility; the text is returned as typed.</param>
    public static Task<string> GetInputAsync(string prompt = "", string typeHint = "text")
    {
        var cell = CellContext.Current ?? throw new InvalidOperationException("GetInputAsync() can only be called from a running cell.");
        return Task.FromResult(cell.Sink.ReadInput(prompt, password: false));
    }
}

/// <summary>A value shown by <see cref="Kernel.display"/>; updating it replaces the shown value in place (live progress).</summary>
public sealed class DisplayedValue
{
    private readonly CellContext _cell;
    private readonly string[] _mimeTypes;

    internal DisplayedValue(CellContext cell, string displayId, string[] mimeTypes)
    {
        _cell = cell;
        DisplayId = displayId;
        _mimeTypes = mimeTypes;
    }

    /// <summary>The display id (derived from the cell, stable across runs).</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the shown value with <paramref name="value"/>.</summary>
    public void Update(object? value) => Show(value, update: true);

    internal void Show(object? value, bool update) =>
        _cell.Sink.Display(OutputFormatter.Format(value, _mimeTypes), DisplayId, update);
}
