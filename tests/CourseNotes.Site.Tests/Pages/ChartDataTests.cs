using System.Text.Json.Nodes;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Tests.Pages;

public class ChartDataTests
{
    [Fact]
    public void A_charts_data_moves_to_a_file_named_by_its_content_that_hands_the_figure_to_the_page_script()
    {
        string output = Directory.CreateTempSubdirectory("chart-data").FullName;
        const string body = """<div class="chart" id="chart-1"></div><script type="application/json" class="chart-data" data-chart="chart-1">{"data":[{"y":[1,2],"name":"<\/b> é"}]}</script>""";
        var page = new PageDocument(body);
        string file = Assert.Single(ChartData.Externalize(page.Document, output));

        Assert.Matches("^media/chart-[0-9a-f]{16}\\.js$", file);
        var block = page.Document.QuerySelector("script.chart-data")!;
        Assert.Equal("", block.TextContent);
        Assert.Equal(file, block.GetAttribute("data-src"));
        Assert.Equal("chart-1", block.GetAttribute("data-chart"));
        string text = File.ReadAllText(Path.Combine(output, file));
        Assert.StartsWith($"COURSE_CHART_DATA(\"{file}\",\n", text);
        var figure = JsonNode.Parse(ChartData.Json(text))!;
        Assert.Equal("</b> é", (string?)figure["data"]![0]!["name"]);

        // Once moved, a block is left alone; the same data on another page reuses the file.
        Assert.Empty(ChartData.Externalize(page.Document, output));
        Assert.Equal(file, Assert.Single(ChartData.Externalize(new PageDocument(body).Document, output)));
        Assert.Single(Directory.GetFiles(Path.Combine(output, "media")));
        Assert.Throws<FormatException>(() => ChartData.Json("{}"));
    }
}
