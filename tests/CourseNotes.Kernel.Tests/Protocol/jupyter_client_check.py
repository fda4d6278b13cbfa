"""Drives the CourseNotes kernel with Jupyter's own client libraries (Debian's python3-nbclient and
python3-jupyter-client): executes notebooks with nbclient, then checks is_complete, interrupt and
shutdown with a KernelManager. Writes one JSON document into the result file named first on the
command line, for the C# test to check: what Python or jupyter_client print (warnings at interpreter
shutdown included) never mixes with the data."""
import json, os, sys, time
import nbformat
from nbclient import NotebookClient
from jupyter_client.manager import KernelManager

result_file, kernel_name, *notebooks = sys.argv[1:]
report = {"notebooks": {}}
for path in notebooks:
    nb = nbformat.read(path, as_version=4)
    started = time.time()
    NotebookClient(nb, kernel_name=kernel_name, timeout=120,
                   resources={"metadata": {"path": path.rsplit("/", 1)[0]}}).execute()
    report["notebooks"][path.rsplit("/", 1)[-1]] = {
        "seconds": time.time() - started,
        "cells": [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"],
    }

km = KernelManager(kernel_name=kernel_name)
km.start_kernel()
kc = km.client()
try:
    kc.start_channels()
    kc.wait_for_ready(timeout=60)

    def shell_reply(msg_id):
        reply = kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=30)
        return reply["content"]

    report["is_complete"] = [shell_reply(kc.is_complete(code))["status"] for code in ["var x = 1;", "if (true) {"]]
    # Interrupt a cell that is surely asleep: it says so on stdout first (no guess at how long a cold
    # compile takes on a loaded machine), then the interrupt is sent.
    msg_id = kc.execute('Console.WriteLine("endormi");\nSystem.Threading.Thread.Sleep(600_000);')
    deadline = time.time() + 120
    while True:
        msg = kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                and "endormi" in msg["content"]["text"]):
            break
    km.interrupt_kernel()
    reply = shell_reply(msg_id)
    report["interrupted"] = {"status": reply["status"], "ename": reply.get("ename")}
    report["after_interrupt"] = shell_reply(kc.execute("1 + 1"))["status"]

    # stdin: Console.ReadLine(), Kernel.GetInputAsync and Kernel.GetPasswordAsync (password: true) become input requests that this client answers.
    prompts, printed, passwords = [], [], []
    def answer(msg):
        prompts.append(msg["content"]["prompt"])
        passwords.append(msg["content"]["password"])
        kc.input(["Ada", "Lovelace", "s3cret"][len(prompts) - 1])
    def collect(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
    reply = kc.execute_interactive(
        'var first = Console.ReadLine();\nvar last = await GetInputAsync("Nom : ");\nvar code = await GetPasswordAsync("Code : ");\n'
        'Console.WriteLine($"Bonjour {first} {last} ! ({code.GetClearTextPassword().Length} caractères, {code})");',
        allow_stdin=True, stdin_hook=answer, output_hook=collect, timeout=60)
    report["input"] = {"status": reply["content"]["status"], "prompts": prompts, "passwords": passwords, "printed": "".join(printed)}
    refused = kc.execute_interactive("Console.ReadLine()", allow_stdin=False, output_hook=lambda m: None, timeout=60)
    report["input_refused"] = {"status": refused["content"]["status"], "evalue": refused["content"].get("evalue", "")}
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    report["shutdown_clean"] = not km.is_alive()
finally:
    if km.is_alive():
        km.shutdown_kernel(now=True)
with open(result_file + ".partial", "w", encoding="utf-8") as out:
    json.dump(report, out)
os.replace(result_file + ".partial", result_file)
