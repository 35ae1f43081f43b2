"""Hostile input from outside, against a real server: what each past advisory of the stack did, and
what an attacker with a token or a form would try. Every case must be answered (or the connection
closed) without a 5xx, without internals in the answer, and without changing what is stored."""
import gzip
import json
import os
import socket

from conftest import Server, http_status
from test_api import call, make_token

LEAKS = ("Swift.", "Fatal error", "DecodingError", "SQLite", "PSQLError", "/work/", ".swift:")


class Tally:
    def __init__(self):
        self.cases = 0
        self.problems = []

    def check(self, name, status, body=b""):
        self.cases += 1
        text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
        if status is not None and status >= 500:
            self.problems.append(f"{name}: answered {status}")
        for leak in LEAKS:
            if leak in text:
                self.problems.append(f"{name}: the answer shows {leak!r}")


def raw(port, data, read=True, timeout=10):
    """Sends bytes as they are; returns the status (None if the server closed the connection) and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        try:
            connection.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            return None, b""
        if not read:
            return None, b""
        answer = b""
        try:
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
                if b"\r\n\r\n" in answer and (b"content-length: 0" in answer.lower() or len(answer) > 200_000):
                    break
                head, _, rest = answer.partition(b"\r\n\r\n")
                length = [line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")]
                if length and len(rest) >= int(length[0].split(b":")[1]):
                    break
        except (socket.timeout, ConnectionResetError):
            pass
    if not answer.startswith(b"HTTP/1.1 "):
        return None, answer
    return int(answer[9:12]), answer.partition(b"\r\n\r\n")[2]


def request(method, path, headers=(), body=b""):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + list(headers)
    if body and not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_hostile_input_gets_no_server_error_no_leak_and_changes_nothing(browser):
    server = Server(demo=True)
    try:
        run_all(browser, server)
    finally:
        server.stop()


def run_all(browser, server):
    base, port, tally = server.base, server.port, Tally()
    token = make_token(browser, base)
    auth = f"Authorization: Bearer {token}"
    _, _, first = call(base, "/api/v1/relationships?limit=100", token)
    relationship = first["items"][0]["id"]
    notes = f"/api/v1/relationships/{relationship}/conversations"
    count_before = len(call(base, notes + "?limit=100", token)[2]["items"])

    # Past advisories of the stack, one regression case each.
    tally.check("Range 2^63", *raw(port, request("GET", "/assets/site.css", ["Range: bytes=9223372036854775808-"])))
    tally.check("Range reversed", *raw(port, request("GET", "/assets/site.css", ["Range: bytes=9223372036854775807-1"])))
    nested = ("a" + "[b]" * 1100 + "=1").encode()
    tally.check("form nested 1,100 deep", *raw(port, request("POST", "/login", ["Content-Type: application/x-www-form-urlencoded"], nested)))
    for path in ("/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2fPackage.swift"):
        status, body = raw(port, request("GET", path))
        tally.check(f"asset path {path}", status, body)
        assert status in (400, 403, 404), f"{path} answered {status}"
        assert b"root:" not in body and b"PackageDescription" not in body
    tally.check("malformed request line", *raw(port, b"GET /healthz HTTP/1.1 extra words\r\n\r\n"))
    tally.check("garbage request line", *raw(port, b"\x00\x01\x02 / HTTP/9.9\r\n\r\n"))
    many = [f"X-H{i}: v" for i in range(100_000)]
    tally.check("100,000 small headers", *raw(port, request("GET", "/healthz", many), timeout=30))
    bomb = gzip.compress(b"\0" * 50_000_000)
    tally.check("gzip bomb", *raw(port, request("POST", notes, [auth, "Content-Type: application/json", "Content-Encoding: gzip"], bomb)))
    smuggled = request("POST", notes, [auth, "Content-Type: application/json", "Content-Length: 4",
                                        "Transfer-Encoding: chunked"], b"0\r\n\r\nGET /admin/accounts HTTP/1.1\r\n\r\n")
    # A chunked upload says no length: it is cut off at the limit while it arrives, not read whole.
    payload = b'{"sharedNote":"' + b"a" * (4 << 20)
    chunked = b"".join(b"%x\r\n" % len(payload[i:i + 65536]) + payload[i:i + 65536] + b"\r\n"
                       for i in range(0, len(payload), 65536)) + b"0\r\n\r\n"
    status, body = raw(port, request("POST", notes, [auth, "Content-Type: application/json", "Transfer-Encoding: chunked"],
                                     chunked))
    tally.check("chunked 4 MB", status, body)
    assert status in (None, 413), f"a chunked 4 MB body answered {status}"
    status, body = raw(port, smuggled)
    tally.check("Content-Length with chunked", status, body)
    assert status != 200
    # Unknown paths: all 404, and the server doesn't grow with them.
    before = rss_kib(server.process.pid)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        for i in range(10_000):
            connection.sendall(f"GET /no/such/page/{i} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        seen, answer = 0, b""
        while seen < 10_000:
            chunk = connection.recv(1 << 20)
            if not chunk:
                break
            answer += chunk
            seen = answer.count(b"HTTP/1.1 404")
            if answer.count(b"HTTP/1.1 5"):
                break
    tally.cases += 10_000
    assert seen == 10_000, f"only {seen} of 10,000 unknown paths answered 404"
    growth = rss_kib(server.process.pid) - before
    assert growth < 64 * 1024, f"memory grew by {growth} KiB over 10,000 unknown paths"

    # Bodies and encodings an attacker chooses, through the API and a form.
    bodies = {
        "1 MB": b'{"occurredAt":"x","minutes":1,"mode":"' + b"a" * 1_000_000 + b'"}',
        "10 MB": b'{"occurredAt":"x","minutes":1,"mode":"phone","sharedNote":"' + b"a" * 10_000_000 + b'"}',
        "invalid UTF-8": b'{"occurredAt":"\xff\xfe","minutes":1,"mode":"phone"}',
        "NUL byte": b'{"occurredAt":"2026-01-01T10:00","minutes":1,"mode":"phone","sharedNote":"a\\u0000b"}',
        "deep JSON": b"[" * 100_000,
        "huge number": b'{"occurredAt":"x","minutes":99999999999999999999999999,"mode":"phone"}',
        "year 0": b'{"occurredAt":"0000-01-01T00:00:00Z","minutes":1,"mode":"phone","reachedOut":"peer"}',
        "year 9999": b'{"occurredAt":"9999-12-31T23:59:59Z","minutes":1,"mode":"phone","reachedOut":"peer"}',
        "SQL fragment": b'{"occurredAt":"2026-01-01T10:00\'; DROP TABLE conversations;--","minutes":1,"mode":"phone"}',
        "markup": b'{"occurredAt":"<script>alert(1)</script>","minutes":1,"mode":"<img src=x onerror=alert(1)>"}',
        "duplicated keys": b'{"minutes":1,"minutes":2,"occurredAt":"x","mode":"phone"}',
    }
    for name, body in bodies.items():
        status, answer = raw(port, request("POST", notes, [auth, "Content-Type: application/json"], body), timeout=60)
        tally.check(f"API body: {name}", status, answer)
        assert status is None or 400 <= status < 500, f"{name} answered {status}"
        if name.endswith("MB"):
            assert status in (None, 413), f"{name} answered {status}"
    for name, content_type in (("wrong content type", "text/plain"), ("XML", "application/xml"), ("no type", None)):
        headers = [auth] + ([f"Content-Type: {content_type}"] if content_type else [])
        status, answer = raw(port, request("POST", notes, headers, b'{"minutes":1}'))
        tally.check(f"API {name}", status, answer)
        assert status is None or 400 <= status < 500, f"{name} answered {status}"
    for since in ("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-1", "2026-13-45T99:99:99Z", "%00"):
        status, answer = raw(port, request("GET", f"/api/v1/relationships?updatedSince={since}", [auth]))
        tally.check(f"updatedSince {since}", status, answer)
    for limit in ("0", "-1", "101", "99999999999999999999", "1e3"):
        status, answer = raw(port, request("GET", f"/api/v1/relationships?limit={limit}", [auth]))
        tally.check(f"limit {limit}", status, answer)
        assert status == 400, f"limit {limit} answered {status}"
    form = "Content-Type: application/x-www-form-urlencoded"
    for name, body in (("form 10 MB", b"email=" + b"a" * 10_000_000), ("form invalid UTF-8", b"email=%ff%fe&password=x"),
                       ("form NUL", b"email=a%00b&password=x"), ("form duplicated", b"email=a&email=b&password=x"),
                       ("form SQL", b"email=' OR 1=1;--&password=x")):
        status, answer = raw(port, request("POST", "/login", [form], body), timeout=60)
        tally.check(name, status, answer)

    # Nothing refused above was saved, and the server still answers.
    count_after = len(call(base, notes + "?limit=100", token)[2]["items"])
    assert count_after == count_before, f"hostile bodies saved {count_after - count_before} conversations"
    assert http_status(base + "/readyz") == 200
    print(f"hostile input: {tally.cases} cases, {len(tally.problems)} problems")
    assert not tally.problems, "\n".join(tally.problems)
