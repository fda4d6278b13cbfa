using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace CourseNotes.Tests.Shared;

/// <summary>Where the course library fixes libtorch's CPU code path (CourseNotes.Vae.CpuCodePath, MKL and ATen on AVX2).</summary>
public static class CpuPath
{
    /// <summary>Linux x86-64 with AVX2 and FMA: the library sets the path there, unless the user chose it.</summary>
    public static bool Fixable => OperatingSystem.IsLinux() && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>The path is fixable and the user set neither <c>MKL_CBWR</c> nor <c>ATEN_CPU_CAPABILITY</c>: the library's values apply.</summary>
    public static bool FixedByTheLibrary => Fixable
        && Environment.GetEnvironmentVariable("MKL_CBWR") is null && Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") is null;

    /// <summary>The processor's vendor string, from CPUID leaf 0 (« GenuineIntel », « AuthenticAMD »…), or « not x86 ».</summary>
    public static string Vendor { get; } = ReadVendor();

    /// <summary>
    /// Whether a libtorch training here gives the bits of the stored outputs: the library's path, on any vendor's
    /// processor. MKL honours its AVX2 branch on Intel processors only; on others the library loads its IntelCpuShim
    /// first. Without it, on an AMD EPYC (Zen 4, 2026-12-03), MKL kept its AUTO branch, notebook 4's hand-written training
    /// of 100 steps ended with the loss 288,6953 against the stored 288,6949, and later claims failed; with it, notebooks
    /// 4 and 5 verify byte for byte there.
    /// </summary>
    public static bool ReproducesStoredTrainings => FixedByTheLibrary;

    private static string ReadVendor()
    {
        if (!X86Base.IsSupported) return "not x86";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        int[] parts = [ebx, edx, ecx];   // the vendor string's order
        return Encoding.ASCII.GetString(MemoryMarshal.AsBytes(parts.AsSpan()));
    }
}
