"""Where the bundled files live, importable without torch (the CLI's --version reads it)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_NLI_MODEL = Path(__file__).resolve().parent.parent / "models" / "consistency-nli-minilm"
