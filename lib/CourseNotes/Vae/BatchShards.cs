using System.Runtime.ExceptionServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseNotes.Vae;

/// <summary>
/// The gradient of one training step on the CPU, computed as two halves of the batch at the same time: the first half
/// on the caller's thread, the second on a thread of its own, each half's graph differentiated on its own, then the
/// two gradients added in a fixed order (first + second) into each parameter's <c>grad</c>. The loss is a sum over
/// images divided by the batch size, so the gradient of the batch is exactly the sum of the halves' gradients; the
/// free-bits clamp, which is not a sum over images, is decided once on the whole batch's KL per unit, then applied to
/// each half. Each thread gets half of libtorch's intra-op threads; with one intra-op thread the halves run one after
/// the other on the caller's thread. The order of the sum does not depend on which half finishes first, so two runs
/// give the same bits, and one thread gives the bits of two. On a GPU (<c>split: false</c>) the batch is one piece:
/// the same loss, one graph, no thread.
/// Why: the course VAE's products at batch 128 (128 × 784 by 784 × 400 …) are too small for libtorch to keep two cores
/// busy — on the course's 2-core machine, two intra-op threads trained slower than one — while two independent halves
/// keep each core on its own products.
/// The first step of a process runs its two halves one after the other on the caller's thread, whatever the thread
/// count (<see cref="Gradient"/>). Why: libtorch's CPU back ends set up some shared state at their first use, and when a
/// process's first products ran on two threads at once, that first step came out different in its last bits about once
/// in 70 processes (measured: a fresh process trained the course VAE for one epoch on 1 024 images three times; in 3 of
/// 205 processes the first training's weights differed from the next two's, which always agreed), and training amplified
/// the difference into the notebooks' figures. With the first step on one thread, that training gave the same weights in
/// 400 processes out of 400.
/// The two threads hand each other the step's three phases (forward, backward, Adam) through <see cref="Handoff"/>,
/// which keeps a waiting thread's core awake for a moment rather than letting it sleep.
/// </summary>
internal sealed class BatchShards : IDisposable
{
    private readonly Thread? _worker;
    private readonly SemaphoreSlim _start = new(0), _done = new(0);
    private Action? _work;
    private ExceptionDispatchInfo? _workerError;
    private volatile bool _stopping;
    private readonly bool _split;
    private Tensor[]? _sums;                                   // each parameter's gradient, written by the fused update
    private (int Parameter, int From, int To)[][]? _parts;     // the update's two shares of the parameters' elements
    private bool _serial;                                      // this step runs its halves one after the other here
    private static readonly object FirstStepLock = new();
    private static volatile bool _firstStepTaken;              // some training of this process has taken a step

    /// <summary>
    /// With <paramref name="threads"/> ≥ 2, starts the second half's thread, and each half gets <c>threads / 2</c> of
    /// libtorch's intra-op threads (the caller sets its own); with 1 the halves run one after the other on the
    /// caller's thread, with the same result. With <paramref name="split"/> false (a GPU, which needs no second
    /// thread and is fastest on the whole batch), the batch is one piece on the caller's thread.
    /// </summary>
    public BatchShards(int threads, bool split = true)
    {
        _split = split;
        if (threads < 2 || !split) return;
        int intraOpThreads = threads / 2;
        _worker = new Thread(() =>
        {
            torch.set_num_threads(intraOpThreads);
            FlushDenormals.Set(true); // as the caller's thread during training (see FlushDenormals)
            while (true)
            {
                Handoff.Wait(_start);
                if (_stopping) return;
                try { _work!(); }
                catch (Exception e) { _workerError = ExceptionDispatchInfo.Capture(e); }
                _done.Release();
            }
        })
        { IsBackground = true, Name = "CourseNotes VAE: second half of each batch" };
        _worker.Start();
    }

