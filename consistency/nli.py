"""The NLI cross-encoder: any Hugging Face sequence-classification model with NLI labels.

Label order differs between public models (MNLI heads use contradiction/neutral/
entailment, others entailment/neutral/contradiction), so the columns are mapped by
name from `config.id2label`, never by position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import torch

from consistency.batching import length_batches, token_lengths
from consistency.cache import FORMAT, ScoreCache, cached_rows, folder_identity
from consistency.resources import DEFAULT_NLI_MODEL
from consistency.types import CandidatePair, NLIScores, PairNLI

__all__ = ["DEFAULT_NLI_MODEL", "NLIModel", "NLIModelError", "label_columns"]


_ALIASES = {
    "entailment": "entailment",
    "entail": "entailment",
    "entails": "entailment",
    "supports": "entailment",
    "neutral": "neutral",
    "not_enough_info": "neutral",
    "not enough info": "neutral",
    "nei": "neutral",
    "contradiction": "contradiction",
    "contradict": "contradiction",
    "contradicts": "contradiction",
    "refutes": "contradiction",
}


class NLIModelError(Exception):
    """The model could not be loaded or does not expose NLI labels."""


def label_columns(id2label: dict[int, str]) -> tuple[int, int, int]:
    """Indices of (entailment, neutral, contradiction) in the model's logits."""
    found: dict[str, int] = {}
    for index, name in id2label.items():
        canonical = _ALIASES.get(str(name).strip().lower())
        if canonical:
            found[canonical] = int(index)
    missing = [name for name in ("entailment", "neutral", "contradiction") if name not in found]
    if missing:
        raise NLIModelError(
            f"model labels {sorted(id2label.values())} do not name {', '.join(missing)}; "
            "an NLI model needs entailment, neutral and contradiction labels"
        )
    return found["entailment"], found["neutral"], found["contradiction"]


def resolve_precision(precision: str) -> torch.dtype | None:
    """bf16 autocast where the CPU has native bf16 (about 2x faster here), else fp32."""
    if precision in ("fp32", "int8"):
        return None
    if precision == "bf16":
        return torch.bfloat16
    from consistency.cpu import this_cpu

    return torch.bfloat16 if this_cpu().native_bf16 else None


