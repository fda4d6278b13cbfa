using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CourseNotes.Kernel.Execution;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseNotes.Kernel.Magics;

/// <summary>
/// What <c>#!who</c> and <c>#!whos</c> show, as the Polyglot C# kernel does: the names of the variables the
/// cells defined (<c>#!who</c>), or a table of name, type and value summary (<c>#!whos</c>), as text/html and
/// text/plain. A name declared again in a later cell appears once, with its latest value.
/// </summary>
public static class VariableTable
{
    /// <summary>The bundle for <paramref name="variables"/> (in declaration order; later ones hide earlier ones of the same name).</summary>
    /// <param name="variables">Each variable's name, declared type and value.</param>
    /// <param name="detailed">True for <c>#!whos</c> (types and values), false for <c>#!who</c> (names).</param>
    public static MimeBundle Format(IEnumerable<(string Name, Type Type, object? Value)> variables, bool detailed)
    {
        var latest = new Dictionary<string, (Type Type, object? Value)>();
        var order = new List<string>();
        foreach (var (name, type, value) in variables)
        {
            if (name.Contains('<') || name.Contains('$')) continue; // compiler-generated
            if (!latest.ContainsKey(name)) order.Add(name);
            latest[name] = (type, value);
        }
        if (order.Count == 0)
            return new MimeBundle(new JsonObject { ["text/plain"] = "Aucune variable définie.", ["text/html"] = "<p>Aucune variable définie.</p>" }, []);
        if (!detailed)
            return new MimeBundle(new JsonObject
            {
                ["text/plain"] = string.Join("\t", order),
                ["text/html"] = "<div>" + string.Join("\t ", order.Select(WebUtility.HtmlEncode)) + "</div>",
            }, []);

        var rows = order.Select(name => (Name: name, Type: latest[name].Type.ToDisplayString("text/plain"), Value: ValueSummary.Of(latest[name].Value))).ToList();
        var html = new StringBuilder("<table><thead><tr><th>Variable</th><th>Type</th><th>Valeur</th></tr></thead><tbody>");
        foreach (var row in rows)
            html.Append($"<tr><td>{WebUtility.HtmlEncode(row.Name)}</td><td>{WebUtility.HtmlEncode(row.Type)}</td><td><div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(row.Value)}</pre></div></td></tr>");
        html.Append("</tbody></table>");
        int nameWidth = Math.Max("Variable".Length, rows.Max(r => r.Name.Length));
        int typeWidth = Math.Max("Type".Length, rows.Max(r => r.Type.Length));
        var text = new StringBuilder($"{"Variable".PadRight(nameWidth)}  {"Type".PadRight(typeWidth)}  Valeur\n");
        foreach (var row in rows) text.Append($"{row.Name.PadRight(nameWidth)}  {row.Type.PadRight(typeWidth)}  {row.Value}\n");
        return new MimeBundle(new JsonObject { ["text/plain"] = text.ToString().TrimEnd('\n'), ["text/html"] = html.ToString() }, []);
    }
}
