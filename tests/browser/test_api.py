"""The JSON API from outside: a token made on its screen in Chromium, a curl-like session with it,
and schemathesis generating requests for every operation from the served description."""
import json
import os
import re
import subprocess
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By

from conftest import ROOT, Server, check_page, menu, sign_in_as, submit, wait_for, wait_for_text

SCHEMATHESIS = os.path.join(ROOT, ".venv", "bin", "st")


def call(base, path, token=None, body=None, content_type="application/json"):
    """One API call: the status, the headers and the parsed body."""
    request = urllib.request.Request(base + path, data=body.encode() if body is not None else None,
                                     method="POST" if body is not None else "GET")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read() or b"null")


def make_token(browser, base):
    """A peer worker makes a token on the API tokens screen; it is shown once."""
    sign_in_as(browser, base, "peerworker@demo.alongside.test", "Sam Okafor")
    menu(browser, "API tokens")
    wait_for_text(browser, "Make a token")
    check_page(browser)
    submit(browser, "Make the token")
    wait_for_text(browser, "Give the token a name")
    check_page(browser)
    browser.find_element(By.ID, "name").send_keys("Service record sync")
    for area, level in (("journey", "write"), ("conversations", "write"), ("plans", "read"), ("consents", "read")):
        browser.find_element(By.ID, f"scope-{area}-{level}").click()
    submit(browser, "Make the token")
    wait_for(browser, "#new-token")
    check_page(browser)
    token = browser.find_element(By.ID, "new-token").get_attribute("value")
    assert re.fullmatch(r"alt_[A-Za-z0-9_-]{43}", token)
    assert "Service record sync" in browser.page_source
    return token


def test_a_token_made_on_its_screen_works_until_it_is_revoked(demo_server, browser):
    token = make_token(browser, demo_server)
    status, _, page = call(demo_server, "/api/v1/relationships?limit=2", token)
    assert status == 200 and len(page["items"]) == 2 and page["nextCursor"]
    relationship = page["items"][0]["id"]
    status, _, detail = call(demo_server, f"/api/v1/relationships/{relationship}", token)
    assert status == 200 and detail["journey"]
    status, headers, problem = call(demo_server, f"/api/v1/relationships/{relationship}/conversations", token,
                                    body='{"occurredAt":"later","minutes":0,"mode":"phone"}')
    assert status == 422 and headers["Content-Type"] == "application/problem+json"
    assert {"field": "minutes", "message": "A conversation lasts at least a minute."} in problem["errors"]
    # The same words on the page, through the browser: the token's uses are listed there too.
    browser.get(demo_server + "/account/tokens")
    wait_for_text(browser, "Service record sync")
    assert "Not yet" not in browser.find_element(By.CSS_SELECTOR, "table").text
    submit(browser, "Revoke \u201cService record sync\u201d")
    wait_for_text(browser, "That token has stopped working.")
    check_page(browser)
    assert call(demo_server, "/api/v1/relationships", token)[0] == 401


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_description(browser):
    # A server of its own: generated writes move stages and add notes that other tests don't expect.
    server = Server(demo=True)
    try:
        generated_run(browser, server.base)
    finally:
        server.stop()


def generated_run(browser, demo_server):
    token = make_token(browser, demo_server)
    run = subprocess.run(
        [SCHEMATHESIS, "run", demo_server + "/api/v1/openapi.json", "--url", demo_server + "/api/v1",
         "-H", f"Authorization: Bearer {token}", "--max-examples", "100", "--generation-deterministic",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_schema_conformance,response_headers_conformance,ignored_auth",
         "--phases", "coverage,fuzzing,stateful", "--no-color"],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    output = run.stdout + run.stderr
    print(output[-3000:])
    assert run.returncode == 0, output[-6000:]
    generated = re.search(r"(\d+) generated, (\d+) passed", output)
    assert generated, output[-3000:]
    operations = 9
    # At least 100 cases for each operation, every one of them passing.
    assert int(generated.group(1)) >= 100 * operations, generated.group(0)
    assert generated.group(1) == generated.group(2), generated.group(0)
    assert "Stateful" in output
