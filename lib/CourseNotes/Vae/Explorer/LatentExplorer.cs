using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CourseNotes.Charts;
using CourseNotes.Formatting;
using CourseNotes.Notebooks;
using Microsoft.DotNet.Interactive.Formatting;
using static TorchSharp.torch;

namespace CourseNotes.Vae.Explorer;

/// <summary>
/// A live view of a trained decoder that runs in the page, without a kernel: for K = 2 (<see cref="Plane"/>) a point the
/// reader drags over the test images' codes coloured by class, for K ≥ 3 (<see cref="Sliders"/>) one slider for each of
/// the coordinates of largest KL, starting from μ_φ(x) of a test image; beside it the decoded image, redrawn at each move.
/// A notebook cell that ends with an explorer shows one <c>text/html</c> output (its own script, its data inline, the
/// decoder's output matrix quantised to 8 bits by <see cref="QuantizedDecoder"/>; nothing loaded from elsewhere) and a
/// static <c>image/png</c> in the same bundle for front ends that run no script. The script starts when the explorer
/// scrolls into view; arrow keys move the point or a slider; the image's accessible name says where it was decoded.
/// The output also holds reference decodes by TorchSharp of a few codes (<see cref="ReferencePoints"/>), which the
/// browser tests compare with the page's own decode. Same model and arguments, same bytes.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, sections « L'espace latent en deux dimensions » and « Parcours latents ».</remarks>
public sealed class LatentExplorer
{
    /// <summary>The class colours of the plane: the course's chart colours (<see cref="Charts.ChartColours"/>), as in its scatter plots.</summary>
    public static IReadOnlyList<string> Colours => Charts.ChartColours.Sequence;

    /// <summary>The most bytes an explorer adds to a notebook (<see cref="Bytes"/>): 500 kB, so that a notebook stays reviewable in git.</summary>
    public const int BudgetBytes = 500_000;

    private static readonly ConcurrentDictionary<string, int> Shown = new();

    static LatentExplorer()
    {
        Formatter.Register<LatentExplorer>(explorer => explorer.Html, MimeType.Html);
        Formatter.Register<LatentExplorer>(explorer => Convert.ToBase64String(explorer.Fallback.Bytes), MimeType.Png);
        Formatter.Register<LatentExplorer>(explorer => explorer.ToString(), MimeType.PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(LatentExplorer), MimeType.Html, MimeType.Png);
    }

    private LatentExplorer(string id, string html, PngImage fallback, QuantizedDecoder decoder, float[][] points, float[][] references, double error, double bound, int latentSize)
    {
        Id = id;
        Html = html;
        Fallback = fallback;
        Decoder = decoder;
        ReferencePoints = points;
        ReferenceImages = references;
        QuantizationError = error;
        QuantizationErrorBound = bound;
        LatentSize = latentSize;
    }

    /// <summary>The explorer's element id: « latent-explorer- » and a hash of its content, then « -2 », « -3 »… for a copy shown again in the same process, so that explorers never share an id on a page.</summary>
    public string Id { get; }

    /// <summary>The <c>text/html</c> output: element, controls, data and script.</summary>
    public string Html { get; }

    /// <summary>The static picture for front ends that run no script: the Kingma–Welling grid (K = 2) or the sliders' traversals (K ≥ 3).</summary>
    public PngImage Fallback { get; }

    /// <summary>The decoder the page runs.</summary>
    public QuantizedDecoder Decoder { get; }

    /// <summary>K.</summary>
    public int LatentSize { get; }

    /// <summary>Codes the page must decode like TorchSharp ([K] each): the start, and points across the reachable box.</summary>
    public IReadOnlyList<float[]> ReferencePoints { get; }

    /// <summary>TorchSharp's decode ([D] in [0, 1]) of each reference point with the quantised weights, written in the output.</summary>
    public IReadOnlyList<float[]> ReferenceImages { get; }

