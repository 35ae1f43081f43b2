"""`alongside audit verify` against a real server's database and log: the key file is made on first
start, and the heads written to the log are what a trail cut back or emptied is checked against."""
import os
import re
import stat
import subprocess
import urllib.request

from conftest import BINARY, Server, run_binary


def verify(server, *arguments):
    return run_binary(lambda: subprocess.run([BINARY, "audit", "verify", *arguments], env=server.env,
                                             capture_output=True, timeout=120))


def test_the_trail_is_checked_against_the_heads_in_the_log():
    server = Server(demo=True)
    try:
        key = os.path.join(server.data, "alongside.key")
        assert os.path.getsize(key) == 32
        assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
        with urllib.request.urlopen(server.base + "/login", timeout=5) as response:
            assert response.status == 200
        # Stopping writes the final head to the log.
        server.process.terminate()
        server.process.wait(timeout=15)
        server.log.flush()
        log_path = os.path.join(server.data, "serve.log")
        with open(log_path) as log:
            text = log.read()
        heads = re.findall(r"audit head (\d+):([0-9a-f]{64})", text)
        assert heads, "no `audit head` line in the log:\n" + text[-2000:]

        held = verify(server, "--heads-from", log_path)
        output = (held.stdout + held.stderr).decode(errors="replace")
        assert held.returncode == 0, output
        assert "Audit trail intact" in output
        assert "Sealed under the key at entry 1" in output

        count, seal = heads[-1]
        longer = verify(server, "--expect-head", f"{int(count) + 5}:{seal}")
        output = (longer.stdout + longer.stderr).decode(errors="replace")
        assert longer.returncode != 0, output
        assert "entries were removed" in output

        unreadable = verify(server, "--expect-head", "not a head")
        assert unreadable.returncode != 0
    finally:
        server.stop()
