using System.Text.Json.Nodes;
using CourseNotes.Jupyter;
using CourseNotes.Kernel.Editing;
using CourseNotes.Kernel.Execution;
using CourseNotes.Notebooks;
using NetMQ.Sockets;
using NetMQ;

namespace CourseNotes.Kernel.Protocol;

/// <summary>
/// The kernel process's side of the Jupyter messaging protocol 5.3: shell, control, stdin and
/// iopub sockets plus the heartbeat, bound as the connection file says. Shell requests run one at a
/// time on the shell thread; control (interrupt, shutdown, kernel_info) is served on its own thread,
/// also while a cell runs. Every request is framed by iopub status busy / idle carrying its header.
/// A connection file whose ports are 0 asks the kernel to choose them: it binds free ports and writes
/// them back into the file (atomically), so concurrent kernels never race for a port.
/// iopub never drops a message (<see cref="HighWaterMarks"/>).
/// No message waits for the .NET thread pool, which a cell may fill (<see cref="SocketCompletions"/>).
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private ConnectionInfo _connection;
    private readonly string? _connectionFile;
    private readonly ScriptEngine _engine;
    private readonly EditorRequests _editor;
    private readonly Wire _wire;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly object _iopubLock = new();
    private readonly HashSet<IopubSink> _pendingSinks = [];
    private readonly ManualResetEventSlim _stopped = new();
    private readonly List<Thread> _threads = [];
    private volatile bool _running = true;
    private int _executionCount;

    /// <summary>Creates the kernel; call <see cref="Run"/> to serve.</summary>
    /// <param name="connection">Where to listen and the signing key.</param>
    /// <param name="engine">Runs the cells.</param>
    /// <param name="connectionFile">The file <paramref name="connection"/> came from: when its ports are 0, the ports chosen are written back into it.</param>
    public JupyterKernel(ConnectionInfo connection, ScriptEngine engine, string? connectionFile = null)
    {
        _connection = connection;
        _connectionFile = connectionFile;
        _engine = engine;
        _editor = new EditorRequests(engine);
        _wire = new Wire(connection.Key);
    }

    /// <summary>Binds the sockets, serves until a shutdown request, then returns.</summary>
    public void Run()
    {
        // Without RouterMandatory, NetMQ's ROUTER dropped input_request to a client that had connected
        // but never sent on stdin (checked with jupyter_client 7.4.9).
        _stdin.Options.RouterMandatory = true;
        HighWaterMarks.Unlimited(_iopub);
        int shell = Bind(_shell, _connection.ShellPort), control = Bind(_control, _connection.ControlPort), stdin = Bind(_stdin, _connection.StdinPort);
        int iopub = Bind(_iopub, _connection.IopubPort), heartbeat = Bind(_heartbeat, _connection.HbPort);
        if (!_connection.PortsChosen)
        {
            _connection = _connection with { ShellPort = shell, ControlPort = control, StdinPort = stdin, IopubPort = iopub, HbPort = heartbeat };
            if (_connectionFile is not null) _connection.Replace(_connectionFile);
        }
        _ = _engine.WarmUpAsync().ContinueWith(_ => _editor.PrepareAsync(), TaskScheduler.Default);

        _threads.AddRange([new Thread(ServeHeartbeat) { IsBackground = true, Name = "heartbeat" },
                           new Thread(() => Serve(_control)) { IsBackground = true, Name = "control" },
                           new Thread(() => Serve(_shell)) { IsBackground = true, Name = "shell" }]);
        foreach (var thread in _threads) thread.Start();
        Publish(Message.Status("starting", null, _session));
        _stopped.Wait();
    }

    /// <summary>Binds <paramref name="socket"/> to <paramref name="port"/>, or to a free port when it is 0; returns the port.</summary>
    private int Bind(NetMQSocket socket, int port)
    {
        if (port == 0) return socket.BindRandomPort($"{_connection.Transport}://{_connection.Ip}");
        socket.Bind(_connection.Address(port));
        return port;
    }

    private void ServeHeartbeat()
    {
        while (_running)
            if (_heartbeat.TryReceiveFrameBytes(TimeSpan.FromMilliseconds(200), out var ping))
                _heartbeat.SendFrame(ping);
    }

    private void Serve(RouterSocket socket)
    {
        while (_running)
        {
            if (!_wire.TryReceive(socket, TimeSpan.FromMilliseconds(200), out var request) || request is null) continue;
            Publish(Message.Status("busy", request, _session));
            try
            {
                Handle(socket, request);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"kernel: {request.Type} failed: {e}");
            }
            Publish(Message.Status("idle", request, _session));
            if (request.Type == "execute_request") Interrupts.InterruptTrace.Mark("idle sent");
        }
    }

    /// <summary>
    /// stop_on_error, as ipykernel does: after a cell failed, the execute_requests already queued on the shell
    /// channel (Run All) are answered <c>aborted</c> and not run; other queued requests are served. The queue is
    /// taken before the failed cell's reply is sent (<see cref="TakeQueued"/>) and answered after it, so replies
    /// keep the order of the requests, and a request the client sends once it has read that reply (a next cell
    /// typed by hand, a check after an interrupt) is never caught by the abort.
    /// </summary>
    private List<Message> TakeQueued()
    {
        var queued = new List<Message>();
        while (_wire.TryReceive(_shell, TimeSpan.Zero, out var message))
            if (message is not null) queued.Add(message);
        return queued;
    }

    private void AbortQueued(List<Message> queued)
    {
        foreach (var message in queued)
        {
            Publish(Message.Status("busy", message, _session));
            if (message.Type == "execute_request")
                Reply(_shell, message, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
            else
                Handle(_shell, message);
            Publish(Message.Status("idle", message, _session));
        }
    }

    private void Handle(RouterSocket socket, Message request)
    {
        switch (request.Type)
        {
            case "kernel_info_request":
                Reply(socket, request, "kernel_info_reply", KernelInfo());
                break;
            case "execute_request":
                Execute(socket, request);
                break;
            case "is_complete_request":
                Reply(socket, request, "is_complete_reply", EditorRequests.IsComplete((string?)request.Content["code"] ?? ""));
                break;
            case "complete_request":
                Reply(socket, request, "complete_reply", Guarded(() => _editor.Complete((string?)request.Content["code"] ?? "", (int?)request.Content["cursor_pos"] ?? 0)));
                break;
            case "inspect_request":
                Reply(socket, request, "inspect_reply", Guarded(() => _editor.Inspect((string?)request.Content["code"] ?? "", (int?)request.Content["cursor_pos"] ?? 0)));
                break;
            case "history_request":
                Reply(socket, request, "history_reply", _editor.History(request.Content));
                break;
            case "comm_info_request":
                Reply(socket, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case "interrupt_request":
                // The running cell stops at its next interrupt check, await or blocking wait (Interrupts/Interruption);
                // the shell thread reports busy until the cell has really ended, or the engine gave it up.
                Interrupts.InterruptTrace.Mark("interrupt_request received");
                _engine.Interrupt();
                Reply(socket, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                Interrupts.InterruptTrace.Mark("interrupt_reply sent");
                break;
            case "shutdown_request":
                bool restart = (bool?)request.Content["restart"] ?? false;
                Reply(socket, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
                _running = false;
                _stopped.Set();
                break;
        }
    }

    private void Execute(RouterSocket socket, Message request)
    {
        string code = (string?)request.Content["code"] ?? "";
        bool silent = (bool?)request.Content["silent"] ?? false;
        bool storeHistory = !silent && ((bool?)request.Content["store_history"] ?? true);
        int count = storeHistory ? ++_executionCount : _executionCount;
        if (storeHistory) _editor.Remember(count, code);
        if (!silent)
            Publish(Message.Create("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request, _session));

        var sink = new IopubSink(this, request, silent);
        CellOutcome outcome;
        try
        {
            outcome = _engine.ExecuteAsync(code, sink, count).GetAwaiter().GetResult();
            Interrupts.InterruptTrace.Mark("shell: ExecuteAsync returned");
        }
        catch (Exception e)
        {
            // A failure of the kernel itself still gets its execute_reply, so clients never wait forever.
            outcome = CellOutcome.Failure("KernelError", e.Message, [e.ToString()]);
        }
        sink.Flush();
        FlushEarlierCells();

        if (outcome.Succeeded)
        {
            if (outcome.HasReturnValue && !silent)
            {
                var bundle = OutputFormatter.Format(outcome.ReturnValue);
                Publish(Message.Create("execute_result", new JsonObject
                {
                    ["execution_count"] = count, ["data"] = bundle.Data, ["metadata"] = bundle.Metadata,
                }, request, _session));
            }
            var expressions = UserExpressions(request.Content["user_expressions"] as JsonObject);
            Reply(socket, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = expressions, ["payload"] = new JsonArray(),
            });
            _ = _editor.PrepareAsync();
            return;
        }
        var queued = socket == _shell && !silent && ((bool?)request.Content["stop_on_error"] ?? true) ? TakeQueued() : [];

        var traceback = new JsonArray((outcome.Traceback ?? []).Select(l => (JsonNode?)l).ToArray());
        if (!silent)
            Publish(Message.Create("error", new JsonObject
            {
                ["ename"] = outcome.ErrorName, ["evalue"] = outcome.ErrorValue, ["traceback"] = traceback.DeepClone(),
            }, request, _session));
        Interrupts.InterruptTrace.Mark("shell: error published");
        Reply(socket, request, "execute_reply", new JsonObject
        {
            ["status"] = "error", ["execution_count"] = count, ["ename"] = outcome.ErrorName, ["evalue"] = outcome.ErrorValue, ["traceback"] = traceback,
        });
        Interrupts.InterruptTrace.Mark("shell: execute_reply sent");
        AbortQueued(queued);
    }

    /// <summary>
    /// user_expressions: each expression evaluated in the cell's state after it succeeded (not kept in the
    /// state), as a MIME bundle with status ok, or an error with its name and message.
    /// </summary>
    private JsonObject UserExpressions(JsonObject? expressions)
    {
        var results = new JsonObject();
        foreach (var (name, node) in expressions ?? [])
        {
            var outcome = _engine.EvaluateAsync((string?)node ?? "").GetAwaiter().GetResult();
            if (outcome.Succeeded)
            {
                var bundle = OutputFormatter.Format(outcome.ReturnValue);
                results[name] = new JsonObject { ["status"] = "ok", ["data"] = bundle.Data, ["metadata"] = bundle.Metadata };
            }
            else
            {
                results[name] = new JsonObject
                {
                    ["status"] = "error", ["ename"] = outcome.ErrorName, ["evalue"] = outcome.ErrorValue,
                    ["traceback"] = new JsonArray((outcome.Traceback ?? []).Select(l => (JsonNode?)l).ToArray()),
                };
            }
        }
        return results;
    }

    /// <summary>A reply's content, or an error reply naming the failure (the client is never left waiting).</summary>
    private static JsonObject Guarded(Func<JsonObject> answer)
    {
        try
        {
            return answer();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"kernel: {e}");
            return new JsonObject { ["status"] = "error", ["ename"] = e.GetType().Name, ["evalue"] = e.Message, ["traceback"] = new JsonArray() };
        }
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = Message.ProtocolVersion,
        ["implementation"] = KernelspecNames.CourseNotes,
        ["implementation_version"] = typeof(JupyterKernel).Assembly.GetName().Version?.ToString() ?? "1.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            // CodeMirror 5 (Notebook 6) and JupyterLab both resolve the C# mode from its MIME type.
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = "CourseNotes C# kernel (Roslyn scripting)",
        ["help_links"] = HelpLinks.ToJson(),
    };

    /// <summary>
    /// Sends input_request on stdin to the client that sent <paramref name="request"/> (same identities as
    /// its shell request) and waits for its input_reply. An interrupt of the cell ends the wait.
    /// </summary>
    private string RequestInput(Message request, string prompt, bool password)
    {
        var ask = Message.Create("input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }, request, _session, request.Identities);
        lock (_stdin)
        {
            try
            {
                _wire.Send(_stdin, ask);
            }
            catch (NetMQ.HostUnreachableException)
            {
                throw new InvalidOperationException("the cell asked for input, but no client listens on the stdin channel.");
            }
            while (true)
            {
                Interrupts.Interruption.Check(); // an interrupt ends the wait for an answer
                // jupyter_client's input() sends its input_reply without a parent header: any reply answers.
                if (_wire.TryReceive(_stdin, TimeSpan.FromMilliseconds(200), out var answer) && answer is not null && answer.Type == "input_reply")
                    return (string?)answer.Content["value"] ?? "";
                if (!_running) throw new OperationCanceledException("the kernel is shutting down.");
            }
        }
    }

    private void Reply(RouterSocket socket, Message request, string type, JsonObject content)
    {
        var reply = Message.Create(type, content, request, _session, request.Identities);
        lock (socket) _wire.Send(socket, reply);
    }

    /// <summary>
    /// Sends what background threads of earlier cells wrote and is still gathered, before this cell's reply:
    /// a client then has every output of the cells it ran once the last one is idle.
    /// </summary>
    private void FlushEarlierCells()
    {
        IopubSink[] pending;
        lock (_pendingSinks) pending = [.. _pendingSinks];
        foreach (var earlier in pending) earlier.Flush();
    }

    internal void Publish(Message message)
    {
        lock (_iopubLock) _wire.Send(_iopub, message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _running = false;
        // Each loop polls every 200 ms; a shell thread still running a cell is left behind (it is a background thread).
        foreach (var thread in _threads.Where(t => t != Thread.CurrentThread)) thread.Join(TimeSpan.FromSeconds(1));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat }) socket.Dispose();
        NetMQConfig.Cleanup(block: false);
    }

    /// <summary>
    /// Sends a cell's outputs on iopub with the request as parent, so clients put them under the right
    /// cell. Stream writes are gathered for up to 50 ms or 16 KB into one message (a loop of a million
    /// Console.WriteLine calls does not become a million messages); a display flushes them first.
    /// </summary>
    private sealed class IopubSink : IOutputSink
    {
        private readonly JupyterKernel _kernel;
        private readonly Message _request;
        private readonly bool _silent;
        private readonly System.Text.StringBuilder _pending = new();
        private readonly Timer _timer;
        private string _pendingName = "stdout";

        public IopubSink(JupyterKernel kernel, Message request, bool silent)
        {
            _kernel = kernel;
            _request = request;
            _silent = silent;
            _timer = new Timer(_ => Flush());
        }

        public void Stream(string name, string text)
        {
            if (_silent) return;
            lock (_pending)
            {
                if (name != _pendingName) Flush();
                _pendingName = name;
                bool first = _pending.Length == 0;
                _pending.Append(text);
                if (first) lock (_kernel._pendingSinks) _kernel._pendingSinks.Add(this);
                if (_pending.Length >= 16 * 1024) Flush();
                else if (first) _timer.Change(50, Timeout.Infinite);
            }
        }

        public void Flush()
        {
            lock (_pending)
            {
                if (_pending.Length == 0) return;
                _kernel.Publish(Message.Create("stream", new JsonObject { ["name"] = _pendingName, ["text"] = _pending.ToString() }, _request, _kernel._session));
                _pending.Clear();
                lock (_kernel._pendingSinks) _kernel._pendingSinks.Remove(this);
            }
        }

        public string ReadInput(string prompt, bool password)
        {
            if (!((bool?)_request.Content["allow_stdin"] ?? false))
                throw new InvalidOperationException("the cell asked for input, but the client does not allow it (allow_stdin is false): the runner and CI cannot answer a prompt.");
            Flush();
            return _kernel.RequestInput(_request, prompt, password);
        }

        public void Display(MimeBundle bundle, string displayId, bool update)
        {
            if (_silent) return;
            Flush();
            _kernel.Publish(Message.Create(update ? "update_display_data" : "display_data", new JsonObject
            {
                ["data"] = bundle.Data.DeepClone(),
                ["metadata"] = bundle.Metadata.DeepClone(),
                ["transient"] = new JsonObject { ["display_id"] = displayId },
            }, _request, _kernel._session));
        }
    }
}
