using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.Vae.Explorer;

/// <summary>
/// Rounds a layer's weights to 8 bits so that the layer's <em>outputs</em> move as little as possible on given inputs,
/// rather than each weight on its own (GPTQ, Frantar et al., 2023, after Optimal Brain Surgeon): the columns are
/// rounded one after another, and each rounding error is spread over the columns not yet rounded in the direction that
/// the inputs' second moment <c>C = E[z zᵀ]</c> says cancels it best, <c>w_{&gt;j} −= (wⱼ − ŵⱼ) U_{j,&gt;j} / U_{jj}</c>,
/// with U the upper Cholesky factor of C⁻¹. Every row keeps its scale sᵢ; a weight pushed beyond ±127 sᵢ is clipped.
/// </summary>
internal static class ErrorCompensatingRounding
{
    /// <summary>
    /// q[j · D + i] ≈ W[i, j] / sᵢ for the matrix <paramref name="weights"/> (D rows of H, row by row), the row scales
    /// <paramref name="scales"/> and the inputs <paramref name="inputs"/> (N rows of H, the layer's z on points the page reaches).
    /// </summary>
    internal static sbyte[] Round(double[] weights, int rows, int columns, float[] scales, double[] inputs, int samples)
    {
        var q = new sbyte[rows * columns];
        if (columns == 0) return q;
        // C = ZᵀZ / N, damped by 1 % of its mean diagonal so that it stays invertible (units that rarely fire).
        var z = Matrix<double>.Build.Dense(samples, columns, (n, j) => inputs[n * columns + j]);
        var moment = z.TransposeThisAndMultiply(z) / samples;
        double damping = 0.01 * moment.Diagonal().Average() + 1e-12;
        for (int j = 0; j < columns; j++) moment[j, j] += damping;
        var upper = moment.Inverse().Cholesky().Factor.Transpose().ToArray();
        var w = (double[])weights.Clone();
        for (int j = 0; j < columns; j++)
        {
            double pivot = upper[j, j];
            for (int i = 0; i < rows; i++)
            {
                double value = w[i * columns + j];
                sbyte code = scales[i] == 0 ? (sbyte)0 : (sbyte)Math.Clamp(Math.Round(value / scales[i], MidpointRounding.ToEven), -127, 127);
                q[j * rows + i] = code;
                double error = (value - scales[i] * code) / pivot;
                for (int l = j + 1; l < columns; l++) w[i * columns + l] -= error * upper[j, l];
            }
        }
        return q;
    }
}
