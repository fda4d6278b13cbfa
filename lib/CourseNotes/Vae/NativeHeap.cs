using System.Runtime.InteropServices;

namespace CourseNotes.Vae;

/// <summary>
/// The C heap during training: within an epoch, the blocks a step frees are kept for the next step
/// (<see cref="KeepFreedBlocks"/>); between epochs, the free memory is handed back to the system
/// (<see cref="Release"/>). libtorch allocates and frees many
/// large blocks; glibc's allocator raises its mmap threshold as they are freed, keeps later ones on the
/// heap and seldom returns the freed pages, so the process's RSS grows epoch after epoch although no
/// tensor is alive (TorchSharp's live-tensor count stays constant). <see cref="Release"/> runs once per
/// epoch: a full .NET collection (so that tensor handles awaiting finalisation free their native
/// memory), an aggressive one (the managed heap's free space decommitted at once), then
/// <c>malloc_trim(0)</c>, which returns free pages. Measured with the benchmark (20 000 sprites):
/// RSS 373 → 395 MiB over 10 epochs with the trim alone; 361 MiB after epoch 2 then 299–304 MiB with a
/// plain collection and the trim (the managed heap given back only later); 298–300 MiB from epoch 1
/// with all three; against 473 → 852 MiB over 6 epochs with none. The trim is a no-op on other systems
/// and C libraries.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Collects .NET garbage, runs pending finalisers, then trims the C heap; a few milliseconds, once per epoch.</summary>
    public static void Release()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Aggressive: the collector also decommits the managed heap's free space now rather than over the next
        // epochs, so that the RSS measured after each epoch is the training's own.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Trim();
    }

    /// <summary>
    /// Lets glibc keep the blocks a training step frees, for the next step to reuse, instead of handing their pages back
    /// to the system (once per process, glibc only, never throws; nothing is changed when the user tuned the allocator
    /// through <c>GLIBC_TUNABLES</c> or a <c>MALLOC_*_</c> variable). Each step frees and allocates again the same
    /// blocks (activations and gradients, 0.2–1.25 MB for the course VAE). With glibc's defaults their pages went back
    /// to the system at every step, and the kernel mapped and zeroed them again at the next: about 1 000 page faults a
    /// step, 17–21 % of a training run's CPU time in the kernel (perf, course VAE, 20 000 images, 2 threads), against
    /// 0–31 faults a step and 4 % with these settings; on one thread, 10 600 → 14 400 images/s. That was a process
    /// that trains first thing. glibc raises its thresholds by itself when an earlier large block is freed, so where
    /// one was (the benchmark's GEMM timing, notebook 04's cells before its training), the gain was within the
    /// machine's noise: notebook 04 ran in 68–73 s either way. These settings make the good case the only one.
    /// Three ways back to the system are closed:
    /// <list type="bullet">
    /// <item>a block above the mmap threshold gets a mapping of its own, unmapped when freed: the threshold is set to
    /// <see cref="ReuseLimit"/> (larger blocks, such as a data set, keep their own mapping);</item>
    /// <item>free space at the top of a heap is returned once it passes the trim threshold: set to 4 × <see cref="ReuseLimit"/>;</item>
    /// <item>a thread's arena whose first heap is full takes a second heap for one block and deletes it, 64 MiB of
    /// address space, as soon as it is empty again, unless the first heap has less free room than the top pad:
    /// set to 4 × <see cref="ReuseLimit"/>, the second heap stays (seen in the test host, where the training thread's
    /// arena was shared: 307–613 faults a step without the pad, 0 with it).</item>
    /// </list>
    /// The RSS stays flat: <see cref="Release"/> still returns every free page at the end of each epoch.
    /// </summary>
    public static void KeepFreedBlocks()
    {
        if (_unavailable || Interlocked.Exchange(ref _keeping, 1) == 1) return;
        if (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("malloc", StringComparison.Ordinal) == true
            || Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal)))
            return;
        try
        {
            MallOpt(MmapThreshold, ReuseLimit);
            MallOpt(TrimThreshold, 4 * ReuseLimit);
            MallOpt(TopPad, 4 * ReuseLimit);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl and others: their allocator's own behaviour
        }
    }

    /// <summary>The largest freed block kept for reuse (4 MiB): above it, a block keeps a mapping of its own.</summary>
    public const int ReuseLimit = 4 * 1024 * 1024;

    private static int _keeping;
    private const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3; // glibc's M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    // Releases free heap pages to the system (glibc only); never throws.
    private static void Trim()
    {
        if (_unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl and others have no malloc_trim
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
