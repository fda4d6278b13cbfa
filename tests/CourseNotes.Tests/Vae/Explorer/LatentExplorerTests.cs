using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseNotes.Vae;
using CourseNotes.Vae.Explorer;
using Microsoft.DotNet.Interactive.Formatting;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae.Explorer;

[Collection(CourseNotes.Tests.Vae.SerialTorchCollection.Name)]
public partial class LatentExplorerTests
{
    private static readonly string[] Classes = ["T-shirt/haut", "pantalon", "pull", "robe", "manteau", "sandale", "chemise", "basket", "sac", "bottine"];

    // The course's sizes (784 → 400 → K), untrained but seeded. Random weights do not compress: the size is the worst case.
    private static (MlpVae Model, Tensor Images, byte[] Labels) Course(int latentSize, int seed)
    {
        VaeTraining.Seed(seed);
        var model = new MlpVae(latentSize: latentSize);
        var images = rand([2000, 784], generator: new TorchSharp.torch.Generator(7));
        var labels = Enumerable.Range(0, 2000).Select(n => (byte)(n % 10)).ToArray();
        return (model, images, labels);
    }

    private static JsonObject Data(LatentExplorer explorer) =>
        JsonNode.Parse(DataScript().Match(explorer.Html).Groups[1].Value.Replace("<\\/", "</"))!.AsObject();

    [Fact]
    public void Each_explorer_fits_the_500_kB_budget_with_its_static_picture()
    {
        var (model2, images, labels) = Course(2, seed: 1);
        var plane = LatentExplorer.Plane(model2, images, labels, Classes);
        var (model20, _, _) = Course(20, seed: 2);
        var sliders = LatentExplorer.Sliders(model20, images[0], Enumerable.Range(0, 20).Select(i => (double)(i % 5)).ToArray());
        TestContext.Current.SendDiagnosticMessage($"plane: {plane.Bytes} bytes; sliders: {sliders.Bytes} bytes");
        Assert.InRange(plane.Bytes, 400_000, LatentExplorer.BudgetBytes);
        Assert.InRange(sliders.Bytes, 400_000, LatentExplorer.BudgetBytes);
        Assert.Equal(plane.Bytes, System.Text.Encoding.UTF8.GetByteCount(plane.Html) + Convert.ToBase64String(plane.Fallback.Bytes).Length);
    }

