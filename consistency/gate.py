"""The CI gate: which findings make the run fail (`--fail-on`).

Spec grammar (case-insensitive, surrounding spaces ignored)::

    never                        never fail on findings
    any[:KINDS]                  any contradiction, whatever its confidence
    contradict[:MIN][:KINDS]     contradictions with confidence >= MIN
                                 (MIN defaults to DEFAULT_FAIL_CONFIDENCE)

KINDS is a comma-separated list of finding kinds (numeric, temporal, unit,
entity, negation, quote, nli) that restricts the gate to those kinds, e.g.
``contradict:0.6:numeric,temporal`` or ``contradict:numeric``.

Only contradictions ever fail the gate: agreements and neutral pairs are
information, not defects. Exit codes follow the contract in docs/CONTRACT.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from consistency.types import FINDING_KINDS, Finding

# Minimum confidence for `--fail-on contradict`. Chosen as the natural
# midpoint of a calibrated probability; the lead may retune it on dev data
# (never on eval data).
DEFAULT_FAIL_CONFIDENCE = 0.5
DEFAULT_FAIL_ON = "contradict"
KINDS = FINDING_KINDS

EXIT_OK = 0
EXIT_FAILING = 1
EXIT_USAGE = 2


class FailOnError(ValueError):
    """A `--fail-on` spec that cannot be parsed; the message names the problem."""


@dataclass(frozen=True)
class FailOn:
    """A parsed `--fail-on` spec."""

    enabled: bool
    min_confidence: float = DEFAULT_FAIL_CONFIDENCE
    kinds: frozenset[str] | None = None  # None: every kind

    def matches(self, finding: Finding) -> bool:
        """Whether this one finding fails the gate."""
        return (
            self.enabled
            and finding.verdict == "contradict"
            and finding.confidence >= self.min_confidence
            and (self.kinds is None or finding.kind in self.kinds)
        )

    def canonical(self) -> str:
        """The spec written out in full, e.g. for the report's `gate.fail_on`."""
        if not self.enabled:
            return "never"
        text = "any" if self.min_confidence <= 0 else f"contradict:{self.min_confidence:g}"
        if self.kinds is not None:
            text += ":" + ",".join(k for k in KINDS if k in self.kinds)
        return text

    def describe(self) -> str:
        """Plain-English summary for terminal and Markdown reports."""
        if not self.enabled:
            return "never fails on findings"
        kinds = ""
        if self.kinds is not None:
            kinds = ", ".join(k for k in KINDS if k in self.kinds) + " "
        if self.min_confidence <= 0:
            return f"fails on any {kinds}contradiction"
        return f"fails on {kinds}contradictions with confidence >= {self.min_confidence:g}"


def _parse_kinds(text: str, spec: str) -> frozenset[str]:
    names = [part.strip() for part in text.split(",")]
    if not all(names):
        raise FailOnError(f"--fail-on {spec!r}: empty kind in list {text!r}")
    unknown = sorted({n for n in names if n not in KINDS})
    if unknown:
        raise FailOnError(f"--fail-on {spec!r}: unknown kind {', '.join(unknown)} (known kinds: {', '.join(KINDS)})")
    return frozenset(names)


def _parse_confidence(text: str, spec: str) -> float | None:
    """The confidence in `text`, or None when `text` is not a number at all."""
    try:
        value = float(text)
    except ValueError:
        return None
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise FailOnError(f"--fail-on {spec!r}: minimum confidence must be between 0 and 1, got {text}")
    return value


def parse_fail_on(spec: str) -> FailOn:
    """Parse a `--fail-on` spec (grammar in the module docstring)."""
    original = spec
    parts = [p.strip() for p in spec.strip().lower().split(":")]
    head, rest = parts[0], parts[1:]
    usage = "use never, any[:KINDS] or contradict[:MIN][:KINDS]"
    if head == "never":
        if rest:
            raise FailOnError(f"--fail-on {original!r}: 'never' takes no options")
        return FailOn(enabled=False)
    if head == "any":
        if len(rest) > 1:
            raise FailOnError(f"--fail-on {original!r}: too many ':' parts; {usage}")
        kinds = _parse_kinds(rest[0], original) if rest else None
        return FailOn(enabled=True, min_confidence=0.0, kinds=kinds)
    if head == "contradict":
        if len(rest) > 2:
            raise FailOnError(f"--fail-on {original!r}: too many ':' parts; {usage}")
        if not rest:
            return FailOn(enabled=True)
        confidence = _parse_confidence(rest[0], original)
        if confidence is None:  # "contradict:numeric,temporal"
            if len(rest) == 2:
                raise FailOnError(f"--fail-on {original!r}: {rest[0]!r} is not a confidence between 0 and 1")
            return FailOn(enabled=True, kinds=_parse_kinds(rest[0], original))
        kinds = _parse_kinds(rest[1], original) if len(rest) == 2 else None
        return FailOn(enabled=True, min_confidence=confidence, kinds=kinds)
    if not head:
        raise FailOnError(f"--fail-on {original!r}: empty spec; {usage}")
    raise FailOnError(f"--fail-on {original!r}: unknown mode {head!r}; {usage}")


def failing(findings: Iterable[Finding], spec: str | FailOn) -> list[Finding]:
    """The findings that fail the gate, in their input order."""
    fail_on = parse_fail_on(spec) if isinstance(spec, str) else spec
    return [f for f in findings if fail_on.matches(f)]


def exit_code(failing_count: int) -> int:
    """Process exit status for a run that got as far as producing findings."""
    return EXIT_FAILING if failing_count else EXIT_OK
