using System.Runtime.InteropServices;
using CourseNotes.Tests.Shared;

/// <summary>
/// Which processor and which MKL code branch the figures come from. The course library asks MKL for its AVX2 branch
/// (MKL_CBWR=AVX2); MKL honours it on processors it takes for Intel's, and the library's IntelCpuShim makes it take
/// any x86-64 processor with AVX2 for one. Should this read 2 (AUTO), MKL chose for itself, and the figures are not
/// those of the course's path. Read after a first product, as MKL chooses at its first use.
/// </summary>
internal static class ProcessorPath
{
    private delegate int CbwrGet(int option);

    /// <summary>« processor: GenuineIntel; MKL code branch: 10 (AVX2) », or what could not be read.</summary>
    public static string Describe() => $"processor: {CpuPath.Vendor}; MKL code branch: {MklBranch()}";

    // MKL_CBWR_BRANCH (option 1): 2 AUTO, 3 COMPATIBLE, 10 AVX2, … (mkl_cbwr.h). MKL lives inside libtorch_cpu.
    private static string MklBranch()
    {
        string library = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so");
        if (!NativeLibrary.TryLoad(library, out var handle) || !NativeLibrary.TryGetExport(handle, "mkl_serv_cbwr_get", out var get))
            return "unknown (no MKL in this libtorch)";
        int branch = Marshal.GetDelegateForFunctionPointer<CbwrGet>(get)(1);
        return branch switch { 2 => "2 (AUTO)", 3 => "3 (COMPATIBLE)", 10 => "10 (AVX2)", _ => branch.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
