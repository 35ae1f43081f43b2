"""`alongside move-to-postgres` on the demo at --scale 10: the copy checks itself, a second copy is
refused, and the service then runs on PostgreSQL with everyone and everything where it was."""
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import BINARY, DEMO_PASSWORD, Server, check_page, free_port, run_binary, sign_in_as, wait_for_text

URL = os.environ.get("ALONGSIDE_MOVE_POSTGRES_URL")


def wait_until_ready(port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("alongside serve did not become ready")


@pytest.mark.skipif(not URL, reason="scripts/test gives an empty PostgreSQL database in ALONGSIDE_MOVE_POSTGRES_URL")
def test_a_demo_service_moves_to_postgresql_and_carries_on_there(browser):
    key = os.urandom(32).hex()
    data = tempfile.mkdtemp(prefix="alongside-move-")
    env = dict(os.environ, ALONGSIDE_DATA_DIR=data, ALONGSIDE_KEY=key, ALONGSIDE_BCRYPT_COST="4",
               ALONGSIDE_DEMO_PASSWORD=DEMO_PASSWORD, LOG_LEVEL="warning")
    server = None
    try:
        demo = run_binary(lambda: subprocess.run([BINARY, "demo", "--scale", "10"], env=env, capture_output=True, text=True,
                                                 timeout=900))
        assert demo.returncode == 0, demo.stdout + demo.stderr
        busiest = re.search(r"\((\d+) conversations\): (/relationships/[0-9a-f-]+)", demo.stdout)
        assert busiest, demo.stdout

        # Beside a running server the move is refused before it touches PostgreSQL: what the server
        # wrote after the copy's snapshot would be left behind.
        port = free_port()
        serving = run_binary(lambda: subprocess.Popen([BINARY, "serve"], env=dict(env, ALONGSIDE_PORT=str(port)),
                                                      stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
        try:
            wait_until_ready(port)
            beside = subprocess.run([BINARY, "move-to-postgres", "--to", URL], env=env, capture_output=True, text=True,
                                    timeout=600)
            assert beside.returncode != 0, beside.stdout + beside.stderr
            assert "Nothing was moved" in beside.stderr + beside.stdout and "Stop it first" in beside.stderr + beside.stdout
        finally:
            serving.terminate()
            serving.wait(timeout=30)

        moved = subprocess.run([BINARY, "move-to-postgres", "--to", URL], env=env, capture_output=True, text=True,
                               timeout=1800)
        output = moved.stdout + moved.stderr
        print(output[-2500:])
        assert moved.returncode == 0, output[-4000:]
        assert "every table's rows and checksum match" in output
        conversations = re.search(r"conversations: (\d+) rows, checksum [0-9a-f]+ matches", output)
        assert conversations and int(conversations.group(1)) > 100_000, output[-4000:]

        again = subprocess.run([BINARY, "move-to-postgres", "--to", URL], env=env, capture_output=True, text=True,
                               timeout=600)
        assert again.returncode != 0
        assert "already holds a service" in again.stdout + again.stderr

        # The same people sign in, with the same key, on PostgreSQL: names and notes opened as before.
        server = Server(DATABASE_URL=URL, ALONGSIDE_KEY=key)
        sign_in_as(browser, server.base, "peerworker@demo.alongside.test", "Sam Okafor")
        browser.get(server.base + "/caseload")
        wait_for_text(browser, "Your caseload")
        check_page(browser)
        rows = browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
        assert len(rows) >= 20
        assert "enc1:" not in browser.page_source
        browser.get(server.base + busiest.group(2))
        check_page(browser)
        assert "enc1:" not in browser.page_source
        assert len(browser.find_elements(By.PARTIAL_LINK_TEXT, "minutes")) >= 20
    finally:
        if server:
            server.stop()
        shutil.rmtree(data, ignore_errors=True)
