"""Runs every case of tests/spec/quantities_spec.yaml (ids per case)."""

from __future__ import annotations

import pytest

from consistency.quantities.spec_report import load_spec, report, run_case

CASES = load_spec()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_spec_case(case: dict) -> None:
    if case.get("xfail"):
        pytest.xfail(case["xfail"])
    ok, msg = run_case(case)
    assert ok, msg


def test_spec_is_large_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 250
    assert len(set(ids)) == len(ids)
    assert all(c.get("category") for c in CASES)


def test_report_counts_every_case() -> None:
    table = report()
    tot = table["total"]
    assert tot["passed"] + tot["failed"] + tot["xfail"] == len(CASES)
