"""Run the quantities spec (tests/spec/quantities_spec.yaml) and print pass rates.

Usage: python -m consistency.quantities.spec_report [SPEC.yaml]
Prints JSON: {"total": {...}, "by_category": {category: {"passed", "failed", "xfail", "rate"}}}.
The same `run_case` is used by tests/test_quantities_spec.py, so the table and
the test suite can never disagree.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any

from consistency.quantities import check_pair, extract
from consistency.quantities.dates import WEEKDAYS
from consistency.quantities.model import Quantity

DEFAULT_SPEC = Path(__file__).resolve().parents[2] / "tests" / "spec" / "quantities_spec.yaml"
Case = dict[str, Any]


def load_spec(path: Path = DEFAULT_SPEC) -> list[Case]:
    import yaml

    with open(path, encoding="utf-8") as fh:
        cases = yaml.safe_load(fh)
    return list(cases)


def _date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


def _num(v: Any) -> float:
    if isinstance(v, str) and v.lstrip("-") == "inf":
        return -math.inf if v.startswith("-") else math.inf
    return float(v)


def _field_ok(q: Quantity, key: str, want: Any) -> bool:
    if key in ("low", "high", "value"):
        got = getattr(q, key)
        w = _num(want)
        if math.isinf(w) or math.isinf(got):
            return got == w
        return math.isclose(got, w, rel_tol=2e-3, abs_tol=2e-3)
    if key in ("date_low", "date_high"):
        got = getattr(q, key[5:])
        return math.isfinite(got) and date.fromordinal(int(got)) == _date(want)
    if key == "weekday":
        return q.weekday is not None and WEEKDAYS[q.weekday] == str(want).lower()
    if key == "agents":
        return set(want) <= set(q.agents)
    if key == "text":
        return q.text.strip() == str(want)
    return str(getattr(q, key)) == str(want if want is not None else "")


def _qdump(q: Quantity) -> str:
    return (
        f"{q.kind}/{q.dimension} [{q.low:g},{q.high:g}] unit={q.unit!r} text={q.text!r} noun={q.noun!r} "
        f"verb={q.verb!r} role={q.role!r} qual={q.qualifier!r} agents={sorted(q.agents)}"
    )


def run_case(case: Case) -> tuple[bool, str]:
    """(passed, message) for one spec case."""
    if case["type"] == "normalize":
        qs = extract(case["text"], _date(case.get("published")))
        dump = "; ".join(_qdump(q) for q in qs) or "no quantities"
        if "count" in case and len(qs) != case["count"]:
            return False, f"expected {case['count']} quantities, got {len(qs)}: {dump}"
        for want in case.get("expect", []):
            if not any(all(_field_ok(q, k, v) for k, v in want.items()) for q in qs):
                return False, f"no quantity matches {want}: {dump}"
        return True, dump
    pub = case.get("published")
    res = check_pair(case["a"], _date(case.get("a_published", pub)), case["b"], _date(case.get("b_published", pub)))
    got = res.status if res else "none"
    want = case["expect"]
    ok = got != "conflict" if want == "no_conflict" else got == want
    msg = f"got {got}" + (f" [{res.kind}, {res.confidence}] {res.explanation}" if res else "")
    if ok and res and case.get("kind") and res.kind != case["kind"]:
        return False, f"kind {res.kind} != {case['kind']}: {msg}"
    if ok and res and case.get("reason") and str(case["reason"]).lower() not in res.explanation.lower():
        return False, f"reason {case['reason']!r} not in explanation: {msg}"
    return ok, msg


def report(path: Path = DEFAULT_SPEC) -> dict[str, Any]:
    """Pass rate by category; xfail cases counted separately."""
    by_cat: dict[str, dict[str, Any]] = {}
    for case in load_spec(path):
        row = by_cat.setdefault(case["category"], {"passed": 0, "failed": 0, "xfail": 0})
        ok, _ = run_case(case)
        if case.get("xfail"):
            row["xfail"] += 1
        else:
            row["passed" if ok else "failed"] += 1
    for row in by_cat.values():
        n = row["passed"] + row["failed"]
        row["rate"] = round(row["passed"] / n, 3) if n else None
    tot = {k: sum(r[k] for r in by_cat.values()) for k in ("passed", "failed", "xfail")}
    tot["rate"] = round(tot["passed"] / max(1, tot["passed"] + tot["failed"]), 3)
    return {"total": tot, "by_category": dict(sorted(by_cat.items()))}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(json.dumps(report(Path(args[0]) if args else DEFAULT_SPEC), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
