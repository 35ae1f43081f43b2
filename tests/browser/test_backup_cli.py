"""`alongside backup` beside a running server, its restore drill, and `alongside restore`: refused
while the server runs, and with the server stopped, the service comes back with what it held."""
import glob
import os
import subprocess

from conftest import BINARY, Server, add_peer, check_page, run_binary, sign_in_as, wait_for_text

NAME = "Tūī Backupfield"


def alongside(server, *arguments):
    run = run_binary(lambda: subprocess.run([BINARY, *arguments], env=server.env, capture_output=True, timeout=300))
    return run.returncode, (run.stdout + run.stderr).decode(errors="replace")


def test_a_backup_made_while_serving_verifies_and_restores_after_a_loss(browser):
    server = Server(demo=True)
    try:
        sign_in_as(browser, server.base, "peerworker@demo.alongside.test", "Sam Okafor")
        add_peer(browser, NAME)
        wait_for_text(browser, NAME)
        relationship = browser.current_url

        code, output = alongside(server, "backup")
        assert code == 0, output
        assert "Wrote " in output and "rows" in output, output
        backups = glob.glob(os.path.join(server.data, "backups", "alongside-*.backup"))
        assert len(backups) == 1
        with open(backups[0], "rb") as file:
            assert b"Backupfield" not in file.read()

        code, output = alongside(server, "backup", "--verify")
        assert code == 0, output
        assert "Verified " in output and "restored and checked in" in output, output

        # While the server runs, a restore is refused and moves nothing: the server would go on
        # writing into the file moved aside, and lose it all at its next start.
        code, output = alongside(server, "restore", backups[0])
        assert code != 0, output
        assert "Nothing was restored" in output and "still running" in output and "Stop it first" in output, output
        assert not glob.glob(os.path.join(server.data, "alongside.sqlite.*")), os.listdir(server.data)
        browser.get(relationship)
        wait_for_text(browser, NAME)

        # The database is lost; the server is stopped; the backup comes back.
        server.process.terminate()
        server.process.wait(timeout=15)
        for path in glob.glob(os.path.join(server.data, "alongside.sqlite*")):
            os.remove(path)
        code, output = alongside(server, "restore", backups[0])
        assert code == 0, output
        assert "Restored " in output, output

        server.process = run_binary(lambda: subprocess.Popen([BINARY, "serve"], env=server.env, stdout=server.log,
                                                             stderr=subprocess.STDOUT))
        server.wait_until_ready()
        # Sessions live in the database: the one from before the backup is back with it.
        browser.get(relationship)
        wait_for_text(browser, NAME)
        check_page(browser)

        # A damaged backup is refused and nothing is put in place.
        damaged = backups[0] + ".damaged"
        with open(backups[0], "rb") as file:
            data = bytearray(file.read())
        data[len(data) // 2] ^= 1
        with open(damaged, "wb") as file:
            file.write(bytes(data))
        code, output = alongside(server, "backup", "--verify", "--file", damaged)
        assert code != 0 and "damaged" in output, output
    finally:
        server.stop()
