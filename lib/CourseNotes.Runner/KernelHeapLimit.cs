using System.Globalization;

namespace CourseNotes.Runner;

/// <summary>
/// The GC heap limit the runner gives each kernel (<c>DOTNET_GCHeapHardLimit</c>): an allocation storm
/// (a cell that fills a list without end) then ends as an <see cref="OutOfMemoryException"/> in that cell,
/// with the kernel still answering, instead of the whole machine swapping until the OOM killer picks a
/// process. Default: three quarters of the memory this process may use
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which honours a container's limit). Managed
/// memory only: TorchSharp's tensors live in native memory, outside the limit.
/// The environment variable <c>COURSENOTES_KERNEL_HEAP_LIMIT</c> changes it: a size in bytes with an
/// optional k, m or g suffix (<c>512m</c>, <c>4g</c>), a percentage of the available memory (<c>50%</c>),
/// or <c>none</c>.
/// </summary>
public static class KernelHeapLimit
{
    /// <summary>The environment variable that sets the limit.</summary>
    public const string Variable = "COURSENOTES_KERNEL_HEAP_LIMIT";

    /// <summary>The default share of the available memory.</summary>
    public const double DefaultFraction = 0.75;

    /// <summary>The smallest limit accepted (the kernel's compiler alone needs about 200 MB).</summary>
    public const long Minimum = 64L << 20;

    /// <summary>The limit from <see cref="Variable"/>, else the default; null for none. A bad value is a <see cref="UsageException"/> (exit 2).</summary>
    public static long? Default()
    {
        try
        {
            return Parse(Environment.GetEnvironmentVariable(Variable), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// Reads a limit as <see cref="Variable"/> holds it; <paramref name="available"/> is the memory a
    /// percentage refers to. Empty: the default; a bad value throws <see cref="FormatException"/> naming it.
    /// </summary>
    public static long? Parse(string? text, long available)
    {
        text = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text)) return Math.Max(Minimum, (long)(available * DefaultFraction));
        if (text == "none") return null;
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent is > 0 and <= 100)
            return Math.Max(Minimum, (long)(available * percent / 100));
        long unit = text[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1 };
        string digits = unit == 1 ? text : text[..^1];
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long size) && size > 0 && size <= long.MaxValue / unit && size * unit >= Minimum)
            return size * unit;
        throw new FormatException($"{Variable}={text}: expected a size such as 512m or 4g (at least 64m), a percentage such as 50%, or none.");
    }
}
