using System.Globalization;
using System.Text;

namespace CourseNotes.Lecture.Tests.Typography;

/// <summary>
/// The string literals and comments of C# source, where a notebook's French prose lives in code: regular,
/// verbatim (@"…"), interpolated ($"…", $@"…") and raw ("""…""", $"""…""") strings, with the literals
/// nested in interpolation holes; // and /* */ comments. Character literals ('a') are code and are skipped.
/// </summary>
public static class CSharpProse
{
    /// <summary>Every string literal and comment of <paramref name="source"/> (a literal nested in a hole comes before the string around it).</summary>
    public static IReadOnlyList<CodeText> Read(string source)
    {
        var scanner = new Scanner(source);
        scanner.Run();
        return scanner.Found;
    }

    private sealed class Scanner
    {
        private readonly string source;
        private readonly int[] lineStarts;

        public Scanner(string source)
        {
            this.source = source;
            lineStarts = [0, .. source.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i + 1)];
        }

        public List<CodeText> Found { get; } = [];

        public void Run()
        {
            int i = 0;
            while (i < source.Length)
            {
                if (At(i, "//")) i = Comment(i + 2, End(source.IndexOf('\n', i)), 0);
                else if (At(i, "/*")) i = Comment(i + 2, End(source.IndexOf("*/", i + 2, StringComparison.Ordinal)), 2);
                else if (source[i] == '\'') i = SkipCharacter(i);
                else if (IsStringStart(i)) i = ReadString(i);
                else i++;
            }
        }

        private int End(int index) => index < 0 ? source.Length : index;

        private bool At(int i, string text) => i <= source.Length && source.AsSpan(i).StartsWith(text, StringComparison.Ordinal);

        private int LineOf(int position)
        {
            int found = Array.BinarySearch(lineStarts, position);
            return (found >= 0 ? found : ~found - 1) + 1;
        }

        private int Comment(int start, int end, int closing)
        {
            var text = new Text(this);
            for (int i = start; i < end; i++) text.Add(source[i], i);
            Found.Add(text.ToCodeText(isComment: true));
            return Math.Min(source.Length, end + closing);
        }

        private int SkipCharacter(int i)
        {
            int j = i + 1;
            while (j < source.Length && source[j] is not ('\'' or '\n')) j += source[j] == '\\' ? 2 : 1;
            return Math.Min(source.Length, j + 1);
        }

        private bool IsStringStart(int i)
        {
            int j = i;
            while (j < source.Length && source[j] is '$' or '@') j++;
            return j < source.Length && source[j] == '"' && (j == i || source[i] is '$' or '@');
        }

        /// <summary>Reads the string literal starting at <paramref name="i"/> (its prefix included); returns the index after it.</summary>
        private int ReadString(int i)
        {
            int dollars = 0;
            bool verbatim = false;
            for (; source[i] != '"'; i++)
            {
                if (source[i] == '$') dollars++;
                else verbatim = true;
            }
            int quotes = 0;
            while (i + quotes < source.Length && source[i + quotes] == '"') quotes++;
            var text = new Text(this);
            int end = quotes >= 3 ? Raw(i + quotes, quotes, dollars, text)
                : quotes == 2 && !verbatim ? i + 2
                : Quoted(i + 1, verbatim, dollars > 0, text);
            Found.Add(text.ToCodeText(isComment: false));
            return end;
        }

        private int Quoted(int i, bool verbatim, bool interpolated, Text text)
        {
            while (i < source.Length)
            {
                char c = source[i];
                if (c == '"' && verbatim && At(i + 1, "\"")) { text.Add('"', i); i += 2; }
                else if (c == '"') return i + 1;
                else if (c == '\n' && !verbatim) return i;
                else if (c == '\\' && !verbatim) i = Escape(i, text);
                else if (interpolated && c == '{' && At(i + 1, "{")) { text.Add('{', i); i += 2; }
                else if (interpolated && c == '}' && At(i + 1, "}")) { text.Add('}', i); i += 2; }
                else if (interpolated && c == '{') { text.Add(FrenchTypography.Hidden, i); i = SkipHole(i + 1, 1); }
                else { text.Add(c, i); i++; }
            }
            return i;
        }

        private int Raw(int i, int quotes, int dollars, Text text)
        {
            string delimiter = new('"', quotes);
            while (i < source.Length)
            {
                if (At(i, delimiter)) return i + quotes;
                if (dollars > 0 && source[i] == '{')
                {
                    int run = 0;
                    while (At(i + run, "{")) run++;
                    if (run >= dollars)
                    {
                        for (int k = 0; k < run - dollars; k++) text.Add('{', i + k);
                        text.Add(FrenchTypography.Hidden, i);
                        i = SkipHole(i + run, dollars);
                        continue;
                    }
                    for (int k = 0; k < run; k++) text.Add('{', i + k);
                    i += run;
                    continue;
                }
                text.Add(source[i], i);
                i++;
            }
            return i;
        }

        /// <summary>Skips an interpolation hole's expression (its own literals are read too); returns the index after its closing braces.</summary>
        private int SkipHole(int i, int closingBraces)
        {
            int depth = 1;
            while (i < source.Length)
            {
                char c = source[i];
                if (IsStringStart(i)) { i = ReadString(i); continue; }
                if (c == '\'') { i = SkipCharacter(i); continue; }
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0)
                {
                    i++;
                    for (int k = 1; k < closingBraces && At(i, "}"); k++) i++;
                    return i;
                }
                i++;
            }
            return i;
        }

        private int Escape(int i, Text text)
        {
            char kind = i + 1 < source.Length ? source[i + 1] : '\\';
            int digits = kind switch { 'u' => 4, 'U' => 8, 'x' => HexRun(i + 2, 4), _ => 0 };
            string decoded = kind switch
            {
                'u' or 'x' when digits > 0 && i + 2 + digits <= source.Length => ((char)Hex(i + 2, digits)).ToString(),
                'U' when i + 2 + digits <= source.Length => char.ConvertFromUtf32(Hex(i + 2, digits)),
                'n' => "\n", 't' => "\t", 'r' => "\r", '0' => "\0", 'a' => "\a", 'b' => "\b", 'f' => "\f", 'v' => "\v", 'e' => "\u001B",
                _ => kind.ToString(),
            };
            foreach (char c in decoded) text.Add(c, i);
            return i + 2 + digits;
        }

        private int Hex(int i, int digits) => int.Parse(source.AsSpan(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        private int HexRun(int i, int most)
        {
            int n = 0;
            while (n < most && i + n < source.Length && char.IsAsciiHexDigit(source[i + n])) n++;
            return n;
        }

        /// <summary>Decoded text with the source position of each character.</summary>
        private sealed class Text(Scanner scanner)
        {
            private readonly StringBuilder chars = new();
            private readonly List<int> positions = [];

            public void Add(char c, int position)
            {
                chars.Append(c);
                positions.Add(position);
            }

            public CodeText ToCodeText(bool isComment)
            {
                string text = chars.ToString();
                var lines = new List<(int, string)>();
                int start = 0;
                for (int i = 0; i <= text.Length; i++)
                {
                    if (i < text.Length && text[i] != '\n') continue;
                    int line = start < positions.Count ? scanner.LineOf(positions[start]) : scanner.LineOf(positions.Count > 0 ? positions[^1] : 0);
                    lines.Add((line, text[start..i].TrimEnd('\r')));
                    start = i + 1;
                }
                return new CodeText(isComment, text, lines);
            }
        }
    }
}
