using System.Runtime.Intrinsics.X86;

namespace CourseNotes.Tests.Shared;

/// <summary>Where the course library fixes libtorch's CPU code path (CourseNotes.Vae.CpuCodePath, MKL and ATen on AVX2).</summary>
public static class CpuPath
{
    /// <summary>Linux x86-64 with AVX2 and FMA: the library sets the path there, unless the user chose it.</summary>
    public static bool Fixable => OperatingSystem.IsLinux() && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>The path is fixable and the user set neither <c>MKL_CBWR</c> nor <c>ATEN_CPU_CAPABILITY</c>: the library's values apply.</summary>
    public static bool FixedByTheLibrary => Fixable
        && Environment.GetEnvironmentVariable("MKL_CBWR") is null && Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") is null;
}
