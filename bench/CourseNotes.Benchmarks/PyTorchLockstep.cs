using System.Diagnostics;
using System.Text.Json.Nodes;

/// <summary>
/// A PyTorch reference run in lockstep with the TorchSharp run it is paired with: the script (started with
/// <c>--lockstep</c>) trains one epoch each time <see cref="Epoch"/> asks, so the two sides' epochs alternate and each
/// epoch is compared with one measured seconds away. Why: on the shared machine the speed of both sides swings by half
/// within a minute (measured: TorchSharp epochs alternating between 17 000 and 27 000 samples/s in one run), so two
/// sides run one after the other, each for half a minute, could meet different machines.
/// </summary>
internal sealed class PyTorchLockstep(Process process, ThreadConfiguration threads) : IDisposable
{
    private readonly List<JsonNode> _lines = [];
    private readonly Task<string> _errors = process.StandardError.ReadToEndAsync();

    /// <summary>Trains the next epoch and waits for it (its figures come back with <see cref="Finish"/>).</summary>
    public void Epoch()
    {
        process.StandardInput.WriteLine("go");
        process.StandardInput.Flush();
        _lines.Add(Read() ?? throw Failure("ended before its epoch"));
    }

    /// <summary>After the last epoch: the held-out −ELBO and the peak RSS, with every epoch's figures.</summary>
    public PyTorchResult Finish()
    {
        process.StandardInput.Close();
        var last = Read() ?? throw Failure("ended without its held-out figures");
        _lines.Add(last);
        process.WaitForExit();
        if (process.ExitCode != 0) throw Failure($"exited with {process.ExitCode}");
        return PyTorchReference.Result(_lines);
    }

    private JsonNode? Read() => process.StandardOutput.ReadLine() is { } text ? JsonNode.Parse(text) : null;

    private InvalidOperationException Failure(string what)
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        return new InvalidOperationException($"the PyTorch reference ({threads}) {what}:\n{_errors.Result}");
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.Dispose();
    }
}
