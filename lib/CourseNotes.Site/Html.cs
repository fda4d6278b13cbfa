namespace CourseNotes.Site;

/// <summary>HTML escaping of text and attribute values: only &amp; &lt; &gt; " are replaced, so accented letters stay readable (the pages are UTF-8).</summary>
public static class Html
{
    /// <summary>The text with &amp;, &lt;, &gt; and " escaped.</summary>
    public static string Encode(string? text) =>
        (text ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
