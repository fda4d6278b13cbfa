using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseNotes.Jupyter;
using NetMQ;
using NetMQ.Sockets;

namespace CourseNotes.Runner;

/// <summary>
/// A Jupyter client for one kernel process: starts it with a fresh connection file (loopback, random
/// key, in a private 0700 folder; the kernel chooses its own free ports and writes them back, so
/// concurrent runners never race for a port), talks to it over shell, control and iopub, and ends it
/// with every process its cells started. The kernel watches this process (<c>COURSENOTES_PARENT_PID</c>)
/// and exits, deleting the connection file, if the runner dies first; it runs under a GC heap limit
/// (<see cref="KernelLauncher.HeapHardLimitBytes"/>) so a runaway allocation fails in its cell.
/// </summary>
public sealed class KernelClient : IDisposable
{
    /// <summary>
    /// After a cell's execute_reply, how long iopub may stay silent before the runner stops waiting for the
    /// cell's <c>status: idle</c> (which should never be lost, but must never cost a whole timeout).
    /// </summary>
    public static readonly TimeSpan IdleDrain = TimeSpan.FromSeconds(2);

    private static readonly string[] OutputTypes = ["stream", "display_data", "update_display_data", "execute_result", "error", "clear_output"];

    private readonly Process _process;
    private readonly string _connectionFile;
    private readonly Wire _wire;
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly StringWriter _kernelLog;
    private readonly Dictionary<string, Action<Message>> _cells = new(StringComparer.Ordinal);

    private KernelClient(Process process, string connectionFile, ConnectionInfo connection, StringWriter kernelLog)
    {
        _process = process;
        _kernelLog = kernelLog;
        _connectionFile = connectionFile;
        _wire = new Wire(connection.Key);
        _shell.Connect(connection.Address(connection.ShellPort));
        _control.Connect(connection.Address(connection.ControlPort));
        HighWaterMarks.Unlimited(_iopub);
        _iopub.Connect(connection.Address(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
    }

    /// <summary>True while the kernel process runs.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>The kernel's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The connection file (deleted, with its folder, when the client is disposed).</summary>
    public string ConnectionFile => _connectionFile;

    /// <summary>What the kernel process wrote to its own stdout/stderr (outside any cell).</summary>
    public string KernelLog
    {
        get { lock (_kernelLog) return _kernelLog.ToString(); }
    }

    /// <summary>
    /// Outputs of a cell that arrived after its execution ended (a background thread printing later): they go
    /// to that cell's outputs, as JupyterLab shows them under the cell that started the thread (never to the
    /// cell running then, never dropped), and are counted here.
    /// </summary>
    public int LateOutputs { get; private set; }

    /// <summary>Starts a kernel with <paramref name="launcher"/> in <paramref name="workingDirectory"/> and waits for its kernel_info reply.</summary>
    public static KernelClient Start(KernelLauncher launcher, string workingDirectory, TimeSpan startTimeout)
    {
        string file = ConnectionFolder.NewConnectionFile();
        var requested = ConnectionInfo.ForKernelChosenPorts();
        requested.WriteNew(file); // 0600 before the key is in it, in a 0700 folder
        Process? process = null;
        KernelClient? client = null;
        try
        {
            process = Process.Start(launcher.StartInfo(workingDirectory, file)) ?? throw new InvalidOperationException($"could not start the kernel ({launcher}).");
            var log = new StringWriter();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            string Log() { lock (log) return log.ToString(); }

            var deadline = Stopwatch.StartNew();
            var connection = WaitForPorts(process, file, startTimeout, Log);
            client = new KernelClient(process, file, connection, log);
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
            throw new KernelDiedException($"the kernel did not answer kernel_info within {startTimeout.TotalSeconds:0} s.");
        }
        catch
        {
            // Nothing is left behind when the start fails: the kernel's processes, the connection file and its folder.
            if (client is not null) client.Dispose();
            else
            {
                EndTree(process);
                process?.Dispose();
                ConnectionFolder.Delete(file);
            }
            throw;
        }
    }

    /// <summary>Waits until the kernel has written the ports it bound into the connection file.</summary>
    private static ConnectionInfo WaitForPorts(Process process, string file, TimeSpan timeout, Func<string> log)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var connection = ConnectionInfo.Load(file);
            if (connection.PortsChosen) return connection;
            if (process.HasExited)
                throw new KernelDiedException($"the kernel exited during start-up with code {process.ExitCode}: {log()}".Trim());
            Thread.Sleep(20);
        }
        throw new KernelDiedException($"the kernel did not bind its ports within {timeout.TotalSeconds:0} s. {log()}".Trim());
    }