    /// <summary>
    /// Sets <c>grad</c> of every parameter to the gradient of <c>(reconstruction + β · KL term) / batch</c> on the batch
    /// <paramref name="x"/> with noise <paramref name="epsilon"/>; returns the batch's reconstruction and KL sums (nats)
    /// so the caller can stop a diverging run before it steps.
    /// </summary>
    /// <param name="model">The VAE (on the CPU, or on a GPU with <c>split: false</c>).</param>
    /// <param name="parameters">Its parameters, in the optimiser's order.</param>
    /// <param name="x">The batch [B, D].</param>
    /// <param name="condition">Its one-hot labels [B, C], or null.</param>
    /// <param name="epsilon">The noise ε [B, K] of the reparameterisation.</param>
    /// <param name="beta">The weight of the KL term.</param>
    /// <param name="freeBits">λ per latent unit and image (0: no clamp).</param>
    /// <param name="diverged">Called with the two sums; throws to stop before any gradient is computed.</param>
    /// <param name="adam">When given, also takes the Adam step: each thread adds the halves' gradients over half of the
    /// parameters' elements and updates them in the same pass (<see cref="FusedAdam.Update"/>); <c>grad</c> still
    /// holds the batch's gradient afterwards. When null, the caller steps.</param>
    public void Gradient(VaeModule model, Parameter[] parameters, Tensor x, Tensor? condition, Tensor epsilon,
        double beta, double freeBits, Action<double, double> diverged, FusedAdam? adam = null)
    {
        if (!_firstStepTaken && _worker is not null)
        {
            // The process's first step: its halves one after the other on this thread (see the class's remarks); a
            // training that starts meanwhile on another thread waits for it.
            lock (FirstStepLock)
            {
                if (!_firstStepTaken)
                {
                    _serial = true;
                    try { Step(model, parameters, x, condition, epsilon, beta, freeBits, diverged, adam); }
                    finally { _serial = false; }
                    _firstStepTaken = true;
                    return;
                }
            }
        }
        Step(model, parameters, x, condition, epsilon, beta, freeBits, diverged, adam);
    }

    private void Step(VaeModule model, Parameter[] parameters, Tensor x, Tensor? condition, Tensor epsilon,
        double beta, double freeBits, Action<double, double> diverged, FusedAdam? adam)
    {
        long size = x.shape[0], split = _split ? (size + 1) / 2 : size;
        var halves = split == size
            ? new[] { new Half(0, size) }
            : new[] { new Half(0, split), new Half(split, size) };
        try
        {
            Both(halves.Length, k => halves[k].Forward(model, x, condition, epsilon));
            using (no_grad())
            {
                using var reconstruction = halves.Length == 1 ? halves[0].Reconstruction!.alias() : halves[0].Reconstruction! + halves[1].Reconstruction!;
                using var klPerUnit = halves.Length == 1 ? halves[0].KlPerUnit!.alias() : halves[0].KlPerUnit! + halves[1].KlPerUnit!;
                using var kl = klPerUnit.sum();
                diverged(reconstruction.item<float>(), kl.item<float>());
                // The clamp max(λ·B, KLᵢ) of free bits passes the gradient of unit i only where KLᵢ ≥ λ·B (as clamp_min does).
                using var mask = freeBits > 0 ? klPerUnit.ge(freeBits * size).to_type(ScalarType.Float32) : null;
                Both(halves.Length, k => halves[k].Backward(parameters, mask, beta, size));
            }
            if (adam is not null)
            {
                AdamStep(adam, parameters, halves);
                return;
            }
            for (int i = 0; i < parameters.Length; i++)
            {
                using var sum = halves.Length == 1 ? halves[0].Gradients![i].alias() : halves[0].Gradients![i] + halves[1].Gradients![i];
                parameters[i].grad = sum; // the parameter keeps its own reference
            }
        }
        finally
        {
            foreach (var h in halves) h.Dispose();
        }
    }

