using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Tests.Pages;

public class PageTests
{
    [Fact]
    public void CSharp_tokens_get_classes_and_text_stays_escaped()
    {
        string html = CSharpHighlighter.Highlight("#r \"../a.dll\"\nvar x = new Random(42); // graine\nstring s = $\"<{x}>\";");
        Assert.Contains("<span class=\"tok-directive\">#r &quot;../a.dll&quot;</span>", html);
        Assert.Contains("<span class=\"tok-keyword\">var</span>", html);
        Assert.Contains("<span class=\"tok-type\">Random</span>", html);
        Assert.Contains("<span class=\"tok-number\">42</span>", html);
        Assert.Contains("<span class=\"tok-comment\">// graine</span>", html);
        Assert.Contains("<span class=\"tok-string\">$&quot;&lt;{x}&gt;&quot;</span>", html);
    }

    [Fact]
    public void Folding_removes_accents_and_case_like_the_page_script()
    {
        Assert.Equal("inference variationnelle et coeur", SearchIndex.Fold("Inférence VARIATIONNELLE et cœur"));
        Assert.Equal("elbo = e_q[log p]", SearchIndex.Fold("ELBO = E_q[log p]"));
    }

    [Fact]
    public void Outputs_render_by_kind_and_charts_keep_their_data()
    {
        var outputs = System.Text.Json.Nodes.JsonNode.Parse("""
            [ { "output_type": "stream", "name": "stdout", "text": ["✓ a < b\n"] },
              { "output_type": "display_data", "data": { "application/vnd.plotly.v1+json": { "data": [ { "y": [1, 2] } ], "layout": { "title": { "text": "Titre </script>" } } }, "text/html": ["<div>x</div>"] }, "metadata": {} },
              { "output_type": "error", "ename": "Exception", "evalue": "raté", "traceback": [] } ]
            """)!.AsArray();
        string html = OutputRenderer.Render(outputs, () => "chart-1", CellFigure.None, "une image");
        Assert.Contains("<pre class=\"output stream stdout\">✓ a &lt; b</pre>", html);
        Assert.Contains("<figure class=\"output chart\"><div class=\"chart\" id=\"chart-1\" data-title=\"Titre &lt;/script&gt;\"></div>", html);
        Assert.Contains("<figcaption>Titre &lt;/script&gt;</figcaption>", html);
        Assert.Contains("<script type=\"application/json\" class=\"chart-data\" data-chart=\"chart-1\">{\"data\":[{\"y\":[1,2]}]", html);
        Assert.DoesNotContain("Titre </script>", html);
        Assert.Contains("<pre class=\"output error\"><strong>Exception: raté</strong></pre>", html);
    }

    [Fact]
    public void Images_get_their_size_and_alt_text_from_the_metadata_or_the_prose_and_a_static_svg_beside_a_chart_is_ignored()
    {
        // A 3×2 PNG's first 24 bytes (signature and IHDR) are enough for its size.
        string png = Convert.ToBase64String([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
        var outputs = System.Text.Json.Nodes.JsonNode.Parse($$"""
            [ { "output_type": "display_data", "data": { "image/png": "{{png}}" }, "metadata": {} },
              { "output_type": "display_data", "data": { "application/vnd.plotly.v1+json": { "data": [ { "y": [1] } ], "layout": {} }, "image/svg+xml": "<svg></svg>" }, "metadata": {} } ]
            """)!.AsArray();
        string html = OutputRenderer.Render(outputs, () => "chart-1", new CellFigure("Des formes", "Quatre formes blanches sur fond noir", "fig-formes"), "ignoré");
        Assert.Contains("<figure class=\"output image\" id=\"fig-formes\"><img alt=\"Quatre formes blanches sur fond noir\" width=\"3\" height=\"2\"", html);
        Assert.Contains("<figcaption>Des formes</figcaption>", html);
        Assert.Contains("class=\"chart\"", html);
        Assert.DoesNotContain("<svg>", html);
        Assert.Contains("alt=\"la prose\"", OutputRenderer.Render(outputs, () => "chart-2", CellFigure.None, "la prose"));
        Assert.Equal("Reconstructions — En haut, des images de test ; en bas, leur reconstruction",
            ImageDescription.From("Reconstructions", "En haut, des images de test ; en bas, leur reconstruction\u00a0: le décodeur appliqué à $\\mu$."));
    }

    [Fact]
    public void A_live_html_output_keeps_its_script_ahead_of_its_static_picture_and_plain_html_still_yields_to_the_picture()
    {
        string png = Convert.ToBase64String([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
        var outputs = System.Text.Json.Nodes.JsonNode.Parse($$"""
            [ { "output_type": "display_data", "data": { "text/html": "<div id=\"x\"><style>p{}</style><script>go(\"x\");</script></div>", "image/png": "{{png}}" }, "metadata": {} },
              { "output_type": "display_data", "data": { "text/html": "<div>tableau</div>", "image/png": "{{png}}" }, "metadata": {} } ]
            """)!.AsArray();
        string html = OutputRenderer.Render(outputs, () => "chart-1", CellFigure.None, "la prose");
        Assert.Contains("<div class=\"output html live\"><div id=\"x\"><script>go(\"x\");</script></div></div>", html);
        // The second bundle has no script: its picture wins, as before.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<img "));
        Assert.DoesNotContain("tableau", html);
    }

    [Fact]
    public void Image_sizes_come_from_the_svg_root_or_its_viewbox()
    {
        string folder = Directory.CreateTempSubdirectory("image-size").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"330px\"></svg>");
            File.WriteAllText(Path.Combine(folder, "b.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64.4 32\"></svg>");
            File.WriteAllText(Path.Combine(folder, "c.svg"), "<svg");
            Assert.Equal((800, 330), ImageSize.OfFile(Path.Combine(folder, "a.svg")));
            Assert.Equal((64, 32), ImageSize.OfFile(Path.Combine(folder, "b.svg")));
            Assert.Equal((0, 0), ImageSize.OfFile(Path.Combine(folder, "c.svg")));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
