using System.Runtime.CompilerServices;
using CourseNotes.Tests.Shared;
using CourseNotes.Vae;

namespace CourseNotes.Tests.Vae;

/// <summary>
/// The library's IntelCpuShim, through what it leaves in the process: its memory file (named coursenotes-intel-cpu) is
/// mapped once the library is loaded, on other vendors' processors only. What it changes, MKL's code branch, is checked in
/// a fresh kernel process, where nothing can have used MKL before the library: the runner's test of the course library
/// (ExecuteTests.The_course_library_loads_from_its_published_folder_with_TorchSharp) expects branch 10 on every vendor.
/// </summary>
public class IntelCpuShimTests
{
    [Fact]
    public void The_library_loads_the_shim_on_other_vendors_processors_only()
    {
        Assert.SkipUnless(CpuPath.Fixable, "the shim is for Linux x86-64 with AVX2 and FMA");
        RuntimeHelpers.RunModuleConstructor(typeof(MlpVae).Module.ModuleHandle);
        bool loaded = File.ReadAllText("/proc/self/maps").Contains("coursenotes-intel-cpu", StringComparison.Ordinal);
        Assert.True(loaded == (CpuPath.Vendor != "GenuineIntel"), $"shim loaded: {loaded} on a {CpuPath.Vendor} processor (expected on other vendors only)");
    }
}
