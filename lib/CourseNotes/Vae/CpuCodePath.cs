using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace CourseNotes.Vae;

/// <summary>
/// Fixes the code path of libtorch's two CPU back ends to AVX2, on Linux x86-64 machines that have AVX2 and FMA, so
/// that a seeded computation gives the same bits on every such machine: Intel MKL's matrix products
/// (<c>MKL_CBWR=AVX2</c>, MKL's Conditional Numerical Reproducibility) and ATen's vectorised kernels
/// (<c>ATEN_CPU_CAPABILITY=avx2</c>). Both back ends read their variable once, at their first use, so the variables are set
/// in the native environment when this library is first used; a value the user set is kept.
/// Why: left to choose, each back end picks the widest path of the processor, and the paths round differently (MKL's
/// AVX-512 products sum in another order than its AVX2 ones, and its path on some processors uses no fused multiply-add).
/// A training of thousands of steps amplifies a difference in the last bit: the course VAE trained on one machine and
/// on another gave 0,81 and 0,66 nat for the same figure, and a notebook's claims about particular samples held on one
/// and not the other. AVX2 is the widest path common to the x86-64 processors of the last ten years, Intel and AMD; on
/// an AVX-512 machine it costs about a third of the training speed (measured with the benchmark on a 2-core Xeon with
/// AVX-512: fp32 GEMM 1024² 119 against 178 GFLOP/s, the course VAE 17 000 against 25 300 samples/s).
/// MKL honours the branch on Intel processors only: on another vendor's it keeps its AUTO branch (measured on an AMD
/// EPYC, Zen 4: the trainings of notebooks 4 and 5 then leave their stored outputs). There the library first loads
/// <see cref="IntelCpuShim"/>, which lets MKL take its Intel paths; with it, the same AMD machine reproduces the stored
/// outputs byte for byte.
/// On other systems and processors (Windows, macOS, ARM) the back ends choose, and the last digits of a training may differ
/// from the stored outputs.
/// </summary>
internal static class CpuCodePath
{
    /// <summary>MKL's variable and the branch it is given.</summary>
    public const string MklVariable = "MKL_CBWR", MklBranch = "AVX2";

    /// <summary>ATen's variable and the capability it is given.</summary>
    public const string AtenVariable = "ATEN_CPU_CAPABILITY", AtenCapability = "avx2";

    /// <summary>Sets both variables in the native environment, each unless the user set it, on Linux x86-64 with AVX2 and FMA.</summary>
#pragma warning disable CA2255 // A library's module initializer, on purpose: it must run before libtorch's back ends start, whichever type is used first.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() || !Avx2.IsSupported || !Fma.IsSupported) return;
        NativeEnvironment.SetUnlessPresent(MklVariable, MklBranch);   // not glibc: the back ends choose
        NativeEnvironment.SetUnlessPresent(AtenVariable, AtenCapability);
        if (!IsIntel) IntelCpuShim.Load();   // before libtorch loads: MKL's vendor check then answers « Intel »
    }

    /// <summary>The processor's vendor string from CPUID leaf 0 (« GenuineIntel », « AuthenticAMD »…), or « not x86 ».</summary>
    public static string Vendor { get; } = ReadVendor();

    private static bool IsIntel => Vendor == "GenuineIntel";

    private static string ReadVendor()
    {
        if (!X86Base.IsSupported) return "not x86";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        int[] parts = [ebx, edx, ecx];   // the vendor string's order
        return Encoding.ASCII.GetString(MemoryMarshal.AsBytes(parts.AsSpan()));
    }

    /// <summary>
    /// True when both back ends run on the fixed path in this process: Linux x86-64 with AVX2 and FMA, the two variables
    /// at their fixed values in the native environment (set here, or by the user to the same values), and an Intel
    /// processor or the shim that lets MKL believe it is one. Only then do the course's trainings reproduce the stored
    /// outputs bit for bit.
    /// </summary>
    public static bool IsFixed =>
        Avx2.IsSupported && Fma.IsSupported && (IsIntel || IntelCpuShim.Loaded)
        && string.Equals(NativeEnvironment.Get(MklVariable), MklBranch, StringComparison.OrdinalIgnoreCase)
        && string.Equals(NativeEnvironment.Get(AtenVariable), AtenCapability, StringComparison.OrdinalIgnoreCase);
}
