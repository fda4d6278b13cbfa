using System.Diagnostics;
using System.Text.Json.Nodes;

/// <summary>
/// Lighthouse (npm <c>lighthouse</c> 12.2.3, the last to run on Node 20) on one page with Debian's Chromium:
/// the four category scores and the main metrics, mobile (its default: a mid-range phone, 4× CPU slowdown,
/// slow 4G) or desktop (<c>--preset=desktop</c>).
/// </summary>
static class Lighthouse
{
    public sealed record Result(int Performance, int Accessibility, int BestPractices, int Seo, string Fcp, string Lcp, string Tbt, string Cls, string Failing, int BenchmarkIndex);

    public static string Cli(string root) => Path.Combine(root, "node_modules", "lighthouse", "cli", "index.js");

    public static Result Run(string root, string url, bool desktop)
    {
        string report = Path.Combine(Path.GetTempPath(), $"lighthouse-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Cli(root));
        start.ArgumentList.Add(url);
        start.ArgumentList.Add("--output=json");
        start.ArgumentList.Add($"--output-path={report}");
        start.ArgumentList.Add("--quiet");
        start.ArgumentList.Add("--only-categories=performance,accessibility,best-practices,seo");
        start.ArgumentList.Add("--chrome-flags=--headless=new --no-sandbox --disable-gpu");
        if (desktop) start.ArgumentList.Add("--preset=desktop");
        string? keep = Environment.GetEnvironmentVariable("COURSENOTES_LIGHTHOUSE_KEEP") is { Length: > 0 } k ? Directory.CreateDirectory(k).FullName : null;
        if (keep is not null) start.ArgumentList.Add("--save-assets"); // the trace too: which tasks block, and what they do
        start.Environment["CHROME_PATH"] = "/usr/bin/chromium";
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        if (node.ExitCode != 0 || !File.Exists(report)) throw new InvalidOperationException($"lighthouse failed on {url}: {stderr.Result}");
        var json = JsonNode.Parse(File.ReadAllText(report))!;
        // COURSENOTES_LIGHTHOUSE_KEEP=DIR keeps each full report (page-preset.json) and its trace (page-preset.trace.json), to read what blocks.
        string trace = Path.ChangeExtension(report, null) + "-0.trace.json";
        if (keep is not null)
        {
            string kept = Path.Combine(keep, $"{Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath)}-{(desktop ? "desktop" : "mobile")}");
            File.Copy(report, kept + ".json", overwrite: true);
            if (File.Exists(trace)) File.Copy(trace, kept + ".trace.json", overwrite: true);
            foreach (string asset in Directory.GetFiles(Path.GetDirectoryName(report)!, Path.GetFileNameWithoutExtension(report) + "-0.*")) File.Delete(asset);
        }
        File.Delete(report);
        int Score(string category) => (int)Math.Round(100 * ((double?)json["categories"]![category]!["score"] ?? 0));
        string Metric(string audit) => (string?)json["audits"]![audit]!["displayValue"] ?? "";
        var failing = json["audits"]!.AsObject()
            .Where(a => a.Value!["score"] is JsonValue s && s.TryGetValue(out double v) && v < 0.9 && (string?)a.Value["scoreDisplayMode"] is "binary" or "numeric" or "metricSavings")
            .Select(a => a.Key);
        return new Result(Score("performance"), Score("accessibility"), Score("best-practices"), Score("seo"),
            Metric("first-contentful-paint"), Metric("largest-contentful-paint"), Metric("total-blocking-time"), Metric("cumulative-layout-shift"),
            string.Join(", ", failing),
            // Lighthouse's own measure of the machine's speed at the time of the run (higher is faster; about 1 500 on this
            // machine when quiet): a loaded machine lengthens every task, and the simulated phone multiplies them by 4.
            (int)Math.Round((double?)json["environment"]?["benchmarkIndex"] ?? 0));
    }
}
