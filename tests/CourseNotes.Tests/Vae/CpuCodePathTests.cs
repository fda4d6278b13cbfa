using System.Runtime.CompilerServices;
using CourseNotes.Tests.Shared;
using CourseNotes.Vae;

namespace CourseNotes.Tests.Vae;

public class CpuCodePathTests
{
    [Fact]
    public void Using_the_library_fixes_MKL_and_ATen_to_AVX2_unless_the_user_chose()
    {
        Assert.SkipUnless(CpuPath.Fixable, "the code path is fixed on Linux x86-64 with AVX2 and FMA only");
        // What the user gave the process, before the library's module initializer ran (.NET keeps its own copy).
        string? mkl = Environment.GetEnvironmentVariable("MKL_CBWR"), aten = Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY");
        RuntimeHelpers.RunModuleConstructor(typeof(MlpVae).Module.ModuleHandle);
        Assert.Equal(mkl ?? "AVX2", NativeEnvironment.Value("MKL_CBWR"));
        Assert.Equal(aten ?? "avx2", NativeEnvironment.Value("ATEN_CPU_CAPABILITY"));
    }
}