    /// <summary>The largest gap, over a grid of the reachable box, between a pixel decoded with the 8-bit weights and with the float decoder.</summary>
    public double QuantizationError { get; }

    /// <summary><see cref="QuantizedDecoder.ErrorBound"/>'s largest value over the same grid: the gap cannot exceed it.</summary>
    public double QuantizationErrorBound { get; }

    /// <summary>Bytes the explorer adds to a notebook: its HTML (UTF-8) and its PNG in base64.</summary>
    public int Bytes => Encoding.UTF8.GetByteCount(Html) + Convert.ToBase64String(Fallback.Bytes).Length;

    /// <summary>
    /// The explorer of a VAE with K = 2: the plane <c>[−extent, extent]²</c>, the codes μ_φ(x) of <paramref name="images"/>
    /// drawn as dots coloured by <paramref name="labels"/>, the point starting at the code of image <paramref name="start"/>.
    /// </summary>
    /// <param name="model">A trained, unconditional <see cref="MlpVae"/> with K = 2.</param>
    /// <param name="images">Test images [n, D] (n ≥ 1; a few thousand keep the output small: 3 bytes per code).</param>
    /// <param name="labels">Their classes, n values in [0, classNames.Count).</param>
    /// <param name="classNames">The class names (French), at most 10.</param>
    /// <param name="start">The image whose code the point starts at, 0 ≤ start &lt; n.</param>
    /// <param name="extent">Half the side of the plane, &gt; 0 (4: the prior's mass is almost all within ±3).</param>
    /// <param name="gridSide">Images per side of the fallback's Kingma–Welling grid, ≥ 2 (fewer if the budget needs it).</param>
    /// <param name="colours">The class colours as <c>#rrggbb</c>, one per class name, those of the notebook's own scatter plot
    /// of the same plane, so that a class keeps its colour; null: the course's chart colours (<see cref="Colours"/>).</param>
    public static LatentExplorer Plane(MlpVae model, Tensor images, IReadOnlyList<byte> labels, IReadOnlyList<string> classNames,
        int start = 0, double extent = 4, int gridSide = 8, IReadOnlyList<string>? colours = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(classNames, nameof(classNames));
        Guard.Positive(extent, nameof(extent));
        Guard.AtLeast(gridSide, 2, nameof(gridSide));
        if (model.LatentSize != 2) throw new ArgumentException($"the plane needs K = 2, this VAE has K = {model.LatentSize}: use Sliders.", nameof(model));
        if (classNames.Count is < 1 or > 10) throw new ArgumentException("give 1 to 10 class names.", nameof(classNames));
        colours ??= Colours;
        if (colours.Count < classNames.Count) throw new ArgumentException($"{classNames.Count} class names but {colours.Count} colours.", nameof(colours));
        if (colours.Any(c => !System.Text.RegularExpressions.Regex.IsMatch(c ?? "", "^#[0-9a-fA-F]{6}$")))
            throw new ArgumentException("each colour must be written #rrggbb.", nameof(colours));
        var codes = VaeEvaluation.LatentMeans(model, images);
        if (labels.Count != codes.Length) throw new ArgumentException($"{codes.Length} images but {labels.Count} labels.", nameof(labels));
        if (labels.Any(l => l >= classNames.Count)) throw new ArgumentException("a label has no class name.", nameof(labels));
        if (start < 0 || start >= codes.Length) throw new ArgumentOutOfRangeException(nameof(start), start, $"the start image must lie in [0, {codes.Length - 1}].");

        double[] lower = [-extent, -extent], upper = [extent, extent];
        var decoder = QuantizedDecoder.Of(model, lower, upper);
        float[] first = [Clip(codes[start][0], extent), Clip(codes[start][1], extent)];
        var inside = Enumerable.Range(0, codes.Length).Where(n => Math.Abs(codes[n][0]) <= extent && Math.Abs(codes[n][1]) <= extent).ToArray();
        var plane = new JsonObject
        {
            ["extent"] = extent,
            // A point farther than this from every code is « far from every test code » in the image's description.
            ["far"] = 0.5,
            ["codes"] = Convert.ToBase64String(inside.SelectMany(n => new[] { Quantized(codes[n][0], extent), Quantized(codes[n][1], extent) }).Select(v => (byte)v).ToArray()),
            ["labels"] = Convert.ToBase64String(inside.Select(n => labels[n]).ToArray()),
            ["colours"] = new JsonArray(colours.Take(classNames.Count).Select(c => (JsonNode)c).ToArray()),
            ["classes"] = new JsonArray(classNames.Select(c => (JsonNode)c).ToArray()),
        };
        float e = (float)extent;
        float[][] points = [first, [0, 0], [0.75f * e, -0.75f * e], [-e, e], [e / 2, e / 3]];
        var grid = Grid(lower, upper, [0, 1], 21);
        // The largest Kingma–Welling grid, gridSide × gridSide at most, that keeps the explorer within the budget.
        var fallbacks = Enumerable.Range(2, Math.Max(0, gridSide - 1)).Reverse().Select(side => (Func<PngImage>)(() =>
        {
            using var kw = VaeImages.LatentGrid(model, side);
            return ImageGrid.Png(kw, columns: side, scale: 1);
        }));
        return Build(model, decoder, "plane", first, lower, upper, plane, [], points, grid, fallbacks,
            $"Explorateur de l’espace latent (K\u00A0=\u00A02)\u00A0: le plan des codes et l’image décodée",
            "Images décodées sur une grille du plan latent, aux quantiles de la loi normale (h₁ croît de gauche à droite, h₂ de bas en haut)\u202F; l’explorateur interactif, qui demande JavaScript, les remplace",
            classNames.Select((name, c) => (name, colours[c])).ToArray());
    }

