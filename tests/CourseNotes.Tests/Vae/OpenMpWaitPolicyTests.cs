using System.Runtime.CompilerServices;
using CourseNotes.Vae;

namespace CourseNotes.Tests.Vae;

public class OpenMpWaitPolicyTests
{
    [Fact]
    public void Using_the_library_makes_OpenMP_wait_passively_unless_the_user_chose()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the policy is set on Linux only");
        // What the user gave the process, before the library's module initializer ran (.NET keeps its own copy).
        string? given = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        bool spinCountGiven = Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null;
        RuntimeHelpers.RunModuleConstructor(typeof(MlpVae).Module.ModuleHandle);
        Assert.Equal(given ?? (spinCountGiven ? null : "PASSIVE"), NativeEnvironment.Value("OMP_WAIT_POLICY"));
    }
}
