"""Baselines: contradictions a team has reviewed and accepted.

`consistency check --write-baseline FILE` records the current contradictions;
later runs with `--baseline FILE` drop findings whose id is in it, so CI only
fails on *new* contradictions. The file is JSON, meant to be committed and
reviewed in pull requests, so besides the sorted `fingerprints` (the only
thing that is read back) it carries one human-readable entry per id::

    {"schema_version": "1",
     "fingerprints": ["0a1b...", ...],
     "entries": [{"id": "0a1b...", "kind": "numeric",
                  "a": {"article": "...", "text": "..."},
                  "b": {"article": "...", "text": "..."}}]}

Only contradictions are recorded: agreements never fail the gate, and since
the id ignores the verdict (see `consistency.fingerprint`), recording an
agreement would silently suppress that pair if it later became a
contradiction.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from consistency.atomic import atomic_write_text
from consistency.fingerprint import is_fingerprint
from consistency.types import Finding

BASELINE_SCHEMA_VERSION = "1"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names path and problem."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def baseline_document(findings: Iterable[Finding]) -> dict[str, object]:
    """The JSON document `write_baseline` writes (pure, for tests and previews)."""
    by_id: dict[str, Finding] = {}
    for finding in findings:
        if finding.verdict == "contradict":
            by_id.setdefault(finding.id, finding)
    ids = sorted(by_id)
    entries = [
        {
            "id": fid,
            "kind": by_id[fid].kind,
            "a": {"article": by_id[fid].a.article_id, "text": by_id[fid].a.text},
            "b": {"article": by_id[fid].b.article_id, "text": by_id[fid].b.text},
        }
        for fid in ids
    ]
    return {"schema_version": BASELINE_SCHEMA_VERSION, "fingerprints": ids, "entries": entries}


def write_baseline(findings: Iterable[Finding], path: str | os.PathLike[str]) -> int:
    """Atomically write the contradictions among `findings`; returns how many.

    Pass the findings *before* baseline suppression, so regenerating a baseline
    keeps the already-accepted ones.
    """
    items = list(findings)
    document = baseline_document(items)
    atomic_write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return len({f.id for f in items if f.verdict == "contradict"})


def load_baseline(path: str | os.PathLike[str]) -> set[str]:
    """The accepted finding ids in a baseline file.

    Raises `BaselineError` for a missing, unreadable or malformed file rather
    than treating it as empty: an empty baseline by accident would make CI
    fail on every accepted contradiction, and a silently ignored one would
    hide the misconfiguration.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise BaselineError(path, "baseline file not found") from None
    except IsADirectoryError:
        raise BaselineError(path, "is a directory, not a baseline file") from None
    except OSError as exc:
        raise BaselineError(path, f"cannot read baseline: {exc.strerror or exc}") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(path, "baseline is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(document, dict):
        raise BaselineError(path, "expected a JSON object with a 'fingerprints' list")
    version = document.get("schema_version")
    if version != BASELINE_SCHEMA_VERSION:
        raise BaselineError(
            path,
            f"unsupported schema_version {version!r} (expected {BASELINE_SCHEMA_VERSION!r})",
        )
    fingerprints = document.get("fingerprints")
    if not isinstance(fingerprints, list):
        raise BaselineError(path, "'fingerprints' must be a list of finding ids")
    for position, value in enumerate(fingerprints):
        if not is_fingerprint(value):
            raise BaselineError(
                path,
                f"fingerprints[{position}] is {value!r}, expected 16 lowercase hex digits",
            )
    return set(fingerprints)


def split_by_baseline(
    findings: Iterable[Finding], baseline: set[str] | frozenset[str]
) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed): suppressed findings are those whose id is in `baseline`.

    Both lists keep the input order. `len(suppressed)` is the report's
    `summary.suppressed_by_baseline`.
    """
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        (suppressed if finding.id in baseline else kept).append(finding)
    return kept, suppressed