    /// <summary>
    /// The Adam step on the halves' gradients: the parameters' elements in two shares, one per thread, each element's
    /// gradient first + second written into <c>grad</c> and its update made in one pass. Each element is updated by
    /// the same arithmetic whichever thread has it, so one thread gives the bits of two.
    /// </summary>
    private void AdamStep(FusedAdam adam, Parameter[] parameters, Half[] halves)
    {
        _parts ??= [adam.Part(0, 2).ToArray(), adam.Part(1, 2).ToArray()];
        _sums ??= parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        adam.BeginStep();
        Both(2, k =>
        {
            foreach (var (i, from, to) in _parts[k])
                adam.Update(i, FusedAdam.Floats(halves[0].Gradients![i], i),
                    halves.Length == 1 ? default : FusedAdam.Floats(halves[1].Gradients![i], i),
                    FusedAdam.Floats(_sums[i], i), from, to);
        });
        for (int i = 0; i < parameters.Length; i++) parameters[i].grad = _sums[i];
    }

    /// <summary>Runs <paramref name="step"/>(0) here and <paramref name="step"/>(1) on the worker (or both here, in order, without one or in a serial step), and waits for both.</summary>
    private void Both(int count, Action<int> step)
    {
        if (count == 1 || _worker is null || _serial)
        {
            for (int k = 0; k < count; k++) step(k);
            return;
        }
        _workerError = null;
        _work = () => step(1);
        _start.Release();
        ExceptionDispatchInfo? mine = null;
        try { step(0); }
        catch (Exception e) { mine = ExceptionDispatchInfo.Capture(e); }
        // The second half uses this batch's tensors: wait for it even when this thread is interrupted (a kernel wakes a
        // cell's blocked thread with Thread.Interrupt), then let the interrupt through.
        while (true)
        {
            try { Handoff.Wait(_done); break; }
            catch (ThreadInterruptedException e) { mine ??= ExceptionDispatchInfo.Capture(e); }
        }
        mine?.Throw();
        _workerError?.Throw();
    }

    /// <summary>Stops the worker thread.</summary>
    public void Dispose()
    {
        _stopping = true;
        _start.Release();
        while (_worker is not null)
        {
            try { _worker.Join(); break; }
            catch (ThreadInterruptedException) { } // the worker is leaving anyway; a pending interrupt is the cell's to observe
        }
        _start.Dispose();
        _done.Dispose();
        if (_sums is not null) foreach (var sum in _sums) sum.Dispose();
    }

    /// <summary>Rows [Start, End) of the batch: their two loss terms (with their graph) and, after the backward pass, their gradients.</summary>
    private sealed class Half(long start, long end) : IDisposable
    {
        public Tensor? Reconstruction, KlPerUnit;
        public IList<Tensor>? Gradients;

        public void Forward(VaeModule model, Tensor x, Tensor? condition, Tensor epsilon)
        {
            using var scope = NewDisposeScope();
            var rows = x.slice(0, start, end, 1);
            var (output, mean, logVariance) = model.Forward(rows, epsilon.slice(0, start, end, 1), condition?.slice(0, start, end, 1));
            Reconstruction = model.Likelihood.NegativeLogLikelihood(output, rows).DetachFromDisposeScope();
            KlPerUnit = VaeLoss.KlPerUnit(mean, logVariance).DetachFromDisposeScope();
        }

        public void Backward(Parameter[] parameters, Tensor? mask, double beta, long batch)
        {
            using var scope = NewDisposeScope();
            using var enabled = enable_grad();
            var klTerm = mask is null ? KlPerUnit!.sum() : (KlPerUnit! * mask).sum();
            var loss = (Reconstruction! + beta * klTerm) / batch;
            Gradients = torch.autograd.grad([loss], parameters);
            foreach (var g in Gradients) g.DetachFromDisposeScope();
        }

        public void Dispose()
        {
            Reconstruction?.Dispose();
            KlPerUnit?.Dispose();
            if (Gradients is not null) foreach (var g in Gradients) g.Dispose();
        }
    }
}
