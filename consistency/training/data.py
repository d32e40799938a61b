"""NLI pair records and their JSONL I/O, shared by the generator, trainer and benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")
LABEL_TO_ID: dict[str, int] = {name: i for i, name in enumerate(LABELS)}


@dataclass(frozen=True)
class NLIPair:
    premise: str
    hypothesis: str
    label: str
    source: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {
            "premise": self.premise,
            "hypothesis": self.hypothesis,
            "label": self.label,
            "source": self.source,
            "tags": list(self.tags),
        }


def read_pairs(path: str | Path) -> list[NLIPair]:
    """Read a JSONL file of premise/hypothesis/label rows, rejecting unknown labels early."""
    pairs: list[NLIPair] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = row["label"]
            if label not in LABEL_TO_ID:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            pairs.append(
                NLIPair(
                    premise=row["premise"],
                    hypothesis=row["hypothesis"],
                    label=label,
                    source=row.get("source", ""),
                    tags=tuple(row.get("tags", ())),
                )
            )
    return pairs


def write_pairs(pairs: Iterable[NLIPair], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair.to_json(), ensure_ascii=False) + "\n")


def iter_premises(pairs: Iterable[NLIPair]) -> Iterator[str]:
    """Distinct premises in first-seen order (deterministic input for the generator)."""
    seen: set[str] = set()
    for pair in pairs:
        if pair.premise not in seen:
            seen.add(pair.premise)
            yield pair.premise