    /// <summary>
    /// The explorer of a VAE with K ≥ 3: one slider for each of the <paramref name="count"/> coordinates of largest
    /// <paramref name="klPerUnit"/> (e.g. <see cref="VaeEvaluation.KlPerUnit"/>), each over
    /// <c>[−range, range]</c> (widened to hold the start), the other coordinates fixed at μ_φ(<paramref name="image"/>).
    /// </summary>
    /// <param name="model">A trained, unconditional <see cref="MlpVae"/>.</param>
    /// <param name="image">The image whose code the sliders start at, [1, D] or [D].</param>
    /// <param name="klPerUnit">The KL of each coordinate (nats), K values.</param>
    /// <param name="count">Sliders, 1 ≤ count ≤ K.</param>
    /// <param name="range">Each slider's half-range, &gt; 0 (3 as in the traversals).</param>
    public static LatentExplorer Sliders(MlpVae model, Tensor image, IReadOnlyList<double> klPerUnit, int count = 5, double range = 3)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(image, nameof(image));
        Guard.NotNull(klPerUnit, nameof(klPerUnit));
        Guard.Positive(range, nameof(range));
        int k = model.LatentSize;
        if (klPerUnit.Count != k) throw new ArgumentException($"give the KL of each of the {k} coordinates.", nameof(klPerUnit));
        if (count < 1 || count > k) throw new ArgumentOutOfRangeException(nameof(count), count, $"the number of sliders must lie in [1, {k}].");
        var start = VaeEvaluation.LatentMeans(model, image.reshape(1, -1))[0];
        var chosen = Enumerable.Range(0, k).OrderByDescending(i => klPerUnit[i]).ThenBy(i => i).Take(count).ToArray();
        var first = start.Select(v => (float)v).ToArray();
        var lower = first.Select(v => (double)v).ToArray();
        var upper = first.Select(v => (double)v).ToArray();
        foreach (int i in chosen) (lower[i], upper[i]) = (Math.Min(-range, first[i]), Math.Max(range, first[i]));
        var decoder = QuantizedDecoder.Of(model, lower, upper);
        var sliders = chosen.Select(i => (decoder.Coordinates.ToList().IndexOf(i), i, $"h{i + 1} (KL {CourseCulture.Nats(klPerUnit[i])})", lower[i], upper[i])).ToArray();

