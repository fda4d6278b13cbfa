using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseNotes.Site.References;

/// <summary>
/// The course's references file, in CSL-JSON (the format of Zotero, Pandoc and citeproc: an array of items with
/// <c>id</c>, <c>author</c> [{<c>family</c>, <c>given</c>, <c>non-dropping-particle</c>}], <c>issued</c>
/// {<c>date-parts</c>: [[year]]}, <c>title</c>, <c>container-title</c>, <c>volume</c>, <c>issue</c>, <c>page</c>,
/// <c>DOI</c>, <c>URL</c>; an arXiv id as <c>archive</c> « arXiv » with <c>archive_location</c>, or <c>number</c>
/// « arXiv:… »). No CSL library is served on NuGet here, and the site needs only this subset: System.Text.Json reads
/// it, and a malformed file or item fails the build naming the file, the line and the item.
/// </summary>
public sealed class Bibliography
{
    private readonly Dictionary<string, Reference> _works;

    /// <summary>The file it was read from (as the course names it).</summary>
    public string File { get; }

    /// <summary>The works, in the file's order.</summary>
    public IReadOnlyList<Reference> Works { get; }

    private Bibliography(string file, List<Reference> works)
    {
        File = file;
        Works = works;
        _works = works.ToDictionary(w => w.Id, StringComparer.Ordinal);
    }

    /// <summary>An empty bibliography (the course names no references file): every citation is then dangling.</summary>
    public static Bibliography None { get; } = new("(course.yml names no bibliography)", []);

    /// <summary>The work cited as <paramref name="id"/>, or null.</summary>
    public Reference? Find(string id) => _works.GetValueOrDefault(id);

    /// <summary>Reads <paramref name="path"/>; <paramref name="name"/> is how errors name it.</summary>
    public static Bibliography Load(string path, string name)
    {
        if (!System.IO.File.Exists(path)) throw new SiteBuildException($"{name}: no such references file.");
        return Parse(System.IO.File.ReadAllText(path), name);
    }

    /// <summary>Reads CSL-JSON text; <paramref name="name"/> is how errors name it.</summary>
    public static Bibliography Parse(string json, string name)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (JsonException e) { throw new SiteBuildException($"{name}, line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message})."); }
        if (root is not JsonArray items) throw new SiteBuildException($"{name}: a CSL-JSON file is an array of items.");
        var works = new List<Reference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            string where = $"{name}, item {i + 1}";
            if (items[i] is not JsonObject item) throw new SiteBuildException($"{where}: an item is an object.");
            string id = Text(item, "id", where);
            where += $" ({id})";
            if (id.Length == 0) throw new SiteBuildException($"{name}, item {i + 1}: the item has no id.");
            if (!seen.Add(id)) throw new SiteBuildException($"{where}: the id {id} appears twice.");
            string title = Text(item, "title", where);
            if (title.Length == 0) throw new SiteBuildException($"{where}: the item has no title.");
            var authors = Authors(item, where);
            int year = Year(item, where);
            string details = string.Join(", ", new[]
            {
                Text(item, "volume", where) is { Length: > 0 } v ? v + (Text(item, "issue", where) is { Length: > 0 } n ? $"({n})" : "") : "",
                Text(item, "page", where) is { Length: > 0 } p ? "p.\u00a0" + p : "",
            }.Where(s => s.Length > 0));
            string arxiv = Text(item, "archive", where).Equals("arxiv", StringComparison.OrdinalIgnoreCase) ? Text(item, "archive_location", where)
                : Text(item, "number", where) is { } number && number.StartsWith("arXiv:", StringComparison.OrdinalIgnoreCase) ? number[6..] : "";
            works.Add(new Reference(id, authors, year, title, Text(item, "container-title", where), details,
                Text(item, "DOI", where), arxiv, Text(item, "URL", where)));
        }
        return new Bibliography(name, works);
    }

    private static string Text(JsonObject item, string key, string where) => item[key] switch
    {
        null => "",
        JsonValue value when value.TryGetValue(out string? text) => text.Trim(),
        JsonValue value when value.TryGetValue(out double number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new SiteBuildException($"{where}: \"{key}\" must be a string."),
    };

    private static List<Author> Authors(JsonObject item, string where)
    {
        if (item["author"] is not JsonArray list || list.Count == 0) throw new SiteBuildException($"{where}: the item has no author list (\"author\": [{{\"family\": …, \"given\": …}}]).");
        var authors = new List<Author>();
        foreach (var entry in list)
        {
            if (entry is not JsonObject person) throw new SiteBuildException($"{where}: an author is an object with \"family\" and \"given\".");
            string family = Text(person, "family", where), literal = Text(person, "literal", where), particle = Text(person, "non-dropping-particle", where);
            if (family.Length == 0 && literal.Length == 0) throw new SiteBuildException($"{where}: an author has no \"family\" (or \"literal\") name.");
            authors.Add(family.Length == 0 ? new Author(literal, "") : new Author(particle.Length > 0 ? $"{particle} {family}" : family, Text(person, "given", where)));
        }
        return authors;
    }

    private static int Year(JsonObject item, string where)
    {
        var first = item["issued"]?["date-parts"]?[0]?[0];
        if (first is JsonValue value && (value.TryGetValue(out int year) || (value.TryGetValue(out string? text) && int.TryParse(text, out year))) && year is > 1000 and < 3000)
            return year;
        throw new SiteBuildException($"{where}: the item has no year (\"issued\": {{\"date-parts\": [[2014]]}}).");
    }
}
