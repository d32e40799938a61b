"""The --fail-on gate: spec parsing and which findings fail."""

from __future__ import annotations

import pytest

from consistency.fingerprint import finding_id
from consistency.gate import (
    DEFAULT_FAIL_CONFIDENCE,
    EXIT_FAILING,
    EXIT_OK,
    FailOn,
    FailOnError,
    exit_code,
    failing,
    parse_fail_on,
)
from consistency.types import Claim, Finding


def make(verdict: str, kind: str, confidence: float, n: int) -> Finding:
    a = Claim("a", n, f"claim a {n}", 0, 9)
    b = Claim("b", n, f"claim b {n}", 0, 9)
    return Finding(
        id=finding_id("a", a.text, "b", b.text),
        verdict=verdict,  # type: ignore[arg-type]
        kind=kind,
        confidence=confidence,
        a=a,
        b=b,
        similarity=0.7,
        explanation="x",
    )


NUMERIC_HIGH = make("contradict", "numeric", 0.9, 0)
TEMPORAL_MID = make("contradict", "temporal", 0.6, 1)
NLI_LOW = make("contradict", "nli", 0.2, 2)
AT_DEFAULT = make("contradict", "entity", DEFAULT_FAIL_CONFIDENCE, 3)
AGREE_HIGH = make("agree", "numeric", 0.99, 4)
NEUTRAL = make("neutral", "nli", 0.95, 5)
ALL = [NUMERIC_HIGH, TEMPORAL_MID, NLI_LOW, AT_DEFAULT, AGREE_HIGH, NEUTRAL]


def test_default_confidence_constant() -> None:
    assert DEFAULT_FAIL_CONFIDENCE == 0.5
    assert parse_fail_on("contradict") == FailOn(enabled=True, min_confidence=0.5)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("never", []),
        ("contradict", [NUMERIC_HIGH, TEMPORAL_MID, AT_DEFAULT]),  # >= is inclusive
        ("contradict:0.8", [NUMERIC_HIGH]),
        ("contradict:0.6:numeric,temporal", [NUMERIC_HIGH, TEMPORAL_MID]),
        ("contradict:0.7:numeric,temporal", [NUMERIC_HIGH]),
        ("contradict:numeric,nli", [NUMERIC_HIGH]),  # kinds with default confidence
        ("any", [NUMERIC_HIGH, TEMPORAL_MID, NLI_LOW, AT_DEFAULT]),
        ("any:nli", [NLI_LOW]),
        ("  Contradict : 0.6 : Numeric , Temporal ", [NUMERIC_HIGH, TEMPORAL_MID]),
        ("contradict:1", []),
        ("contradict:0", [NUMERIC_HIGH, TEMPORAL_MID, NLI_LOW, AT_DEFAULT]),
    ],
)
def test_failing_selects_contradictions_only(spec: str, expected: list[Finding]) -> None:
    assert failing(ALL, spec) == expected


def test_failing_accepts_a_parsed_spec_and_keeps_input_order() -> None:
    spec = parse_fail_on("any")
    assert failing(reversed(ALL), spec) == [AT_DEFAULT, NLI_LOW, TEMPORAL_MID, NUMERIC_HIGH]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "empty spec"),
        ("sometimes", "unknown mode 'sometimes'"),
        ("contradict:1.5", "between 0 and 1, got 1.5"),
        ("contradict:-0.1", "between 0 and 1"),
        ("contradict:nan", "between 0 and 1"),
        ("contradict:0.5:numbers", "unknown kind numbers"),
        ("contradict:0.5:numeric,", "empty kind"),
        ("contradict:0.5:numeric:x", "too many ':' parts"),
        ("contradict:high:numeric", "'high' is not a confidence"),
        ("contradict:0,8", "unknown kind 0, 8"),
        ("never:0.5", "'never' takes no options"),
        ("any:0.5:numeric", "too many ':' parts"),
    ],
)
def test_bad_specs_name_the_problem(spec: str, message: str) -> None:
    with pytest.raises(FailOnError, match=message.replace("(", r"\(")) as info:
        parse_fail_on(spec)
    assert repr(spec) in str(info.value)


@pytest.mark.parametrize(
    ("spec", "canonical"),
    [
        ("never", "never"),
        ("contradict", "contradict:0.5"),
        ("contradict:0.80", "contradict:0.8"),
        ("contradict:0.6:temporal,numeric", "contradict:0.6:numeric,temporal"),
        ("any", "any"),
        ("any:quote", "any:quote"),
    ],
)
def test_canonical_round_trips(spec: str, canonical: str) -> None:
    parsed = parse_fail_on(spec)
    assert parsed.canonical() == canonical
    assert parse_fail_on(canonical) == parsed


def test_describe_is_plain_english() -> None:
    assert parse_fail_on("never").describe() == "never fails on findings"
    assert parse_fail_on("any").describe() == "fails on any contradiction"
    assert parse_fail_on("any:nli").describe() == "fails on any nli contradiction"
    assert (
        parse_fail_on("contradict:0.6:numeric").describe() == "fails on numeric contradictions with confidence >= 0.6"
    )


def test_exit_codes() -> None:
    assert exit_code(0) == EXIT_OK == 0
    assert exit_code(3) == EXIT_FAILING == 1
