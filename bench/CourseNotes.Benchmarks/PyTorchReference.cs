using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

/// <summary>
/// How Debian's PyTorch is threaded: OpenBLAS's threads (its GEMM) × torch's intra-op OpenMP threads (everything else),
/// with OpenMP's default wait policy or, when <paramref name="Passive"/>, <c>OMP_WAIT_POLICY=PASSIVE</c> (what the course
/// library sets for its own libtorch, offered to PyTorch too).
/// </summary>
internal readonly record struct ThreadConfiguration(int OpenBlas, int Torch, bool Passive = false)
{
    public override string ToString() => $"OpenBLAS {OpenBlas} × torch {Torch}{(Passive ? ", passive OpenMP" : "")}";
}

/// <summary>One run of bench/pytorch_reference.py: samples/s per epoch, held-out −ELBO, peak RSS.</summary>
internal sealed record PyTorchResult(IReadOnlyList<double> SamplesPerSecond, IReadOnlyList<double> NegativeElbo, double HeldOutNegativeElbo, double MaxRssMib);

/// <summary>
/// Runs the PyTorch reference (bench/pytorch_reference.py: the same VAE, loss, optimiser, batch and data) with Debian's
/// interpreter /usr/bin/python3, which alone sees python3-torch (apt-get install python3-torch libopenblas0-pthread).
/// </summary>
internal static class PyTorchReference
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Null when the reference can run; otherwise why not.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(Python)) return $"{Python} is missing";
        var (code, _) = Run([Python, "-c", "import torch"], null);
        return code == 0 ? null : $"{Python} cannot import torch (apt-get install python3-torch libopenblas0-pthread)";
    }

    /// <summary>Trains <paramref name="epochs"/> epochs in one go (the thread-configuration sweep).</summary>
    public static PyTorchResult Train(string trainIdx, string testIdx, int epochs, int seed, ThreadConfiguration threads, long? limit = null)
    {
        var (command, environment) = Command(trainIdx, testIdx, epochs, seed, threads, limit, lockstep: false);
        var (code, output) = Run(command, environment);
        if (code != 0) throw new InvalidOperationException($"the PyTorch reference ({threads}) exited with {code}:\n{output}");
        return Result(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList());
    }

    /// <summary>Starts a run that trains one epoch each time <see cref="PyTorchLockstep.Epoch"/> asks (a paired run).</summary>
    public static PyTorchLockstep Start(string trainIdx, string testIdx, int epochs, int seed, ThreadConfiguration threads)
    {
        var (command, environment) = Command(trainIdx, testIdx, epochs, seed, threads, limit: null, lockstep: true);
        return new PyTorchLockstep(Process.Start(Info(command, environment, input: true))!, threads);
    }

    private static (string[] Command, Dictionary<string, string> Environment) Command(string trainIdx, string testIdx, int epochs, int seed,
        ThreadConfiguration threads, long? limit, bool lockstep)
    {
        string script = Path.Combine(RepositoryRoot.Find(), "bench", "pytorch_reference.py");
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string> { ["OPENBLAS_NUM_THREADS"] = I(threads.OpenBlas), ["OMP_NUM_THREADS"] = I(threads.Torch) };
        if (threads.Passive) environment["OMP_WAIT_POLICY"] = "PASSIVE";
        string[] command = [Python, script, "--train", trainIdx, "--test", testIdx, "--epochs", I(epochs), "--threads", I(threads.Torch), "--seed", I(seed)];
        if (limit is { } n) command = [.. command, "--limit", I(n)];
        if (lockstep) command = [.. command, "--lockstep"];
        return (command, environment);
    }

    /// <summary>The result from the script's output lines: one per epoch, then the held-out −ELBO and the peak RSS.</summary>
    internal static PyTorchResult Result(IReadOnlyList<JsonNode> lines)
    {
        var perEpoch = lines.Where(l => l["epoch"] is not null).ToList();
        var last = lines[^1];
        return new PyTorchResult(perEpoch.Select(l => (double)l["samples_per_s"]!).ToList(), perEpoch.Select(l => (double)l["neg_elbo"]!).ToList(),
            (double)last["held_out_neg_elbo"]!, (double)last["max_rss_mib"]!);
    }

    private static ProcessStartInfo Info(string[] command, IDictionary<string, string>? environment, bool input = false)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input };
        foreach (string a in command.Skip(1)) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    private static (int Code, string Output) Run(string[] command, IDictionary<string, string>? environment)
    {
        using var process = Process.Start(Info(command, environment))!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? stdout : stdout + stderr.Result);
    }
}
