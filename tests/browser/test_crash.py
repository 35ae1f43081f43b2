"""Crash test: writers save notes while the server is killed with SIGKILL at a random moment,
twenty times over; after each restart, every note that had been answered with success is there,
word for word. On SQLite always; on PostgreSQL too when the test script gives it a server
(ALONGSIDE_CRASH_POSTGRES_URL)."""
import http.cookiejar
import os
import random
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from conftest import BINARY, DEMO_PASSWORD, Server, run_binary

ROUNDS = 20
WRITERS = 4

databases = ["sqlite"] + (["postgres"] if os.environ.get("ALONGSIDE_CRASH_POSTGRES_URL") else [])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A signed-in peer worker over plain HTTP; the session lives in the database, so it outlives restarts."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=10) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=10) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    def csrf(self, path):
        _, body, _ = self.get(path)
        return re.search(r'name="_csrf" value="([^"]+)"', body).group(1)

    def sign_in(self):
        token = self.csrf("/login")
        status, _ = self.post("/login", {"_csrf": token, "email": "peerworker@demo.alongside.test", "password": DEMO_PASSWORD})
        assert status == 303


def serve(server):
    server.process = run_binary(lambda: subprocess.Popen([BINARY, "serve"], env=server.env, stdout=server.log,
                                                         stderr=subprocess.STDOUT))
    server.wait_until_ready()


@pytest.mark.parametrize("database", databases)
def test_every_answered_write_survives_a_kill_at_a_random_moment(database):
    settings = {}
    if database == "postgres":
        settings["DATABASE_URL"] = os.environ["ALONGSIDE_CRASH_POSTGRES_URL"]
    server = Server(demo=True, **settings)
    rng = random.Random(2026)
    answered = []
    try:
        client = Client(server.base)
        client.sign_in()
        _, caseload, _ = client.get("/caseload")
        relationship = re.search(r'/relationships/[0-9a-f-]{36}', caseload).group(0)
        token = client.csrf(relationship + "/conversations/new")
        for round_number in range(ROUNDS):
            stop = threading.Event()
            lock = threading.Lock()
            this_round = []

            def write(writer):
                count = 0
                while not stop.is_set():
                    note = f"Crash round {round_number} writer {writer} note {count}, all its words kept."
                    when = (datetime.now(timezone.utc) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
                    try:
                        status, headers = client.post(relationship + "/conversations", {
                            "_csrf": token, "occurredAt": when, "minutes": "30", "mode": "phone", "place": "",
                            "reachedOut": "peer", "sharedNote": note})
                    except OSError:
                        return  # the server is gone: this write was never answered
                    if status == 303:
                        with lock:
                            this_round.append((note, headers["Location"]))
                    count += 1

            threads = [threading.Thread(target=write, args=(k,)) for k in range(WRITERS)]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.2, 1.2))
            server.process.send_signal(signal.SIGKILL)
            server.process.wait(timeout=10)
            stop.set()
            for thread in threads:
                thread.join(timeout=20)
            serve(server)
            # Every note answered before the kill is there, word for word.
            for note, location in this_round:
                status, body, _ = client.get(location)
                assert status == 200, f"round {round_number}: {location} answered {status} after the restart"
                assert note in body, f"round {round_number}: “{note}” is missing after the restart"
            answered += this_round
        assert len(answered) > ROUNDS, f"only {len(answered)} writes were answered in {ROUNDS} rounds"
        # And after twenty kills, every one of them still is.
        for note, location in answered:
            status, body, _ = client.get(location)
            assert status == 200 and note in body, f"“{note}” is missing at the end"
        print(f"{database}: {ROUNDS} kills, {len(answered)} answered writes, none lost")
    finally:
        server.stop()


def test_a_stop_while_pages_are_being_read_lets_them_finish_and_exits_cleanly():
    """SIGTERM (systemd's stop, a deploy) while readers are mid-request: the server stops taking new
    connections, answers what it already has, and only then closes the databases. It once closed
    them first and crashed on the next request that reached for one."""
    server = Server(demo=True)
    try:
        client = Client(server.base)
        client.sign_in()
        _, caseload, _ = client.get("/caseload")
        relationship = re.search(r'/relationships/[0-9a-f-]{36}', caseload).group(0)
        stop = threading.Event()
        lock = threading.Lock()
        statuses = []

        def read():
            while not stop.is_set():
                try:
                    status, _, _ = client.get(relationship)
                except OSError:
                    return  # refused or cut off once the server stopped listening: never answered
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=30)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
        server.log.flush()
        with open(os.path.join(server.data, "serve.log")) as log:
            output = log.read()
        assert code == 0, f"the server exited with {code} after SIGTERM:\n{output[-3000:]}"
        assert "Fatal error" not in output and "Crash" not in output, output[-3000:]
        assert statuses and set(statuses) == {200}, f"answers while stopping: {sorted(set(statuses))}"
    finally:
        server.stop()
