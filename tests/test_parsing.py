"""Parsing across worker processes: same docs as in-process, and a checked setting."""

from __future__ import annotations

import os

import pytest

from consistency.attribution import parser
from consistency.parsing import (
    MAX_PROCESSES,
    PROCESSES_ENV,
    ParseSettingError,
    pipe,
    processes_for,
    requested_processes,
    usable_cpus,
)

SENTENCES = [
    "Russia launched 157 drones overnight, the air force said.",
    "The talks took place in Lisbon on Tuesday.",
    "\u201cWe will not back down,\u201d the minister told reporters.",
    "Turnout was 61% in the capital, officials said.",
    "The company cut 1,200 jobs in its third year of losses.",
]


def test_small_batches_stay_in_process() -> None:
    assert processes_for(999, cpus=2) == 1
    assert processes_for(0, cpus=8) == 1


def test_big_batches_use_the_cores_up_to_the_cap() -> None:
    assert processes_for(5000, cpus=2) == 2
    assert processes_for(100_000, cpus=64) == MAX_PROCESSES
    assert processes_for(2500, cpus=64) == 2  # each worker gets at least 1,000 texts
    assert processes_for(100_000, cpus=1) == 1


def test_the_setting_replaces_the_cpu_limit_but_not_the_batch_rule() -> None:
    assert processes_for(100_000, cpus=2, requested=1) == 1
    assert processes_for(100_000, cpus=2, requested=6) == 6
    assert processes_for(10, cpus=2, requested=6) == 1


def test_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROCESSES_ENV, raising=False)
    assert requested_processes() is None
    monkeypatch.setenv(PROCESSES_ENV, " 3 ")
    assert requested_processes() == 3


@pytest.mark.parametrize("raw", ["0", "-2", "two", "1.5"])
def test_a_bad_setting_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(PROCESSES_ENV, raw)
    with pytest.raises(ParseSettingError, match=PROCESSES_ENV):
        requested_processes()


def _analysis(docs) -> list[list[tuple[str, str, str, int, str]]]:
    return [[(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc] for doc in docs]


def test_worker_processes_return_the_same_docs_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = SENTENCES * 8
    monkeypatch.setenv(PROCESSES_ENV, "1")
    alone = _analysis(pipe(parser(), texts, batch_size=4, min_per_process=10))
    monkeypatch.setenv(PROCESSES_ENV, "2")
    assert processes_for(len(texts), requested=2, min_per_process=10) == 2
    workers = _analysis(pipe(parser(), texts, batch_size=4, min_per_process=10))
    assert workers == alone
    assert [d[0][0] for d in workers[:5]] == ["Russia", "The", "\u201c", "Turnout", "The"]


def test_usable_cpus_is_at_least_one_and_at_most_the_host() -> None:
    assert 1 <= usable_cpus() <= (os.cpu_count() or 1)
