"""pre-commit hook and GitHub Actions workflow, checked by the tools that read them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from clirun import EXAMPLE, ROOT
from pre_commit.clientlib import load_manifest

HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "docs" / "github-actions.yml"
BIN = Path(sys.executable).parent


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    (hook,) = load_manifest(str(HOOKS))
    assert hook["id"] == "consistency" and hook["entry"] == "consistency check"
    assert hook["require_serial"] is True  # one run sees every article: conflicts are between files
    assert shutil.which(hook["entry"].split()[0], path=str(BIN)), "the hook's entry is our console script"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_hook_runs_under_pre_commit_and_fails_on_conflicts(tmp_path: Path) -> None:
    """pre-commit runs our hook's entry, file filter and serial mode on a repository of articles.

    As a local `system` hook: a `python` hook would make pre-commit build a fresh environment
    with torch from the network on every test run; everything else comes from the manifest.
    """
    (hook,) = load_manifest(str(HOOKS))
    repo = tmp_path / "articles"
    shutil.copytree(EXAMPLE, repo)
    (repo / "notes.csv").write_text("not an article,skipped by the file filter\n", encoding="utf-8")
    local = {key: hook[key] for key in ("id", "name", "entry", "files", "require_serial", "pass_filenames")} | {
        "language": "system",
        "args": ["--no-timing", "--quiet", "--fail-on", "contradict"],
    }
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8"
    )
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HF_HUB_OFFLINE": "1",
        "NO_COLOR": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "consistency (claims that articles disagree on)" in result.stdout
    assert "Failed" in result.stdout and "contradict" in result.stdout.lower()
    assert "notes.csv" not in result.stdout


def test_example_workflow_is_valid_for_github_actions() -> None:
    checker = BIN / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    run = next(s["run"] for s in steps if s.get("name") == "Check the articles")
    assert "--format github" in run and "--format sarif --output consistency.sarif" in run
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "consistency.sarif"
    assert workflow["permissions"]["security-events"] == "write"
