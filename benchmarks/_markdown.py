"""Markdown tables for the benchmark summaries, written one way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def table(header: Sequence[str], rows: Iterable[Sequence[object]], left: int = 1) -> list[str]:
    """Header, alignment row (the first `left` columns left-aligned, the rest right-aligned), rows."""

    def line(cells: Sequence[object]) -> str:
        return "|" + "|".join(f" {c} " if c != "" else " " for c in cells) + "|"

    align = ["---"] * left + ["---:"] * (len(header) - left)
    return [line(header), line(align), *(line(row) for row in rows)]
