using System.Diagnostics;

namespace CourseNotes.Vae;

/// <summary>
/// Waiting for a signal between two threads that hand work to each other many times a millisecond
/// (<see cref="BatchShards"/>: three hand-offs per training step, a step every 6 ms or so): the waiting thread first
/// checks the signal in a loop for up to <see cref="Spin"/>, handing its core to any other ready thread from time to
/// time, and only then blocks. Why: a thread that blocks lets its core go idle, and waking an idle core took about
/// 80 µs (median) on the course's 2-core virtual machine, against about 2 µs for a thread still checking (measured on
/// the worker's start: 3 epochs of the course VAE on Fashion-MNIST, 0,08 ms against 0,002 ms per hand-off) — with
/// three hand-offs a step, that was more than 3 % of every step. A thread that waits longer than <see cref="Spin"/>
/// (the end of a training, a slow progress display) blocks as before, so an idle worker costs nothing.
/// </summary>
internal static class Handoff
{
    /// <summary>How long a waiting thread checks before it blocks: longer than the caller's own work between two hand-offs of a step (≈ 0,3 ms).</summary>
    public static readonly TimeSpan Spin = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Takes one count of <paramref name="signal"/>, waiting for it: checking for up to <see cref="Spin"/>, then blocking in <see cref="SemaphoreSlim.Wait()"/>, where
    /// <see cref="Thread.Interrupt"/> reaches the thread as usual.
    /// </summary>
    public static void Wait(SemaphoreSlim signal)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(Spin.TotalSeconds * Stopwatch.Frequency);
        for (int checks = 1; signal.CurrentCount == 0 && Stopwatch.GetTimestamp() < deadline; checks++)
        {
            Thread.SpinWait(10);
            if (checks % 64 == 0) Thread.Yield(); // a busy machine: let another ready thread have this core
        }
        signal.Wait();
    }
}
