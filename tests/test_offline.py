"""The offline guarantee: import, search and ask with an audit hook that records every attempt to reach
the network (socket connections, name lookups, HTTP libraries, subprocesses); there must be none."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, MODELS, ROOT

SCRIPT = r"""
import json, sys
events = []
WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "socket.sendto", "socket.bind", "urllib.Request", "http.client.connect", "subprocess.Popen", "os.system"}

def hook(event, args):
    if event in WATCHED:
        events.append([event, repr(args)[:200]])

sys.addaudithook(hook)
from legalassist.cli import main
library, corpus = sys.argv[1], sys.argv[2]
codes = [
    main(["--library", library, "import", corpus + "/us_code/9_USC_2.pdf", corpus + "/us_code/9_USC_3.pdf"]),
    main(["--library", library, "search", "valid irrevocable enforceable", "--json"]),
    main(["--library", library, "ask", "What does the Federal Arbitration Act say about the validity of arbitration agreements?", "--json"]),
]
print("AUDIT " + json.dumps({"codes": codes, "events": events}))
"""


@pytest.mark.models
def test_import_search_and_ask_make_no_network_attempt(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LEGALASSIST_MODELS_DIR": str(MODELS)}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "lib"), str(CORPUS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("AUDIT "))
    report = json.loads(line[len("AUDIT ") :])
    assert report["codes"] == [0, 0, 0]
    # llama-index imports `requests`, whose urllib3 probes for IPv6 support at import by binding a socket
    # to the loopback address ::1, port 0, and closing it: no packet leaves, and nothing is contacted.
    probe = [e for e in report["events"] if e[0] == "socket.bind" and e[1].endswith("('::1', 0))")]
    others = [e for e in report["events"] if e not in probe]
    assert len(probe) <= 1
    assert others == [], others


def test_the_hook_does_see_a_connection_attempt(tmp_path: Path) -> None:
    """The same hook, shown to catch an attempt, so an empty list above means something."""
    code = (
        "import sys, socket; ev=[]; sys.addaudithook(lambda e, a: ev.append(e) if e.startswith('socket.') else None)\n"
        "s = socket.socket()\ntry:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\nprint('socket.connect' in ev)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert proc.stdout.strip() == "True"
