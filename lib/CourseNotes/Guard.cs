using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes;

/// <summary>Argument checks shared by the library: each throws an <see cref="ArgumentException"/> that names the parameter.</summary>
internal static class Guard
{
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"{name} must be a finite number, got {value}.", name);

    public static double Positive(double value, string name) =>
        Finite(value, name) > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    public static double Probability(double value, string name) =>
        Finite(value, name) is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1].");

    /// <summary>A decay rate such as Adam's β₁, β₂: in [0, 1).</summary>
    public static double Decay(double value, string name) =>
        Finite(value, name) is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");

    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");

    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);

    public static Vector<double> Finite(Vector<double>? vector, string name)
    {
        NotNull(vector, name);
        for (int i = 0; i < vector!.Count; i++)
            if (!double.IsFinite(vector[i]))
                throw new ArgumentException($"{name}[{i}] must be a finite number, got {vector[i]}.", name);
        return vector;
    }

    public static void Dimension(Vector<double> vector, int expected, string name)
    {
        if (vector.Count != expected)
            throw new ArgumentException($"{name} has dimension {vector.Count}, expected {expected}.", name);
    }

    /// <summary>Checks a probability vector: finite entries in [0, 1] summing to 1 within 1e-9.</summary>
    public static double[] ProbabilityVector(IReadOnlyList<double>? probabilities, string name)
    {
        NotNull(probabilities, name);
        if (probabilities!.Count == 0) throw new ArgumentException($"{name} must not be empty.", name);
        var copy = probabilities.ToArray();
        for (int i = 0; i < copy.Length; i++) Probability(copy[i], $"{name}[{i}]");
        double sum = copy.Sum();
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException($"{name} must sum to 1, got {sum:R}.", name);
        return copy;
    }
}
