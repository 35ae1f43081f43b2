"""`alongside keys rotate` run beside a real server: every free-text value is sealed again under a
new data key while the server keeps serving, with a progress bar, and nothing anyone wrote is in
the raw database before or after."""
import glob
import os
import subprocess

from selenium.webdriver.common.by import By

from conftest import BINARY, Server, add_peer, check_page, run_binary, sign_in_as, wait_for_text

NAME = "Kererū Quarrywall"


def keys(server, *arguments):
    return run_binary(lambda: subprocess.Popen([BINARY, "keys", *arguments], env=server.env,
                                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT))


def raw_database(server):
    data = b""
    for path in glob.glob(os.path.join(server.data, "alongside.sqlite*")):
        with open(path, "rb") as file:
            data += file.read()
    return data


def test_a_rotation_runs_while_the_server_serves_and_every_page_still_reads(browser):
    server = Server(demo=True, ALONGSIDE_DATA_KEY_REFRESH_SECONDS=1)
    try:
        sign_in_as(browser, server.base, "peerworker@demo.alongside.test", "Sam Okafor")
        add_peer(browser, NAME)
        wait_for_text(browser, NAME)
        relationship = browser.current_url
        assert NAME.encode() not in raw_database(server)
        assert "Quarrywall".encode() not in raw_database(server)

        rotation = keys(server, "rotate", "--wait", "3", "--batch", "25")
        # People keep working while it runs: the page reads throughout.
        while rotation.poll() is None:
            browser.get(relationship)
            wait_for_text(browser, NAME)
        output = rotation.stdout.read().decode(errors="replace")
        assert rotation.returncode == 0, output
        assert "Made data key" in output
        assert "] " in output and " values" in output, output
        assert "Every value is now under data key" in output

        browser.get(relationship)
        wait_for_text(browser, NAME)
        check_page(browser)
        status = keys(server, "status")
        status.wait(timeout=60)
        text = status.stdout.read().decode(errors="replace")
        assert "Every value is under the current key." in text, text
        assert "retired" in text and "current" in text, text
        assert "Quarrywall".encode() not in raw_database(server)
    finally:
        server.stop()
