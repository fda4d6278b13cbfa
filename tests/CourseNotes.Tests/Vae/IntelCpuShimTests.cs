using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CourseNotes.Tests.Shared;
using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// The library's IntelCpuShim, through what it changes: MKL's code branch after the library is loaded, on every vendor's
/// processor, and the shim's presence in the process (its memory file's name in /proc/self/maps) on other vendors only.
/// </summary>
public class IntelCpuShimTests
{
    private delegate int CbwrGet(int option);

    [Fact]
    public void After_the_library_loads_MKL_computes_on_its_AVX2_branch_whatever_the_vendor()
    {
        Assert.SkipUnless(CpuPath.FixedByTheLibrary, "the code path is fixed on Linux x86-64 with AVX2 and FMA, when the user chose neither MKL_CBWR nor ATEN_CPU_CAPABILITY");
        RuntimeHelpers.RunModuleConstructor(typeof(MlpVae).Module.ModuleHandle);
        using (var product = ones(8, 8).mm(ones(8, 8))) { }   // MKL chooses its branch at its first use
        // MKL_CBWR_BRANCH (option 1): 10 is AVX2, 2 AUTO (what MKL keeps on an AMD processor without the shim).
        string folder = Path.GetDirectoryName(typeof(MlpVae).Assembly.Location)!;
        var torchCpu = NativeLibrary.Load(Path.Combine(folder, "libtorch_cpu.so"));
        int branch = Marshal.GetDelegateForFunctionPointer<CbwrGet>(NativeLibrary.GetExport(torchCpu, "mkl_serv_cbwr_get"))(1);
        Assert.Equal(10, branch);
        bool loaded = File.ReadAllText("/proc/self/maps").Contains("coursenotes-intel-cpu", StringComparison.Ordinal);
        Assert.True(loaded == (CpuPath.Vendor != "GenuineIntel"), $"shim loaded: {loaded} on a {CpuPath.Vendor} processor (expected on other vendors only)");
    }
}
