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
        string html = OutputRenderer.Render(outputs, () => "chart-1");
        Assert.Contains("<pre class=\"output stream stdout\">✓ a &lt; b</pre>", html);
        Assert.Contains("<div class=\"chart\" id=\"chart-1\" role=\"img\" aria-label=\"Titre &lt;/script&gt;\">", html);
        Assert.Contains("<script type=\"application/json\" class=\"chart-data\" data-chart=\"chart-1\">{\"data\":[{\"y\":[1,2]}]", html);
        Assert.DoesNotContain("Titre </script>", html);
        Assert.Contains("<pre class=\"output error\"><strong>Exception: raté</strong></pre>", html);
    }
}
