"""Drives the CourseNotes kernel with Jupyter's own client libraries (Debian's python3-nbclient and
python3-jupyter-client): executes notebooks with nbclient, then checks is_complete, interrupt and
shutdown with a KernelManager. Prints one JSON document for the C# test to check."""
import json, sys, time
import nbformat
from nbclient import NotebookClient
from jupyter_client.manager import KernelManager

kernel_name, *notebooks = sys.argv[1:]
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
    msg_id = kc.execute("System.Threading.Thread.Sleep(600_000);")
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = shell_reply(msg_id)
    report["interrupted"] = {"status": reply["status"], "ename": reply.get("ename")}
    report["after_interrupt"] = shell_reply(kc.execute("1 + 1"))["status"]
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    report["shutdown_clean"] = not km.is_alive()
finally:
    if km.is_alive():
        km.shutdown_kernel(now=True)
print(json.dumps(report))