    [Fact]
    public void The_same_model_gives_the_same_bytes_and_a_copy_shown_again_gets_its_own_id()
    {
        var (a, images, labels) = Course(2, seed: 3);
        var (b, _, _) = Course(2, seed: 3);
        var first = LatentExplorer.Plane(a, images, labels, Classes);
        var second = LatentExplorer.Plane(b, images, labels, Classes);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.Id + "-2", second.Id);
        Assert.Equal(first.Html, second.Html.Replace(second.Id, first.Id));
        Assert.Equal(first.Fallback.Bytes, second.Fallback.Bytes);
        // Another model: another id.
        var (c, _, _) = Course(2, seed: 4);
        Assert.NotEqual(first.Id[..26], LatentExplorer.Plane(c, images, labels, Classes).Id[..26]);
    }

    [Fact]
    public void The_plane_takes_the_class_colours_of_the_notebooks_own_scatter_plot()
    {
        var (model, images, labels) = Course(2, seed: 8);
        string[] tab10 = ["#1f77b4", "#e377c2", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#d62728", "#bcbd22", "#7f7f7f", "#17becf"];
        var coloured = LatentExplorer.Plane(model, images, labels, Classes, colours: tab10);
        Assert.Equal(tab10, Data(coloured)["plane"]!["colours"]!.AsArray().Select(c => (string?)c));
        Assert.Contains("background:#e377c2\"></span>pantalon</li>", coloured.Html);
        // Without colours: the course's chart colours.
        var plain = LatentExplorer.Plane(model, images, labels, Classes);
        Assert.Equal(LatentExplorer.Colours, Data(plain)["plane"]!["colours"]!.AsArray().Select(c => (string?)c!));
        Assert.Contains("colours", Assert.Throws<ArgumentException>(() => LatentExplorer.Plane(model, images, labels, Classes, colours: tab10[..9])).Message);
        Assert.Contains("#rrggbb", Assert.Throws<ArgumentException>(() => LatentExplorer.Plane(model, images, labels, Classes, colours: [.. tab10[..9], "red"])).Message);
    }

    [Fact]
    public void Ids_in_the_html_are_unique_and_all_derive_from_the_explorer_id()
    {
        var (model, images, _) = Course(20, seed: 5);
        var explorer = LatentExplorer.Sliders(model, images[1], Enumerable.Range(0, 20).Select(i => (double)i).ToArray(), count: 4);
        var ids = IdAttribute().Matches(explorer.Html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(5, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith(explorer.Id, id));
        Assert.Contains($"(\"{explorer.Id}\");</script>", explorer.Html);
        // The sliders are the four coordinates of largest KL, each labelled.
        Assert.Equal(new[] { "h20", "h19", "h18", "h17" }, LabelFor().Matches(explorer.Html).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void The_output_is_self_contained_and_carries_the_reference_decodes_and_a_static_picture()
    {
        var (model, images, labels) = Course(2, seed: 6);
        var explorer = LatentExplorer.Plane(model, images, labels, Classes, start: 3);
        Assert.DoesNotContain("http", explorer.Html, StringComparison.OrdinalIgnoreCase);
        // One picture, inline: the static one, shown until the script starts.
        Assert.Equal([$" src=\"data:image/png;base64,{Convert.ToBase64String(explorer.Fallback.Bytes)}\""], Regex.Matches(explorer.Html, " src=\"[^\"]*\"").Select(m => m.Value));
        // Shown at twice its pixel width (its 28-pixel images are small), within the page's width.
        int pixels = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(explorer.Fallback.Bytes.AsSpan(16, 4));
        Assert.Contains($" width=\"{2 * pixels}\" style=\"max-width:100%;height:auto;", explorer.Html);
        Assert.DoesNotContain("<style", explorer.Html, StringComparison.OrdinalIgnoreCase);
        var data = Data(explorer);
        var images16 = data["reference"]!["images"]!.AsArray();
        Assert.Equal(explorer.ReferenceImages.Count, images16.Count);
        for (int n = 0; n < images16.Count; n++)
        {
            var bytes = Convert.FromBase64String((string)images16[n]!);
            var decoded = Enumerable.Range(0, 784).Select(i => BitConverter.ToUInt16(bytes, 2 * i) / 65535.0).ToArray();
            Assert.All(Enumerable.Range(0, 784), i => Assert.InRange(Math.Abs(decoded[i] - explorer.ReferenceImages[n][i]), 0, 1.0 / 65535));
        }
        // The references are TorchSharp's decode of the quantised decoder at the points.
        using var points = tensor(explorer.ReferencePoints.SelectMany(p => p).ToArray(), [explorer.ReferencePoints.Count, 2]);
        using var again = explorer.Decoder.Decode(points);
        Assert.Equal(explorer.ReferenceImages[1], again[1].data<float>().ToArray());
        // The point starts at the code of image 3.
        var start = VaeEvaluation.LatentMeans(model, images[3].reshape(1, -1))[0];
        Assert.All(Enumerable.Range(0, 2), c => Assert.Equal(start[c], explorer.ReferencePoints[0][c], 1e-5));
        // One bundle: the live HTML first, the static PNG second (and text for consoles).
        Assert.Equal(new[] { "text/html", "image/png" }, Formatter.GetPreferredMimeTypesFor(typeof(LatentExplorer)));
        Assert.Equal(explorer.Html, explorer.ToDisplayString("text/html"));
        Assert.Equal(explorer.Fallback.Bytes, Convert.FromBase64String(explorer.ToDisplayString("image/png")));
        Assert.StartsWith("Explorateur de l’espace latent (K\u00A0=\u00A02)", explorer.ToDisplayString("text/plain"));
    }

    [Fact]
    public void Bad_arguments_are_refused_with_what_is_wrong()
    {
        var (model20, images, labels) = Course(20, seed: 7);
        Assert.Contains("K = 2", Assert.Throws<ArgumentException>(() => LatentExplorer.Plane(model20, images, labels, Classes)).Message);
        var (model2, _, _) = Course(2, seed: 8);
        Assert.Throws<ArgumentException>(() => LatentExplorer.Plane(model2, images, labels[..10], Classes));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentExplorer.Plane(model2, images, labels, Classes, start: 2000));
        Assert.Throws<ArgumentException>(() => LatentExplorer.Sliders(model20, images[0], [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentExplorer.Sliders(model20, images[0], new double[20], count: 21));
    }

    [GeneratedRegex("<script type=\"application/json\" class=\"latent-explorer-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();

    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("<label for=\"[^\"]+\">(h\\d+) ")]
    private static partial Regex LabelFor();
}
