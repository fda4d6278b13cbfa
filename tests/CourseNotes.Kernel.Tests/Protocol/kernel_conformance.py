"""A conformance check of the CourseNotes kernel in the spirit of jupyter_kernel_test, through Jupyter's own
client (Debian's python3-jupyter-client): kernel_info, completion, inspection, is_complete, history,
user_expressions, stop_on_error, interrupt of each kind of cell (timed), a cell that cannot be stopped,
a message with a bad signature, a replayed message, restart and shutdown.

Usage: kernel_conformance.py KERNEL_NAME RESULT_FILE. The results are written to RESULT_FILE as JSON (never
printed: Python may print warnings at shutdown)."""
import json, queue, sys, time
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

kernel_name, result_file = sys.argv[1:3]
report = {}

km = KernelManager(kernel_name=kernel_name)
km.start_kernel()
kc = km.client()


def reply_to(msg_id, timeout=60):
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_until_idle(msg_id, timeout=60):
    """The iopub messages of one request, up to its idle status."""
    seen, deadline = [], time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen


def run(code, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    reply = reply_to(msg_id)
    outputs = iopub_until_idle(msg_id)
    return reply["content"], outputs


def value(outputs):
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"].get("text/plain")
    return None


try:
    kc.start_channels()
    kc.wait_for_ready(timeout=90)

    info = reply_to(kc.kernel_info())["content"]
    report["kernel_info"] = {"codemirror_mode": info["language_info"].get("codemirror_mode"),
                             "help_links": [l["url"] for l in info.get("help_links", [])]}

    reply, _ = run('var students = new List<string> { "Ada" };\n'
                   '/// <summary>The evidence lower bound.</summary>\n'
                   'double Elbo(double reconstruction, double kl) => reconstruction - kl;')
    report["setup"] = reply["status"]

    # Completion, timed through the wire (what a front end waits for).
    completions, times = {}, []
    for code in ["Console.Wri", "students.Ad", "var e = Elb", "Math.Sq", "Enumerable.Ra", "students.Select(s => s.Len"]:
        started = time.perf_counter()
        content = reply_to(kc.complete(code, len(code)))["content"]
        times.append((time.perf_counter() - started) * 1000)
        completions[code] = {"matches": content["matches"], "cursor_start": content["cursor_start"], "cursor_end": content["cursor_end"],
                             "types": [t.get("type") for t in content["metadata"].get("_jupyter_types_experimental", [])]}
    for _ in range(40):
        for code in ["Console.Wri", "students.Ad", "Math.Sq"]:
            started = time.perf_counter()
            reply_to(kc.complete(code, len(code)))
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    report["completion"] = completions
    report["completion_ms"] = {"p50": times[len(times) // 2], "p95": times[int(len(times) * 0.95)], "count": len(times)}

    inspect = reply_to(kc.inspect("Console.WriteLine(\"x\")", 15))["content"]
    own = reply_to(kc.inspect("Elbo(1, 2)", 3))["content"]
    report["inspect"] = {"found": inspect["found"], "plain": inspect["data"].get("text/plain"), "markdown": inspect["data"].get("text/markdown"),
                         "own": own["data"].get("text/plain")}

    report["is_complete"] = {code: reply_to(kc.is_complete(code))["content"]["status"]
                             for code in ["var x = 1;", "if (true) {", "var x = ;"]}

    reply, _ = run("var z = 6;", user_expressions={"answer": "z * 7", "missing": "notDefined + 1"})
    report["user_expressions"] = reply["user_expressions"]

    history = reply_to(kc.history(hist_access_type="tail", n=2, output=False, raw=True))["content"]
    report["history"] = [entry[2] for entry in history["history"]]

    # stop_on_error: three cells queued at once, as Run All does; the two after the error are aborted. The failing
    # cell runs for a second first, so the two others are queued behind it however slowly this client sends them
    # on a loaded machine (without it, the error could be answered before the second request left this process).
    ids = [kc.execute('System.Threading.Thread.Sleep(1000); throw new InvalidOperationException("boom");'),
           kc.execute("var afterError = 1;"), kc.execute("afterError")]
    report["stop_on_error"] = [reply_to(i)["content"]["status"] for i in ids]
    idle, deadline = set(), time.time() + 60
    while idle != set(ids):
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" and m["parent_header"].get("msg_id") in ids:
            idle.add(m["parent_header"]["msg_id"])
    report["after_abort"] = run("students.Count")[0]["status"]

    # Interrupt each kind of cell through the control channel (kernelspec interrupt_mode: message).
    run("var before = 41;\nint Next(int x) => x + 1;")
    # A trivial cell's round trip: how busy this machine is (the interrupt times include waiting for a core).
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        run("before")
        rounds.append((time.perf_counter() - started) * 1000)
    report["round_trip_ms"] = sorted(rounds)[2]
    cells = {
        "cpu loop": "while (true) {}",
        "linq": "var total = Enumerable.Range(0, int.MaxValue).Select(i => (long)i * i % 7).Where(x => x > 2).Sum();",
        "parallel for": "Parallel.For(0, int.MaxValue, i => { double s = 0; for (int k = 0; k < 1000; k++) s += Math.Sqrt(k); });",
        "parallel foreach": "Parallel.ForEach(Enumerable.Range(0, int.MaxValue), i => { double s = 0; for (int k = 0; k < 1000; k++) s += Math.Sqrt(k); });",
        "plinq": "var p = Enumerable.Range(0, int.MaxValue).AsParallel().Select(i => { double s = 0; for (int k = 0; k < 1000; k++) s += Math.Sqrt(k); return s; }).Sum();",
        "task.run loops": "await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => { double s = 0; while (true) s += Math.Sqrt(s); })));",
        "await loop": "while (true) await Task.Delay(100);",
        "blocking wait": "System.Threading.Thread.Sleep(600_000);",
        "unstoppable": "System.Threading.Thread.SpinWait(int.MaxValue);",
    }
    report["interrupt"] = {}
    for kind, cell in cells.items():
        msg_id = kc.execute('Console.WriteLine("started");\n' + cell)
        outputs = []
        while not any(m["msg_type"] == "stream" and "started" in m["content"]["text"] for m in outputs):
            m = kc.get_iopub_msg(timeout=60)
            if m["parent_header"].get("msg_id") == msg_id:
                outputs.append(m)
        time.sleep(0.5)
        started = time.perf_counter()
        km.interrupt_kernel()
        reply = reply_to(msg_id, timeout=30)["content"]
        stopped_ms = (time.perf_counter() - started) * 1000
        # busy until the cell really ended: its idle comes after its reply.
        rest = iopub_until_idle(msg_id, timeout=30)
        idle_ms = (time.perf_counter() - started) * 1000
        after = run("Next(before)")
        report["interrupt"][kind] = {"status": reply["status"], "ename": reply.get("ename"), "evalue": reply.get("evalue"),
                                     "reply_ms": stopped_ms, "idle_ms": idle_ms, "after": value(after[1]), "after_status": after[0]["status"]}

    # A message signed with another key is dropped: never run, never answered.
    bad = Session(key=b"not-the-key", username=kc.session.username)
    bad_msg = bad.msg("execute_request", content={"code": 'Console.WriteLine("BAD-SIGNATURE-RAN");', "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    bad.send(kc.shell_channel.socket, bad_msg)
    time.sleep(1.5)
    answered = False
    try:
        while True:
            m = kc.get_shell_msg(timeout=0.2)
            answered = answered or m["parent_header"].get("msg_id") == bad_msg["header"]["msg_id"]
    except queue.Empty:
        pass
    ran = False
    try:
        while True:
            m = kc.get_iopub_msg(timeout=0.2)
            ran = ran or (m["msg_type"] == "stream" and "BAD-SIGNATURE-RAN" in m["content"]["text"])
    except queue.Empty:
        pass
    report["bad_signature"] = {"answered": answered, "ran": ran, "kernel_alive": run("1 + 1")[0]["status"]}

    # The same validly signed message sent twice: the second copy is a replay and is dropped.
    run("var counter = 0;")
    msg = kc.session.msg("execute_request", content={"code": "counter++;", "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    frames = kc.session.serialize(msg)
    kc.shell_channel.socket.send_multipart(frames)
    kc.shell_channel.socket.send_multipart(frames)
    reply_to(msg["header"]["msg_id"])
    iopub_until_idle(msg["header"]["msg_id"])
    time.sleep(1.0)
    report["replay"] = {"counter": value(run("counter")[1])}

    # Restart: a fresh state, the kernel answers again.
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=90)
    after_restart = run("before")[0]
    report["restart"] = {"old_variable": after_restart["status"], "new_cell": value(run("20 + 22")[1])}

    kc.stop_channels()
    km.shutdown_kernel(now=False)
    report["shutdown_clean"] = not km.is_alive()
finally:
    if km.is_alive():
        km.shutdown_kernel(now=True)
    with open(result_file, "w", encoding="utf-8") as out:
        json.dump(report, out, ensure_ascii=False, indent=1)