@dataclass
class NLIModel:
    model: torch.nn.Module
    tokenizer: object
    name: str
    columns: tuple[int, int, int]
    max_length: int = 128
    batch_size: int = 32
    autocast: torch.dtype | None = None
    cache: ScoreCache | None = None  # scores from earlier runs (consistency.cache)
    quantized: bool = False  # --precision int8: other weights, other scores

    @cached_property
    def identity(self) -> str:
        """What the scores depend on: the model's files, precision, token limit, library versions."""
        return model_identity(
            self.name, self.model, f"nli:{self.autocast}:{self.quantized}:{self.max_length}:{self.columns}"
        )

    @classmethod
    def from_pretrained(
        cls, name_or_path: str | Path, precision: str = "auto", max_length: int = 128, batch_size: int = 32
    ) -> NLIModel:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(name_or_path))
            # safetensors only: a pickled checkpoint can run code when loaded (docs/security.md)
            model = AutoModelForSequenceClassification.from_pretrained(
                str(name_or_path), dtype=torch.float32, use_safetensors=True
            )
        except (OSError, ValueError) as error:
            raise NLIModelError(f"cannot load NLI model {name_or_path}: {error}") from None
        model.eval()
        if precision == "int8":
            model = _quantize_int8(model)
        columns = label_columns(model.config.id2label)
        dtype = resolve_precision(precision)
        name = str(name_or_path)
        return cls(model, tokenizer, name, columns, max_length, batch_size, dtype, quantized=precision == "int8")

    @torch.inference_mode()
    def predict(
        self,
        premises: Sequence[str],
        hypotheses: Sequence[str],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """Probabilities, shape (n, 3), columns (entailment, neutral, contradiction).

        Batched by padded length (consistency.batching): a pair's scores never depend on
        which other pairs share its batch, so cached scores stand in for fresh ones.
        """
        n = len(premises)
        out = np.zeros((n, 3), dtype=np.float64)
        if n == 0:
            return out
        premises, hypotheses = list(premises), list(hypotheses)

        def ids(part: slice) -> list[list[int]]:
            encoded = self.tokenizer(premises[part], hypotheses[part], truncation=True, max_length=self.max_length)
            return encoded["input_ids"]

        lengths = token_lengths(ids, n)
        cols = list(self.columns)
        done = 0
        # One autocast context for all batches: it caches the bf16 copies of the
        # weights until it exits, where one context per batch re-cast them every time.
        with torch.autocast("cpu", dtype=self.autocast or torch.bfloat16, enabled=self.autocast is not None):
            for size, idx in length_batches(lengths, self.batch_size, self.max_length):
                # fp32 matrix kernels differ by row count in the last bits: a short batch is
                # filled up with copies of its last pair so every batch has one shape (bf16
                # kernels give the same bits at any row count, so nothing is wasted there).
                rows = idx if self.autocast is not None else idx + [idx[-1]] * (self.batch_size - len(idx))
                batch = self.tokenizer(
                    [premises[i] for i in rows],
                    [hypotheses[i] for i in rows],
                    truncation=True,
                    max_length=size,  # no input of this batch is longer: pads only
                    padding="max_length",
                    return_tensors="pt",
                )
                logits = self.model(**batch).logits[: len(idx)]
                out[idx] = torch.softmax(logits.float(), dim=-1)[:, cols].numpy()
                done += len(idx)
                if on_progress is not None:
                    on_progress(done, n)
        return out

    def score_pairs(
        self, pairs: Sequence[CandidatePair], on_progress: Callable[[int, int], None] | None = None
    ) -> list[PairNLI]:
        """Both directions of every pair in one batched pass, each distinct (premise, hypothesis) once.

        Syndicated copy repeats sentences across outlets: on 1,000 real news
        articles 7-9% of the directed pairs (depending on the pairing settings)
        repeated another one exactly.
        """
        directed = [(p.a.text, p.b.text) for p in pairs] + [(p.b.text, p.a.text) for p in pairs]
        slot: dict[tuple[str, str], int] = {}
        for key in directed:
            slot.setdefault(key, len(slot))
        unique = list(slot)

        def in_pairs(done: int, total: int) -> None:
            # progress in pairs, the unit the user knows, however many calls the dedup saved
            if on_progress is not None:
                on_progress(round(done * len(pairs) / total), len(pairs))

        probs = cached_rows(
            self.cache,
            "nli",
            self.identity if self.cache is not None else "",  # digesting the model costs ~0.05 s
            unique,
            3,
            np.float64,
            lambda idx: self.predict([unique[i][0] for i in idx], [unique[i][1] for i in idx], in_pairs),
        )
        rows = [probs[slot[key]] for key in directed]
        n = len(pairs)
        return [PairNLI(_scores(rows[i]), _scores(rows[n + i])) for i in range(n)]


def model_identity(name: str, model: torch.nn.Module, settings: str) -> str:
    """A model folder by the digest of its files; a hub id by its commit; plus what computes with it."""
    import transformers

    folder = Path(name)
    files = folder_identity(folder) if folder.is_dir() else f"{name}@{getattr(model.config, '_commit_hash', '')}"
    return f"{files}|{settings}|torch {torch.__version__}|transformers {transformers.__version__}|{FORMAT}"


def _quantize_int8(model: torch.nn.Module) -> torch.nn.Module:
    """Dynamic int8 quantization of the Linear layers (VNNI kernels on x86); measured, not default."""
    import warnings

    from torch.ao.quantization import quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def _scores(row: np.ndarray) -> NLIScores:
    return NLIScores(float(row[0]), float(row[1]), float(row[2]))