    /// <summary>
    /// Runs <paramref name="code"/>; every iopub message of the request is passed to <paramref name="onOutput"/>
    /// as it arrives, and so is every later output of that request (see <see cref="LateOutputs"/>). Returns the
    /// execute_reply content once the cell's <c>status: idle</c> came, or iopub stayed silent for
    /// <see cref="IdleDrain"/> after the reply; null when <paramref name="timeout"/> ran out (the cell is then
    /// still running: interrupt or kill).
    /// </summary>
    public JsonObject? Execute(string code, TimeSpan timeout, Action<Message> onOutput)
    {
        var request = Message.Create("execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false, ["stop_on_error"] = true,
        }, null, _session);
        _cells[request.Id] = onOutput;
        _wire.Send(_shell, request);
        var clock = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        JsonObject? reply = null;
        bool idle = false;
        while (!(reply is not null && (idle || quiet.Elapsed >= IdleDrain)))
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
                if (message is null) continue;
                if (message.ParentId == request.Id)
                {
                    quiet.Restart();
                    if (message.Type == "status") idle |= (string?)message.Content["execution_state"] == "idle";
                    else onOutput(message);
                }
                else DeliverLate(message);
            }
            if (reply is null && _wire.TryReceive(_shell, slice, out var shellMessage) && shellMessage is not null && shellMessage.ParentId == request.Id)
            {
                reply = shellMessage.Content;
                quiet.Restart();
            }
        }
        return reply;
    }

    /// <summary>
    /// Collects late outputs of earlier cells (background threads still printing) until iopub has been silent
    /// for <paramref name="quiet"/>, at most <paramref name="timeout"/>; returns how many came.
    /// </summary>
    public int CollectLateOutputs(TimeSpan quiet, TimeSpan timeout)
    {
        int before = LateOutputs;
        var clock = Stopwatch.StartNew();
        var silence = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && silence.Elapsed < quiet && IsAlive)
            if (_wire.TryReceive(_iopub, TimeSpan.FromMilliseconds(20), out var message) && message is not null && DeliverLate(message))
                silence.Restart();
        return LateOutputs - before;
    }

    /// <summary>Gives an output of an earlier execution of this client to that execution's cell; false for anything else (statuses…).</summary>
    private bool DeliverLate(Message message)
    {
        if (message.ParentId is not { } parent || !_cells.TryGetValue(parent, out var cell) || !OutputTypes.Contains(message.Type)) return false;
        LateOutputs++;
        cell(message);
        return true;
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

    /// <summary>Ends the kernel process at once, with every process its cells started.</summary>
    public void Kill() => EndTree(_process);

    private static void EndTree(Process? process)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended in between.
        }
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

    /// <summary>
    /// Ends the kernel with every process its cells started (the notebook is done: nothing in the kernel is
    /// worth a polite shutdown, and one would let the kernel exit before its children), then deletes the
    /// connection file and its private folder.
    /// </summary>
    public void Dispose()
    {
        Kill();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub }) socket.Dispose();
        _process.Dispose();
        ConnectionFolder.Delete(_connectionFile);
    }
}

/// <summary>How to start a kernel process: a program and its first arguments (the connection file is appended).</summary>
public sealed record KernelLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The kernel's GC heap limit in bytes (<c>DOTNET_GCHeapHardLimit</c>), or null for none: a cell that
    /// allocates without end then fails with an OutOfMemoryException instead of meeting the OOM killer.
    /// </summary>
    public long? HeapHardLimitBytes { get; init; } = KernelHeapLimit.Default();

    /// <summary>The start of a kernel in <paramref name="workingDirectory"/> serving <paramref name="connectionFile"/>, watching this process.</summary>
    public ProcessStartInfo StartInfo(string workingDirectory, string connectionFile)
    {
        var start = new ProcessStartInfo(FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in Arguments) start.ArgumentList.Add(argument);
        foreach (string argument in new[] { "--connection-file", connectionFile, "--working-directory", workingDirectory }) start.ArgumentList.Add(argument);
        // The kernel exits when this process dies, and then deletes the connection file this process cannot.
        start.Environment["COURSENOTES_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["COURSENOTES_REMOVE_CONNECTION_FILE"] = "1";
        if (HeapHardLimitBytes is { } limit) start.Environment["DOTNET_GCHeapHardLimit"] = limit.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        else start.Environment.Remove("DOTNET_GCHeapHardLimit");
        return start;
    }

    /// <summary>
    /// Runs the kernel program's own command <paramref name="arguments"/> (e.g. <c>install --name N</c>) to its end,
    /// its output copied to <paramref name="output"/> and <paramref name="errors"/>; returns its exit code.
    /// </summary>
    public int RunCommand(IEnumerable<string> arguments, TextWriter output, TextWriter errors)
    {
        var start = new ProcessStartInfo(FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in Arguments.Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the kernel ({this}).");
        var error = process.StandardError.ReadToEndAsync();
        output.Write(process.StandardOutput.ReadToEnd());
        errors.Write(error.GetAwaiter().GetResult());
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The kernel's program, relative to the runner's folder, where the build places it (the runner never loads it).</summary>
    public const string KernelAssembly = "kernel/CourseNotes.Kernel.dll";

    /// <summary>
    /// The C# kernel as its own program, <c>dotnet kernel/CourseNotes.Kernel.dll</c> from the runner's folder (as its
    /// kernelspec's argv starts it): the runner is a Jupyter client and shares only the protocol with it.
    /// </summary>
    public static KernelLauncher Beside()
    {
        string kernel = Path.Combine(Path.GetDirectoryName(typeof(KernelLauncher).Assembly.Location)!, KernelAssembly);
        if (!File.Exists(kernel))
            throw new FileNotFoundException($"the C# kernel is missing: {kernel} (the runner's build places it there: dotnet build -c Release lib/CourseNotes.Runner/CourseNotes.Runner.csproj).", kernel);
        return new("dotnet", [kernel]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{FileName} {string.Join(' ', Arguments)}";
}

/// <summary>The kernel process ended or never answered.</summary>
public sealed class KernelDiedException(string message) : Exception(message);
