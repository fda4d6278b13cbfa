using System.Collections;
using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseNotes.Kernel.Magics;

/// <summary>
/// A one-line description of a variable's value for <c>#!whos</c>: a TorchSharp tensor as its shape, element
/// type and device (read by reflection: the kernel does not reference TorchSharp, which notebooks load with
/// <c>#r</c>); any other value as its plain-text formatting, cut at <see cref="MaxLength"/> characters.
/// </summary>
public static class ValueSummary
{
    /// <summary>The longest summary, in characters (an ellipsis ends a longer one).</summary>
    public const int MaxLength = 80;

    private const string TensorType = "TorchSharp.torch+Tensor";

    /// <summary>The summary of <paramref name="value"/>; never throws (a value that cannot be read says why).</summary>
    public static string Of(object? value)
    {
        try
        {
            if (value is null) return "null";
            if (IsTensor(value.GetType())) return Tensor(value);
            string text = value.ToDisplayString("text/plain").ReplaceLineEndings(" ");
            if (value is ICollection collection && value is not string) text = $"({collection.Count} éléments) {text}";
            return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
        }
        catch (Exception e)
        {
            return $"(illisible : {e.GetType().Name})";
        }
    }

    /// <summary>True for TorchSharp's <c>torch.Tensor</c> and its subclasses (<c>Parameter</c>).</summary>
    public static bool IsTensor(Type type)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
            if (t.FullName == TensorType) return true;
        return false;
    }

    /// <summary>"Tensor [128, 784] Float32 cpu": shape, dtype and device, as PyTorch's <c>%whos</c> users expect.</summary>
    private static string Tensor(object tensor)
    {
        var type = tensor.GetType();
        if (type.GetProperty("IsInvalid")?.GetValue(tensor) is true) return "Tensor (libéré)";
        var shape = (long[])type.GetProperty("shape")!.GetValue(tensor)!;
        object dtype = type.GetProperty("dtype")!.GetValue(tensor)!;
        object device = type.GetProperty("device")!.GetValue(tensor)!;
        string dimensions = string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        return $"Tensor [{dimensions}] {dtype} {device}";
    }
}
