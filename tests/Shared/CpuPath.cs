using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace CourseNotes.Tests.Shared;

/// <summary>Where the course library fixes libtorch's CPU code path (CourseNotes.Vae.CpuCodePath, MKL and ATen on AVX2).</summary>
public static class CpuPath
{
    /// <summary>Linux x86-64 with AVX2 and FMA: the library sets the path there, unless the user chose it.</summary>
    public static bool Fixable => OperatingSystem.IsLinux() && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>
    /// The path is fixable and the user set neither <c>MKL_CBWR</c> nor <c>ATEN_CPU_CAPABILITY</c>: the library's values apply,
    /// and a libtorch training reproduces the stored outputs bit for bit, on Intel and AMD processors alike (on AMD's, through
    /// the library's IntelCpuShim: without it, an AMD EPYC, Zen 4, drifted from notebooks 4 and 5's stored outputs).
    /// </summary>
    public static bool FixedByTheLibrary => Fixable
        && Environment.GetEnvironmentVariable("MKL_CBWR") is null && Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") is null;

    /// <summary>The processor's vendor string, from CPUID leaf 0 (« GenuineIntel », « AuthenticAMD »…), or « not x86 ».</summary>
    public static string Vendor { get; } = ReadVendor();

    private static string ReadVendor()
    {
        if (!X86Base.IsSupported) return "not x86";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        int[] parts = [ebx, edx, ecx];   // the vendor string's order
        return Encoding.ASCII.GetString(MemoryMarshal.AsBytes(parts.AsSpan()));
    }
}
