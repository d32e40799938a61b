"""Baselines: write, load, suppress; clear errors; atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from consistency.atomic import atomic_write_text
from consistency.baseline import (
    BaselineError,
    baseline_document,
    load_baseline,
    split_by_baseline,
    write_baseline,
)
from consistency.fingerprint import finding_id
from consistency.types import Claim, Finding


def make(verdict: str, a_text: str, b_text: str, kind: str = "numeric") -> Finding:
    a = Claim("a", 0, a_text, 0, len(a_text))
    b = Claim("b", 0, b_text, 0, len(b_text))
    return Finding(
        id=finding_id("a", a_text, "b", b_text),
        verdict=verdict,  # type: ignore[arg-type]
        kind=kind,
        confidence=0.9,
        a=a,
        b=b,
        similarity=0.8,
        explanation="x",
    )


DRONES = make("contradict", "157 drones were launched.", "810 drones were launched.")
YEARS = make("contradict", "The war is in its third year.", "It is the fourth year.", "temporal")
AGREE = make("agree", "Putin spoke on Friday.", "Putin said on Friday.", "nli")


def test_round_trip_records_sorted_contradiction_ids_only(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline([YEARS, AGREE, DRONES, DRONES], path) == 2
    assert load_baseline(path) == {DRONES.id, YEARS.id}
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema_version"] == "1"
    assert document["fingerprints"] == sorted([DRONES.id, YEARS.id])
    assert [e["id"] for e in document["entries"]] == document["fingerprints"]
    entry = next(e for e in document["entries"] if e["id"] == DRONES.id)
    assert entry == {
        "id": DRONES.id,
        "kind": "numeric",
        "a": {"article": "a", "text": "157 drones were launched."},
        "b": {"article": "b", "text": "810 drones were launched."},
    }
    assert os.listdir(tmp_path) == ["baseline.json"]


def test_baseline_file_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline([DRONES, YEARS], first)
    write_baseline([YEARS, DRONES], second)
    assert first.read_bytes() == second.read_bytes()
    assert baseline_document([]) == {"schema_version": "1", "fingerprints": [], "entries": []}


def test_split_by_baseline_suppresses_known_findings_even_if_relabelled() -> None:
    relabelled = make("contradict", "157  drones were\nlaunched.", "810 drones were launched.", "nli")
    assert relabelled.id == DRONES.id  # whitespace and kind do not change the id
    kept, suppressed = split_by_baseline([YEARS, relabelled, AGREE], {DRONES.id})
    assert kept == [YEARS, AGREE]
    assert suppressed == [relabelled]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "baseline file not found"),
        (b"{not json", "not valid JSON (line 1, column 2"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[]", "expected a JSON object"),
        (b'{"fingerprints": []}', "unsupported schema_version None"),
        (b'{"schema_version": "2", "fingerprints": []}', "unsupported schema_version '2'"),
        (b'{"schema_version": "1"}', "'fingerprints' must be a list"),
        (b'{"schema_version": "1", "fingerprints": "abc"}', "'fingerprints' must be a list"),
        (
            b'{"schema_version": "1", "fingerprints": ["0123456789abcdef", "XYZ"]}',
            "fingerprints[1] is 'XYZ', expected 16 lowercase hex digits",
        ),
    ],
)
def test_bad_baselines_raise_with_path_and_problem(tmp_path: Path, content: bytes | None, problem: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BaselineError) as info:
        load_baseline(path)
    assert str(path) in str(info.value)
    assert problem in info.value.problem
    assert info.value.path == str(path)


def test_directory_is_not_a_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="directory"):
        load_baseline(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(baseline_document([DRONES])).encode())
    assert load_baseline(path) == {DRONES.id}


# ---------------------------------------------------------------- atomic writes


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    atomic_write_text(target, "new\r\nline é")
    assert target.read_bytes() == "new\r\nline é".encode()  # no newline translation
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_write_failure_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    write_baseline([DRONES], target)
    before = target.read_bytes()
    broken = make("contradict", "bad \ud800 surrogate", "x")  # cannot be UTF-8 encoded
    with pytest.raises(UnicodeEncodeError):
        write_baseline([broken], target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["baseline.json"]


def test_atomic_write_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "missing" / "out.txt", "x")
    assert os.listdir(tmp_path) == []


def test_atomic_write_new_file_respects_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
