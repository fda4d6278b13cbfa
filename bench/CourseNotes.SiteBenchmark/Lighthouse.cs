using System.Diagnostics;
using System.Text.Json.Nodes;

/// <summary>
/// Lighthouse (npm <c>lighthouse</c> 12.2.3, the last to run on Node 20) on one page with Debian's Chromium:
/// the four category scores and the main metrics, mobile (its default: a mid-range phone, 4× CPU slowdown,
/// slow 4G) or desktop (<c>--preset=desktop</c>).
/// </summary>
static class Lighthouse
{
    public sealed record Result(int Performance, int Accessibility, int BestPractices, int Seo, string Fcp, string Lcp, string Tbt, string Cls, string Failing);

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
        start.Environment["CHROME_PATH"] = "/usr/bin/chromium";
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        if (node.ExitCode != 0 || !File.Exists(report)) throw new InvalidOperationException($"lighthouse failed on {url}: {stderr.Result}");
        var json = JsonNode.Parse(File.ReadAllText(report))!;
        // COURSENOTES_LIGHTHOUSE_KEEP=DIR keeps each full report (page-preset.json), to read what blocks.
        if (Environment.GetEnvironmentVariable("COURSENOTES_LIGHTHOUSE_KEEP") is { Length: > 0 } keep)
            File.Copy(report, Path.Combine(Directory.CreateDirectory(keep).FullName, $"{Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath)}-{(desktop ? "desktop" : "mobile")}.json"), overwrite: true);
        File.Delete(report);
        int Score(string category) => (int)Math.Round(100 * ((double?)json["categories"]![category]!["score"] ?? 0));
        string Metric(string audit) => (string?)json["audits"]![audit]!["displayValue"] ?? "";
        var failing = json["audits"]!.AsObject()
            .Where(a => a.Value!["score"] is JsonValue s && s.TryGetValue(out double v) && v < 0.9 && (string?)a.Value["scoreDisplayMode"] is "binary" or "numeric" or "metricSavings")
            .Select(a => a.Key);
        return new Result(Score("performance"), Score("accessibility"), Score("best-practices"), Score("seo"),
            Metric("first-contentful-paint"), Metric("largest-contentful-paint"), Metric("total-blocking-time"), Metric("cumulative-layout-shift"),
            string.Join(", ", failing));
    }
}
