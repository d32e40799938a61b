"""Where the bundled files live, importable without torch (the CLI's --version reads it).

An installed wheel carries the model inside the package (`consistency/models/`, copied
there by setup.py); a source checkout or an editable install reads `models/` at the top
of the checkout, which stays the one source of truth.
"""

from __future__ import annotations

from pathlib import Path

NLI_MODEL_NAME = "consistency-nli-minilm"
_PACKAGED = Path(__file__).resolve().parent / "models" / NLI_MODEL_NAME
_CHECKOUT = Path(__file__).resolve().parent.parent / "models" / NLI_MODEL_NAME

DEFAULT_NLI_MODEL = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT

DEFAULT_CACHE_MB = 2048  # the score cache's size bound (consistency.cache)
