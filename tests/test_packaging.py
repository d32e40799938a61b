"""Packaging: the lock matches pyproject.toml, every import is declared, and a built wheel works anywhere."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from clirun import EXAMPLE, ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

LOCK = ROOT / "requirements" / "lock.txt"
TORCH_PIN = ROOT / "requirements" / "torch-cpu.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", re.MULTILINE)


def locked() -> dict[str, Version]:
    return {canonicalize_name(name): Version(version) for name, version in _PIN.findall(LOCK.read_text("utf-8"))}


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    extras = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in [*project["dependencies"], *extras]]


def test_the_lock_pins_every_declared_distribution_within_its_range() -> None:
    pins = locked()
    environment = {**default_environment(), "extra": "dev"}
    (torch_pin,) = _PIN.findall(TORCH_PIN.read_text("utf-8"))
    for requirement in declared():
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        # torch comes from its own pin (the CPU build), installed before the lock
        version = Version(torch_pin[1]) if name == "torch" else pins.get(name)
        assert version is not None, f"{requirement.name} is in pyproject.toml but not in {LOCK.name}: run `make lock`"
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{LOCK.name} pins {requirement.name}=={version}, outside pyproject.toml's {requirement}: run `make lock`"
        )
    assert "torch" not in pins, "torch must stay out of the lock: its CPU build is installed first"


def test_every_locked_pin_is_hashed() -> None:
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text("utf-8").split("\n\n", 1)[-1])
    for block in blocks:
        if _PIN.match(block):
            assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"


def _imports(tree: ast.AST) -> tuple[set[str], set[str]]:
    """Top-level module names imported at module level, and inside functions."""
    top: set[str] = set()
    lazy: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        if names:
            (top if node.col_offset == 0 else lazy).update(n.split(".")[0] for n in names)
    return top, lazy


def test_every_imported_distribution_is_declared() -> None:
    runtime = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    every = {canonicalize_name(r.name) for r in declared()}
    owners = packages_distributions()
    for path in sorted((ROOT / "consistency").rglob("*.py")):
        top, lazy = _imports(ast.parse(path.read_text("utf-8")))
        for module in sorted((top | lazy) - set(sys.stdlib_module_names) - {"consistency", "__future__"}):
            dists = {canonicalize_name(d) for d in owners.get(module, [])}
            assert dists, f"{path.relative_to(ROOT)} imports {module}, which no installed distribution provides"
            # imported when the module loads: a runtime dependency; inside a function: any extra will do
            needed = runtime if module in top and "training" not in path.parts else every
            assert dists & needed, f"{path.relative_to(ROOT)} imports {module} ({', '.join(sorted(dists))}): declare it"


def _run(*args: str | Path, cwd: Path | None = None, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env |= {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    assert result.returncode in (0, 1), f"{args}: {result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result


@pytest.mark.slow
def test_the_wheel_carries_the_model_and_checks_the_example_from_anywhere(tmp_path: Path) -> None:
    """README's wheel path on a fresh venv, with the pip that venv brings: torch, the lock, the wheel."""
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist, ROOT)
    (wheel,) = dist.glob("consistency-*.whl")
    venv = tmp_path / "venv"
    base_python = getattr(sys, "_base_executable", sys.executable)
    _run(base_python, "-m", "venv", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "torch==2.13.0")
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--require-hashes", "-r", LOCK)
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", wheel)
    broken = _run(python, "-m", "pip", "check")
    assert broken.returncode == 0, broken.stdout

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(EXAMPLE, elsewhere / "batch")
    version = _run(venv / "bin" / "consistency", "--version", cwd=elsewhere).stdout
    probe = "import consistency, pathlib; print(pathlib.Path(consistency.__file__).parent)"
    site = _run(python, "-c", probe, cwd=elsewhere).stdout
    assert f"found at {Path(site.strip()) / 'models' / 'consistency-nli-minilm'}" in version  # inside the install
    result = _run(
        venv / "bin" / "consistency", "check", "batch", "-f", "json", "-o", "r.json", "--no-timing", "--quiet",
        cwd=elsewhere,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr  # the example's planted conflicts fail the gate
    report = json.loads((elsewhere / "r.json").read_text("utf-8"))
    assert report["models"]["nli"] == "consistency-nli-minilm"
    assert report["summary"]["contradictions"] >= 1
