"""Batched spaCy parsing that uses a second CPU core on big batches.

spaCy parses on one core while torch (embeddings, NLI) uses them all, so on a
large batch the parse stages leave cores idle. `nlp.pipe(n_process=k)` fills
them; the docs come back identical and in input order. Worker start-up costs
about a second, so small batches stay in-process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI checks the setting before spaCy is imported
    from spacy.language import Language
    from spacy.tokens import Doc

PROCESSES_ENV = "CONSISTENCY_PARSE_PROCESSES"
MAX_PROCESSES = 4  # torch work between the parse stages is what dominates beyond this
MIN_TEXTS_PER_PROCESS = 1000  # below this the worker start-up eats the saving


class ParseSettingError(ValueError):
    """The environment asks for a number of parse processes that is not a positive integer."""


def requested_processes() -> int | None:
    """The count from CONSISTENCY_PARSE_PROCESSES, or None when unset."""
    raw = os.environ.get(PROCESSES_ENV, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ParseSettingError(f"{PROCESSES_ENV} must be a positive integer, got {raw!r}")
    return value


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def processes_for(
    n_texts: int,
    cpus: int | None = None,
    requested: int | None = None,
    min_per_process: int = MIN_TEXTS_PER_PROCESS,
) -> int:
    """How many processes to parse `n_texts` with: 1 unless the batch is big enough to pay off.

    `requested` (the environment setting) replaces the CPU-based limit but not the
    batch-size rule: a worker is never started for fewer than `min_per_process` texts.
    """
    if requested is not None:
        return max(1, min(requested, n_texts // min_per_process))
    cpu_limit = min(MAX_PROCESSES, cpus if cpus is not None else usable_cpus())
    return max(1, min(cpu_limit, n_texts // min_per_process))


def pipe(
    nlp: Language, texts: Iterable[str], batch_size: int, min_per_process: int = MIN_TEXTS_PER_PROCESS
) -> Iterator[Doc]:
    """`nlp.pipe` over `texts`, in worker processes when there are many of them."""
    items = list(texts)
    n_process = processes_for(len(items), requested=requested_processes(), min_per_process=min_per_process)
    return nlp.pipe(items, batch_size=batch_size, n_process=n_process)
