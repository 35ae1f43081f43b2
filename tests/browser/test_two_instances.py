"""Two Alongside instances on one PostgreSQL behind nginx: a session made through one works through
the other, what is written through either is read through both, and sign-in throttling counts
tries made through both. Needs PostgreSQL (the test script's server) and nginx (Debian's)."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse

import pytest

from conftest import DEMO_PASSWORD, Server, free_port
from test_crash import Client

POSTGRES = os.environ.get("ALONGSIDE_CRASH_POSTGRES_URL")

pytestmark = pytest.mark.skipif(not POSTGRES or not shutil.which("nginx"), reason="needs the test script's PostgreSQL and nginx")


def fresh_database(url, name):
    parts = urllib.parse.urlparse(url)
    subprocess.run(["runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/createdb", "-h", parts.hostname,
                    "-p", str(parts.port), "-U", "postgres", name], check=True)
    return parts._replace(path="/" + name).geturl()


def start_nginx(ports):
    folder = tempfile.mkdtemp(prefix="alongside-nginx-")
    port = free_port()
    upstreams = "\n".join(f"server 127.0.0.1:{p};" for p in ports)
    with open(os.path.join(folder, "nginx.conf"), "w") as conf:
        conf.write(f"""
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  upstream alongside {{ {upstreams} }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://alongside;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", os.path.join(folder, "nginx.conf"), "-p", folder])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, folder, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("nginx did not start: " + open(os.path.join(folder, "error.log")).read())


def test_two_instances_behind_nginx_share_sessions_records_and_throttling():
    url = fresh_database(POSTGRES, "alongside_two")
    shared = dict(DATABASE_URL=url, ALONGSIDE_KEY=os.urandom(32).hex(), ALONGSIDE_TRUSTED_PROXIES="127.0.0.1",
                  ALONGSIDE_LOGIN_MAX_FAILURES_ADDRESS=6)
    first = Server(demo=True, **shared)
    second = Server(**shared)
    nginx, folder, front = start_nginx([first.port, second.port])
    try:
        # Signed in through the first, the same session works through the second and through nginx.
        client = Client(first.base)
        client.sign_in()
        for base in (second.base, front, front):
            client.base = base
            status, page, _ = client.get("/caseload")
            assert status == 200 and "Your caseload" in page, base

        # A note written through the second is read through the first.
        client.base = second.base
        _, caseload, _ = client.get("/caseload")
        relationship = re.search(r'/relationships/[0-9a-f-]{36}', caseload).group(0)
        token = client.csrf(relationship + "/conversations/new")
        status, headers = client.post(relationship + "/conversations", {
            "_csrf": token, "occurredAt": time.strftime("%Y-%m-%dT%H:%M", time.gmtime(time.time() - 600)), "minutes": "20",
            "mode": "phone", "place": "", "reachedOut": "peer", "sharedNote": "Written through the second instance."})
        assert status == 303
        client.base = first.base
        status, note, _ = client.get(headers["Location"])
        assert status == 200 and "Written through the second instance." in note

        # Wrong passwords through nginx land on both instances in turn; the limit counts them all.
        visitor = Client(front)
        answers = []
        for attempt in range(8):
            token = visitor.csrf("/login")
            status, _ = visitor.post("/login", {"_csrf": token, "email": f"nobody{attempt}@example.org", "password": "wrong password here"})
            answers.append(status)
        assert 429 in answers, answers
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
        first.stop()
        second.stop()
