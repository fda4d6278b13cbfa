using System.Text;
using AngleSharp.Dom;

namespace CourseNotes.Site.Pages;

/// <summary>
/// A chart's data (its Plotly JSON, 9–200 KB a chart, about 40 % of a chapter's compressed bytes) leaves the page: it goes
/// to <c>media/chart-HASH.js</c>, named after its content, as one call <c>COURSE_CHART_DATA("media/chart-HASH.js", {…})</c>;
/// the chart's data block stays, empty, with <c>data-src</c> naming that file. The site's script loads the file with a
/// <c>&lt;script src&gt;</c> (which works from <c>file://</c>, where <c>fetch</c> does not) when the chart is drawn — it
/// comes into view, the page is printed — or its table is opened, as it loads plotly.js then.
/// </summary>
public static class ChartData
{
    /// <summary>The function each data file calls, defined by the site's script.</summary>
    public const string Callback = "COURSE_CHART_DATA";

    /// <summary>Moves every chart's data of <paramref name="document"/> into a file under <paramref name="output"/>'s <c>media/</c>.</summary>
    /// <returns>The files written or reused (site-relative addresses).</returns>
    public static IReadOnlyList<string> Externalize(IDocument document, string output)
    {
        var files = new List<string>();
        foreach (var block in document.QuerySelectorAll("script.chart-data:not([data-src])"))
        {
            string json = block.TextContent;
            // Named after the chart's JSON (the file names itself in its call); JSON is a JavaScript expression, and the
            // block's "<\/" escapes read the same in a script file.
            string name = MediaFolder.Address(Encoding.UTF8.GetBytes(json), "js", "chart-");
            MediaFolder.Write(output, name, Encoding.UTF8.GetBytes($"{Callback}(\"{name}\",\n{json}\n);\n"));
            block.TextContent = "";
            block.SetAttribute("data-src", name);
            files.Add(name);
        }
        return files;
    }

    /// <summary>The chart's JSON in a data file's text (what <see cref="Externalize"/> wrote).</summary>
    public static string Json(string file)
    {
        int start = file.IndexOf('\n') + 1, end = file.LastIndexOf("\n);", StringComparison.Ordinal);
        if (start <= 0 || end < start || !file.StartsWith(Callback + "(", StringComparison.Ordinal)) throw new FormatException("not a chart data file");
        return file[start..end];
    }
}
