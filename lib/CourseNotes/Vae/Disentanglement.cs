using MathNet.Numerics.Statistics;

namespace CourseNotes.Vae;

/// <summary>
/// How well the latent means recover the true generative factors: the Pearson correlation of every
/// latent coordinate with every factor, and the mutual information gap (MIG, Chen et al. 2018, as in
/// disentanglement_lib): each latent mean is discretised into equal-width bins, the mutual information
/// I(zⱼ; f) with each discrete factor f is computed from counts, and
/// <c>MIG = mean_f (I₍₁₎ − I₍₂₎) / H(f)</c>, the gap between the two most informative latents
/// relative to the factor's entropy: 1 when one latent alone carries the factor, 0 when none stands out.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/05-diagnostics-vae.ipynb">05-diagnostics-vae.ipynb</a>, section « Démêlage : les facteurs des formes ».</remarks>
public static class Disentanglement
{
    /// <summary>Correlation[j][f] between latent j and factor f over the N images (MathNet's Pearson).</summary>
    public static double[][] Correlations(IReadOnlyList<double[]> latents, IReadOnlyList<int[]> factors)
    {
        Check(latents, factors);
        int k = latents[0].Length, m = factors[0].Length;
        return Enumerable.Range(0, k).Select(j => Enumerable.Range(0, m).Select(f =>
            Correlation.Pearson(latents.Select(z => z[j]), factors.Select(v => (double)v[f]))).ToArray()).ToArray();
    }

    /// <summary>I(zⱼ; f) in nats for every latent j and factor f, latents discretised into <paramref name="bins"/> ≥ 2 equal-width bins.</summary>
    public static double[][] MutualInformation(IReadOnlyList<double[]> latents, IReadOnlyList<int[]> factors, int bins = 20)
    {
        Check(latents, factors);
        Guard.AtLeast(bins, 2, nameof(bins));
        int n = latents.Count, k = latents[0].Length, m = factors[0].Length;
        var result = new double[k][];
        for (int j = 0; j < k; j++)
        {
            double min = latents.Min(z => z[j]), max = latents.Max(z => z[j]);
            double width = max > min ? (max - min) / bins : 1;
            var binned = latents.Select(z => Math.Min(bins - 1, (int)((z[j] - min) / width))).ToArray();
            result[j] = new double[m];
            for (int f = 0; f < m; f++)
                result[j][f] = DiscreteMutualInformation(binned, factors.Select(v => v[f]).ToArray(), n);
        }
        return result;
    }

    /// <summary>
    /// How much of each factor a linear read-out of all the latents explains: the R² of the least-squares
    /// fit <c>f ≈ a + Σⱼ bⱼ zⱼ</c> (MathNet's QR regression), in [0, 1]. Meaningful for ordered factors
    /// (size, position); for a category or an angle, prefer <see cref="MutualInformation"/>.
    /// </summary>
    public static double[] LinearDecodability(IReadOnlyList<double[]> latents, IReadOnlyList<int[]> factors)
    {
        Check(latents, factors);
        int k = latents[0].Length;
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(latents.Count, k + 1, (n, j) => j == 0 ? 1 : latents[n][j - 1]);
        return Enumerable.Range(0, factors[0].Length).Select(f =>
        {
            var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(factors.Count, n => factors[n][f]);
            var fit = design * MathNet.Numerics.LinearRegression.MultipleRegression.QR(design, y);
            double mean = y.Average(), total = (y - mean).DotProduct(y - mean);
            return total > 0 ? 1 - (y - fit).DotProduct(y - fit) / total : 0;
        }).ToArray();
    }

    /// <summary>The entropy H(f) in nats of each factor's empirical distribution.</summary>
    public static double[] FactorEntropies(IReadOnlyList<int[]> factors) =>
        Enumerable.Range(0, factors[0].Length).Select(f => Entropy(factors.Select(v => v[f]).ToArray())).ToArray();

    /// <summary>The MIG, averaged over factors (each factor's gap also returned), in [0, 1].</summary>
    public static (double Mig, double[] PerFactor) MutualInformationGap(IReadOnlyList<double[]> latents, IReadOnlyList<int[]> factors, int bins = 20)
    {
        var mi = MutualInformation(latents, factors, bins);
        var entropies = FactorEntropies(factors);
        if (mi.Length < 2) throw new ArgumentException("the MIG needs at least two latent coordinates.", nameof(latents));
        var gaps = entropies.Select((h, f) =>
        {
            var sorted = mi.Select(row => row[f]).OrderByDescending(v => v).ToArray();
            return h > 0 ? (sorted[0] - sorted[1]) / h : 0;
        }).ToArray();
        return (gaps.Average(), gaps);
    }

    private static double DiscreteMutualInformation(int[] a, int[] b, int n)
    {
        var joint = new Dictionary<(int, int), int>();
        var left = new Dictionary<int, int>();
        var right = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            joint[(a[i], b[i])] = joint.GetValueOrDefault((a[i], b[i])) + 1;
            left[a[i]] = left.GetValueOrDefault(a[i]) + 1;
            right[b[i]] = right.GetValueOrDefault(b[i]) + 1;
        }
        double mi = 0;
        foreach (var ((x, y), c) in joint)
            mi += (double)c / n * Math.Log((double)c * n / ((double)left[x] * right[y]));
        return Math.Max(0, mi);
    }

    private static double Entropy(int[] values) =>
        -values.GroupBy(v => v).Select(g => (double)g.Count() / values.Length).Sum(p => p * Math.Log(p));

    private static void Check(IReadOnlyList<double[]> latents, IReadOnlyList<int[]> factors)
    {
        Guard.NotNull(latents, nameof(latents));
        Guard.NotNull(factors, nameof(factors));
        if (latents.Count == 0 || latents.Count != factors.Count)
            throw new ArgumentException($"{latents.Count} latent rows for {factors.Count} factor rows (at least one each).", nameof(factors));
    }
}
