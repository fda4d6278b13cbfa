using System.Runtime.InteropServices;

namespace CourseNotes.Vae;

/// <summary>
/// Flushes subnormal floats to zero on the calling thread, as <c>torch.set_flush_denormal(True)</c> does: the processor's
/// FTZ and DAZ modes, so that a result, or an operand, below 2⁻¹²⁶ ≈ 1,2 × 10⁻³⁸ in magnitude is taken as 0. Linux x86-64
/// only, through libtorch's own <c>at::Context::setFlushDenormal</c>; elsewhere nothing changes (<see cref="Set"/> returns false).
/// Why: as the course VAE trains on Fashion-MNIST, the decoder's logits for the pixels that are black in every image fall
/// without end (the lowest −16,7 after one epoch, −86,3 after five), their sigmoid towards 10⁻³⁸, and the loss's
/// gradient, divided by the batch, into the subnormal range, where an x86 processor computes each operation in
/// microcode, many times slower. Measured on the course's 2-core machine (60 000 images, batch 128, five epochs):
/// 16 200 and 15 500 samples/s in the first two epochs, then 11 300–12 200; with the flush, 18 200–19 500 in every
/// epoch, with the same training −ELBO to the hundredth of a nat. A subnormal taken as 0 changes the sum it enters by
/// far less than float32's rounding of that sum.
/// The mode belongs to a thread: <see cref="VaeTraining.Train"/> sets it on its own thread for the training and clears
/// it after (libtorch cannot read it back: a thread that had set it itself finds it cleared), and
/// <see cref="BatchShards"/>' second thread sets it for itself.
/// </summary>
internal static class FlushDenormals
{
    private static bool _unavailable = !(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64);

    /// <summary>Turns the flush on or off on this thread; true when it was set (Linux x86-64 with libtorch's CPU back end).</summary>
    public static bool Set(bool on)
    {
        if (_unavailable) return false;
        try
        {
            return SetFlushDenormal(GlobalContext(), on);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    // at::globalContext() and at::Context::setFlushDenormal(bool), exported by libtorch_cpu.so (Itanium C++ names);
    // the member function takes the context as its first argument.
    [DllImport("torch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("torch_cpu", EntryPoint = "_ZN2at7Context16setFlushDenormalEb")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool SetFlushDenormal(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);
}
