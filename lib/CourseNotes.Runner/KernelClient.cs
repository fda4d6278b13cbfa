using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CourseNotes.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace CourseNotes.Runner;

/// <summary>
/// A Jupyter client for one kernel process: starts it with a fresh connection file (loopback, random
/// key), talks to it over shell, control and iopub, and ends it — politely (shutdown_request) or not
/// (kill) when it does not answer.
/// </summary>
public sealed class KernelClient : IDisposable
{
    private readonly Process _process;
    private readonly string _connectionFile;
    private readonly Wire _wire;
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly StringWriter _kernelLog = new();

    private KernelClient(Process process, string connectionFile, ConnectionInfo connection)
    {
        _process = process;
        _connectionFile = connectionFile;
        _wire = new Wire(connection.Key);
        _shell.Connect(connection.Address(connection.ShellPort));
        _control.Connect(connection.Address(connection.ControlPort));
        _iopub.Connect(connection.Address(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
    }

    /// <summary>True while the kernel process runs.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>What the kernel process wrote to its own stdout/stderr (outside any cell).</summary>
    public string KernelLog => _kernelLog.ToString();

    /// <summary>Starts a kernel with <paramref name="launcher"/> in <paramref name="workingDirectory"/> and waits for its kernel_info reply.</summary>
    public static KernelClient Start(KernelLauncher launcher, string workingDirectory, TimeSpan startTimeout)
    {
        var ports = FreePorts(5);
        var connection = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), "hmac-sha256");
        string file = Path.Combine(Path.GetTempPath(), $"coursenotes-kernel-{Guid.NewGuid():N}.json");
        connection.WriteNew(file); // 0600 before the key is in it

        var start = new ProcessStartInfo(launcher.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in launcher.Arguments) start.ArgumentList.Add(argument);
        foreach (string argument in new[] { "--connection-file", file, "--working-directory", workingDirectory }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the kernel ({launcher}).");
        var client = new KernelClient(process, file, connection);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (client._kernelLog) client._kernelLog.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (client._kernelLog) client._kernelLog.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < startTimeout)
        {
            if (process.HasExited)
                throw new KernelDiedException($"the kernel exited during start-up with code {process.ExitCode}: {client.KernelLog}");
            var request = Message.Create("kernel_info_request", new JsonObject(), null, client._session);
            client._wire.Send(client._shell, request);
            if (client.WaitForReply(client._shell, request.Id, TimeSpan.FromSeconds(1)) is not null)
            {
                client.DrainIopubUntilIdle(request.Id, TimeSpan.FromSeconds(2));
                return client;
            }
        }
        client.Dispose();
        throw new KernelDiedException($"the kernel did not answer kernel_info within {startTimeout.TotalSeconds:0} s.");
    }

    /// <summary>
    /// Runs <paramref name="code"/>; every iopub message of the request is passed to <paramref name="onOutput"/>
    /// as it arrives. Returns the execute_reply content, or null when <paramref name="timeout"/> ran out
    /// (the cell is then still running: interrupt or kill).
    /// </summary>
    public JsonObject? Execute(string code, TimeSpan timeout, Action<Message> onOutput)
    {
        var request = Message.Create("execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false, ["stop_on_error"] = true,
        }, null, _session);
        _wire.Send(_shell, request);
        var clock = Stopwatch.StartNew();
        JsonObject? reply = null;
        bool idle = false;
        while (!(idle && reply is not null))
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) return null;
            if (!IsAlive) throw new KernelDiedException($"the kernel died (exit code {_process.ExitCode}) while running the cell. {KernelLog}".Trim());
            // Never a sub-millisecond wait: NetMQ spins on those.
            var slice = TimeSpan.FromMilliseconds(Math.Clamp(left.TotalMilliseconds, 1, 100));
            // Once the reply is in, wait on iopub itself (woken by the idle status) rather than sleeping.
            var iopubWait = reply is not null ? slice : TimeSpan.Zero;
            while (_wire.TryReceive(_iopub, iopubWait, out var message))
            {
                iopubWait = TimeSpan.Zero;
                if (message is null || (string?)message.ParentHeader["msg_id"] != request.Id) continue;
                if (message.Type == "status") idle |= (string?)message.Content["execution_state"] == "idle";
                else onOutput(message);
            }
            if (reply is null && _wire.TryReceive(_shell, slice, out var shellMessage) && shellMessage is not null
                && (string?)shellMessage.ParentHeader["msg_id"] == request.Id)
                reply = shellMessage.Content;
        }
        return reply;
    }

    /// <summary>Sends interrupt_request on control; true when the kernel answered within <paramref name="timeout"/>.</summary>
    public bool Interrupt(TimeSpan timeout)
    {
        var request = Message.Create("interrupt_request", new JsonObject(), null, _session);
        _wire.Send(_control, request);
        return WaitForReply(_control, request.Id, timeout) is not null;
    }

    /// <summary>Waits for the kernel to be idle again after an interrupt (its last execute_reply); true if it was.</summary>
    public bool WaitUntilResponsive(TimeSpan timeout)
    {
        var request = Message.Create("kernel_info_request", new JsonObject(), null, _session);
        _wire.Send(_shell, request);
        return WaitForReply(_shell, request.Id, timeout) is not null;
    }

    /// <summary>Ends the kernel process at once.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
    }

    private JsonObject? WaitForReply(NetMQSocket socket, string requestId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_wire.TryReceive((IReceivingSocket)socket, TimeSpan.FromMilliseconds(50), out var message) && message is not null
                && (string?)message.ParentHeader["msg_id"] == requestId)
                return message.Content;
            if (_process.HasExited) return null;
        }
        return null;
    }

    private void DrainIopubUntilIdle(string requestId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
            if (_wire.TryReceive(_iopub, TimeSpan.FromMilliseconds(50), out var message) && message is not null
                && (string?)message.ParentHeader["msg_id"] == requestId && message.Type == "status"
                && (string?)message.Content["execution_state"] == "idle")
                return;
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners) listener.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners) listener.Stop();
        return ports;
    }

    /// <summary>Asks the kernel to shut down, then ends the process if it is still there.</summary>
    public void Dispose()
    {
        if (IsAlive)
        {
            var request = Message.Create("shutdown_request", new JsonObject { ["restart"] = false }, null, _session);
            _wire.Send(_control, request);
            WaitForReply(_control, request.Id, TimeSpan.FromSeconds(2));
            if (!_process.WaitForExit(3000)) Kill();
        }
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub }) socket.Dispose();
        _process.Dispose();
        File.Delete(_connectionFile);
    }
}

/// <summary>How to start a kernel process: a program and its first arguments (the connection file is appended).</summary>
public sealed record KernelLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>This runner started as its own kernel: <c>dotnet CourseNotes.Runner.dll kernel</c>.</summary>
    public static KernelLauncher Self() => new("dotnet", [typeof(KernelLauncher).Assembly.Location, "kernel"]);

    /// <inheritdoc />
    public override string ToString() => $"{FileName} {string.Join(' ', Arguments)}";
}

/// <summary>The kernel process ended or never answered.</summary>
public sealed class KernelDiedException(string message) : Exception(message);
