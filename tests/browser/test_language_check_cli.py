"""`alongside language-check` as an organisation would use it on its own letters."""
import json
import os
import subprocess
import tempfile

from conftest import BINARY


def run(text, *arguments):
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run([BINARY, "language-check", *arguments], input=text.encode(), capture_output=True,
                                cwd=folder, timeout=60)
        assert not os.listdir(folder), "checking text must not create a database"
    return result


def test_each_finding_is_a_json_line_with_offsets_into_the_input():
    text = "Dear Sam — we know you suffer from anxiety. Be patient with yourself; the patient group meets at 2."
    result = run(text)
    assert result.returncode == 0
    findings = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [f["entry"] for f in findings] == ["suffers-from", "patient"]
    for finding in findings:
        assert finding["matched"] == text[finding["start"]:finding["end"]]
    assert findings[1]["matched"] == "patient" and text[findings[1]["start"] - 4:findings[1]["start"]] == "the "
    assert findings[0]["suggestions"] and findings[0]["why"]


def test_it_exits_zero_when_there_is_nothing_to_say():
    result = run("We walked by the river and planned Friday.")
    assert result.returncode == 0
    assert result.stdout == b""


def test_an_organisation_can_add_its_own_words():
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as extra:
        json.dump({"sources": [{"id": "ours", "citation": "Our style guide"}],
                   "entries": [{"id": "service-user", "terms": ["service user"], "why": "We say peer.",
                                "suggestions": ["peer"], "sources": ["ours"]}]}, extra)
    try:
        result = run("A service user suffers from voices.", "--lexicon", extra.name)
    finally:
        os.unlink(extra.name)
    entries = [json.loads(line)["entry"] for line in result.stdout.decode().splitlines()]
    assert entries == ["service-user", "suffers-from"]
