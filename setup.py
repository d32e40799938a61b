"""Build hook: the bundled NLI model goes inside the wheel, so any install finds its default model.

`models/` at the top of the checkout stays the source of truth (the model card, training
and benchmarks name it there); a wheel gets a copy at `consistency/models/`, which
`consistency.resources` looks for first. An editable install copies nothing: it reads
the checkout's `models/` directly. Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("consistency-nli-minilm",)  # folders of models/ that ship in the wheel
HERE = Path(__file__).resolve().parent


class BuildPyWithModels(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in BUNDLED:
            source = HERE / "models" / name
            if not (source / "model.safetensors").is_file():
                raise SystemExit(f"cannot build: {source} has no model.safetensors")
            target = Path(self.build_lib) / "consistency" / "models" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildPyWithModels})