        float[] With(params (int Coordinate, double Value)[] changes)
        {
            var point = (float[])first.Clone();
            foreach (var (c, v) in changes) point[c] = (float)v;
            return point;
        }
        float[][] points = [first, With((chosen[0], 2 * range / 3)), With((chosen[0], -range)), With((chosen[^1], range), (chosen[0], range / 3))];
        var grid = Grid(lower, upper, chosen, 7);
        // Each slider's traversal from −range to range, in 7, 5 or 3 steps: the most that keeps the explorer within the budget.
        var fallbacks = new[] { 7, 5, 3 }.Select(steps => (Func<PngImage>)(() =>
        {
            var values = Enumerable.Range(0, steps).Select(n => -range + 2 * range * n / (steps - 1)).ToArray();
            var rows = chosen.SelectMany(i => values.Select(v => With((i, v)))).ToArray();
            using var pictures = decoder.Decode(tensor(rows.SelectMany(p => p).ToArray(), [rows.Length, k]));
            return ImageGrid.Png(pictures, columns: steps, scale: 1);
        }));
        return Build(model, decoder, "sliders", first, lower, upper, null, sliders, points, grid, fallbacks,
            $"Explorateur de l’espace latent (K\u00A0=\u00A0{k})\u00A0: {count} curseurs et l’image décodée",
            CourseCulture.Format($"Parcours de {string.Join(", ", chosen.Select(i => $"h{i + 1}"))}, une coordonnée par ligne, de −{range:0.##} à {range:0.##}, les autres au code de départ\u202F; l’explorateur interactif, qui demande JavaScript, les remplace"), []);
    }

    /// <summary>« Explorateur de l’espace latent (K = 2) : … ko » (kilooctets, SI prefix), with the quantisation error.</summary>
    public override string ToString() => CourseCulture.Format(
        $"Explorateur de l’espace latent (K\u00A0=\u00A0{LatentSize})\u00A0: {Bytes / 1000.0:F0}\u00A0ko, {Decoder.HiddenSize} unités cachées sur {Decoder.HiddenSize + Decoder.DroppedUnits}, poids de sortie sur 8\u00A0bits (écart maximal à la précision float32\u00A0: {QuantizationError:F4} par pixel, borne {QuantizationErrorBound:F4})");

    private static LatentExplorer Build(MlpVae model, QuantizedDecoder decoder, string mode, float[] start, double[] lower, double[] upper,
        JsonObject? plane, IReadOnlyList<(int, int, string, double, double)> sliders, float[][] points, float[][] grid, IEnumerable<Func<PngImage>> fallbacks,
        string title, string pictureAlt, IReadOnlyList<(string, string)> legend)
    {
        int k = model.LatentSize;
        using var pointTensor = tensor(points.SelectMany(p => p).ToArray(), [points.Length, k]);
        using var decoded = decoder.Decode(pointTensor);
        var references = Rows(decoded);

        // The quantisation's cost, measured on a grid of the reachable box against the float decoder.
        using var gridTensor = tensor(grid.SelectMany(p => p).ToArray(), [grid.Length, k]);
        using var quantised = decoder.Decode(gridTensor);
        using var exact = VaeImages.Decode(model, gridTensor);
        using var gap = (quantised - exact).abs().max();
        double error = gap.item<float>();
        double bound = decoder.ErrorBound(gridTensor).Max();

        var free = decoder.Coordinates;
        var data = new JsonObject
        {
            ["mode"] = mode,
            // The page works on the free coordinates only (the fixed ones are in b₁).
            ["k"] = free.Count,
            ["hidden"] = decoder.HiddenSize,
            ["pixels"] = decoder.PixelCount,
            ["side"] = (int)Math.Round(Math.Sqrt(decoder.PixelCount)),
            ["sigmoid"] = decoder.Sigmoid,
            ["w1"] = Base64(decoder.HiddenWeights),
            ["b1"] = Base64(decoder.HiddenBias),
            // The 8-bit matrix, compressed (zlib); the page inflates it with DecompressionStream.
            ["w2"] = Convert.ToBase64String(Deflated(decoder.OutputWeights)),
            ["s2"] = Base64(decoder.OutputScales),
            ["b2"] = Base64(decoder.OutputBias),
            ["start"] = Numbers(free.Select(c => start[c])),
            ["lower"] = Numbers(free.Select(c => lower[c])),
            ["upper"] = Numbers(free.Select(c => upper[c])),
            ["names"] = new JsonArray(free.Select(c => (JsonNode)$"h{c + 1}").ToArray()),
            ["reference"] = new JsonObject
            {
                ["points"] = new JsonArray(points.Select(p => (JsonNode)Numbers(free.Select(c => p[c]))).ToArray()),
                // TorchSharp's pixels, 16 bits each (value × 65535, rounded): far finer than the 1/255 the page must match.
                ["images"] = new JsonArray(references.Select(r => (JsonNode)Convert.ToBase64String(r.SelectMany(v => BitConverter.GetBytes((ushort)Math.Round(v * 65535))).ToArray())).ToArray()),
            },
        };
        if (plane is not null) data["plane"] = plane;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToJsonString())))[..10];
        int copy = Shown.AddOrUpdate(hash, 1, (_, n) => n + 1);
        string id = $"latent-explorer-{hash}{(copy > 1 ? $"-{copy}" : "")}";
        // The static picture is in the bundle (image/png) and in the HTML (until the script starts): the largest that fits the budget twice.
        foreach (var make in fallbacks)
        {
            var fallback = make();
            string html = ExplorerHtml.Render(id, data, title, sliders, legend, fallback.Bytes, pictureAlt);
            if (Encoding.UTF8.GetByteCount(html) + Convert.ToBase64String(fallback.Bytes).Length <= BudgetBytes)
                return new LatentExplorer(id, html, fallback, decoder, points, references, error, bound, k);
        }
        throw new InvalidOperationException($"no static picture keeps the explorer within its {BudgetBytes}-byte budget.");
    }

    // Points of the box on a regular grid of the given coordinates (the others at the box's lower value, which equals its upper one).
    private static float[][] Grid(double[] lower, double[] upper, int[] coordinates, int steps)
    {
        var points = new List<float[]>();
        foreach (int c in coordinates)
            for (int n = 0; n < steps; n++)
            {
                var point = lower.Select((l, i) => (float)(l == upper[i] ? l : (l + upper[i]) / 2)).ToArray();
                point[c] = (float)(lower[c] + (upper[c] - lower[c]) * n / (steps - 1));
                points.Add(point);
            }
        if (coordinates.Length == 2 && lower.Length == 2)
            for (int a = 0; a < steps; a++)
                for (int b = 0; b < steps; b++)
                    points.Add([(float)(lower[0] + (upper[0] - lower[0]) * a / (steps - 1)), (float)(lower[1] + (upper[1] - lower[1]) * b / (steps - 1))]);
        return points.ToArray();
    }

    private static float[][] Rows(Tensor images)
    {
        int n = (int)images.shape[0], d = (int)images.shape[1];
        var flat = images.contiguous().data<float>().ToArray();
        return Enumerable.Range(0, n).Select(i => flat.AsSpan(i * d, d).ToArray()).ToArray();
    }

    private static byte[] Deflated(sbyte[] values)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        return buffer.ToArray();
    }

    private static float Clip(double v, double extent) => (float)Math.Clamp(v, -extent, extent);

    private static sbyte Quantized(double v, double extent) => (sbyte)Math.Clamp(Math.Round(v / extent * 127), -127, 127);

    private static string Base64(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the explorer writes little-endian floats.");
        return Convert.ToBase64String(bytes);
    }

    private static JsonArray Numbers(IEnumerable<float> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
