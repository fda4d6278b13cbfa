using System.Runtime.CompilerServices;

namespace CourseNotes.Vae;

/// <summary>
/// Makes libtorch's OpenMP threads sleep, rather than spin, while they wait for work or for each other
/// (<c>OMP_WAIT_POLICY=PASSIVE</c>), on Linux, when the user has set neither <c>OMP_WAIT_POLICY</c> nor
/// <c>GOMP_SPINCOUNT</c>. libtorch's GNU OpenMP reads the variable once, when libtorch is loaded, so it is set in the
/// native environment when this library is first used, before any of its tensors exists.
/// Why: by default a waiting thread spins up to 300 000 pause instructions (milliseconds) at every barrier — each
/// parallel operation of a training step ends with one — and on a machine busier than its cores (a laptop running
/// other programs, CI, several notebooks at once) the spinning threads take the time the working ones need. Measured
/// on the course's 2-core machine under a load average near 50, the course VAE (batch 128, 2 threads): 68 samples/s
/// spinning against 4 080–6 980 passive, and 2 630 on one thread; the update of <see cref="FusedAdam"/> fell from
/// 4–10 ms to 0.5 ms a step, no longer competing with spinning workers.
/// </summary>
internal static class OpenMpWaitPolicy
{
    /// <summary>The OpenMP variable set.</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    /// <summary>Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the native environment unless the user chose a policy or a spin count.</summary>
#pragma warning disable CA2255 // A library's module initializer, on purpose: it must run before libtorch is loaded, whichever type is used first.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (NativeEnvironment.Get(Variable) is not null || NativeEnvironment.Get("GOMP_SPINCOUNT") is not null) return;
        NativeEnvironment.SetUnlessPresent(Variable, "PASSIVE");   // not Linux, or not glibc: OpenMP's default stays
    }
}
