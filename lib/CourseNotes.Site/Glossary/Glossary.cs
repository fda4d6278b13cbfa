using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CourseNotes.Site.Glossary;

/// <summary>One term of the glossary: the French term the notebooks use and its English equivalents.</summary>
public sealed class Term
{
    /// <summary>The French term, as the glossary shows it (« effondrement a posteriori »).</summary>
    [YamlMember(Alias = "fr")] public string French { get; set; } = "";

    /// <summary>Its English equivalents (« posterior collapse »), the first one the usual.</summary>
    [YamlMember(Alias = "en")] public List<string> English { get; set; } = [];

    /// <summary>Other French spellings to link (plurals).</summary>
    [YamlMember(Alias = "forms")] public List<string> Forms { get; set; } = [];

    /// <summary>One or two sentences, plain text.</summary>
    [YamlMember(Alias = "definition")] public string Definition { get; set; } = "";

    /// <summary>The anchor of the term on the glossary page (<c>g-effondrement-a-posteriori</c>).</summary>
    public string Anchor => "g-" + Regex.Replace(Pages.SearchIndex.Fold(French), @"[^a-z0-9]+", "-").Trim('-');

    /// <summary>Every French spelling, the term first.</summary>
    public IEnumerable<string> Spellings => Forms.Prepend(French);
}

/// <summary>
/// The course's glossary file (YAML, a list of <c>fr</c>, <c>en</c>, <c>forms</c>, <c>definition</c>): French ↔ English
/// terms. The site links each term's first use on every chapter to the « Glossaire » page, and the search index
/// carries the English terms of the French ones a section uses, so that an English query finds the French page.
/// </summary>
public sealed class TermList
{
    /// <summary>The file it was read from, as the course names it.</summary>
    public string File { get; }

    /// <summary>The terms, in the file's order.</summary>
    public IReadOnlyList<Term> Terms { get; }

    private TermList(string file, List<Term> terms) { File = file; Terms = terms; }

    /// <summary>No glossary (the course names none).</summary>
    public static TermList None { get; } = new("", []);

    /// <summary>Reads <paramref name="path"/>; <paramref name="name"/> is how errors name it.</summary>
    public static TermList Load(string path, string name)
    {
        if (!System.IO.File.Exists(path)) throw new SiteBuildException($"{name}: no such glossary file.");
        return Parse(System.IO.File.ReadAllText(path), name);
    }

    /// <summary>Reads the YAML text; a malformed file, an entry without French or English term, or a term given twice fails, naming the file and the entry.</summary>
    public static TermList Parse(string yaml, string name)
    {
        List<Term> terms;
        try { terms = new DeserializerBuilder().Build().Deserialize<List<Term>>(yaml) ?? []; }
        catch (YamlException e) { throw new SiteBuildException($"{name}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}"); }
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            string where = $"{name}, entry {i + 1}";
            if (string.IsNullOrWhiteSpace(term.French)) throw new SiteBuildException($"{where}: the entry has no French term (fr).");
            if (term.English.Count == 0 || term.English.Any(string.IsNullOrWhiteSpace)) throw new SiteBuildException($"{where} ({term.French}): the entry has no English term (en).");
            if (!anchors.Add(term.Anchor)) throw new SiteBuildException($"{where} ({term.French}): the term appears twice.");
        }
        return new TermList(name, terms);
    }

    /// <summary>
    /// Every term of the list in one pattern (longest spellings first, so that « loi a posteriori agrégée » wins over
    /// « loi a posteriori »): one scan of a text finds every term in it. <see cref="TermAt"/> says which term a match is.
    /// </summary>
    public Regex Matcher => _matcher ??= new Regex(
        @"(?<![\p{L}\d])(?:" + string.Join("|", Alternatives.Select((a, n) => $"(?<a{n}>{Body(a.Spelling)})")) + @")(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private Regex? _matcher;

    private List<(int Term, string Spelling)> Alternatives => _alternatives ??=
        [.. Terms.SelectMany((t, i) => t.Spellings.Select(s => (Term: i, Spelling: s))).OrderByDescending(a => a.Spelling.Length)];
    private List<(int Term, string Spelling)>? _alternatives;

    /// <summary>The term a match of <see cref="Matcher"/> found.</summary>
    public Term TermAt(Match match)
    {
        for (int n = 0; n < Alternatives.Count; n++)
            if (match.Groups[$"a{n}"].Success) return Terms[Alternatives[n].Term];
        throw new ArgumentException("not a match of this glossary", nameof(match));
    }

    /// <summary>
    /// A pattern that finds <paramref name="spelling"/> in prose as a whole word, whatever the case, the apostrophe
    /// (' or ’), the dash (- or –) and the spaces (ordinary or non-breaking).
    /// </summary>
    public static Regex Pattern(string spelling) =>
        new(@"(?<![\p{L}\d])" + Body(spelling) + @"(?![\p{L}\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string Body(string spelling)
    {
        var text = new System.Text.StringBuilder();
        foreach (char c in spelling)
            text.Append(c switch
            {
                '\'' or '’' => "['’]",
                '-' or '–' => "[-–‑]",
                ' ' => @"[\s\u00a0\u202f]+",
                _ => Regex.Escape(c.ToString()),
            });
        return text.ToString();
    }
}
