namespace CourseNotes.Kernel.Editing;

/// <summary>
/// Offsets in a cell. Jupyter counts the cursor in Unicode code points (protocol 5.2 and later), .NET
/// strings in UTF-16 units: a character outside the Basic Multilingual Plane (an emoji, 𝔼) is one of the
/// first and two of the second. Also blanks the kernel's own directives so Roslyn does not report them.
/// </summary>
public static class CellText
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoints"/> in <paramref name="text"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        int index = 0;
        for (int seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The number of code points in the first <paramref name="utf16"/> UTF-16 units of <paramref name="text"/>.</summary>
    public static int ToCodePoints(string text, int utf16)
    {
        int count = 0;
        for (int i = 0; i < Math.Min(utf16, text.Length); i++)
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))) count++;
        return count;
    }

    /// <summary>
    /// <paramref name="code"/> with every kernel directive (<c>#!…</c>, <c>#r "nuget:…"</c>, <c>#i …</c>)
    /// replaced by spaces of the same length, so offsets are unchanged; Roslyn's <c>#r "file"</c> stays.
    /// </summary>
    public static string BlankDirectives(string code)
    {
        var chars = code.ToCharArray();
        int start = 0;
        while (start <= chars.Length)
        {
            int end = Array.IndexOf(chars, '\n', start);
            if (end < 0) end = chars.Length;
            var line = code.AsSpan(start, end - start).TrimStart();
            if (line.StartsWith("#!") || line.StartsWith("#i ") || (line.StartsWith("#r") && line.ToString().Replace(" ", "").StartsWith("#r\"nuget:", StringComparison.Ordinal)))
                for (int i = start; i < end; i++) if (chars[i] != '\r') chars[i] = ' ';
            start = end + 1;
        }
        return new string(chars);
    }
}
