"""Run the checker as a subprocess and measure it (shared by conflicts.py and scale.py).

The checker is started as `sys.executable -m consistency check ...` from the
repository root, so the scripts work in a checkout without an installed
`consistency` command. Peak memory is the largest resident memory of the child
process tree (PSS summed while it has several processes), sampled every
`POLL_SECONDS` with psutil.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLL_SECONDS = 0.5  # at 0.1 s, reading the tree's PSS slowed a 2-core run by ~10%
STDERR_TAIL_LINES = 40


class CheckerError(RuntimeError):
    """The checker failed; the message says how and ends with its stderr tail."""


@dataclass(frozen=True)
class RunResult:
    returncode: int
    seconds: float
    peak_memory_bytes: int
    stdout_tail: str
    stderr_tail: str


def checker_command(
    inputs: list[str], output: str, extra_args: list[str] | None = None, profile_out: str | None = None
) -> list[str]:
    cmd = [sys.executable]
    if profile_out:
        cmd += ["-m", "cProfile", "-o", profile_out]
    cmd += [
        "-m",
        "consistency",
        "check",
        *inputs,
        "--format",
        "json",
        "--output",
        output,
        "--fail-on",
        "never",
        "--quiet",
        *(extra_args or []),
    ]
    return cmd


def _tree_memory(proc: psutil.Process) -> int:
    """Resident memory of the process tree, counting pages shared by its processes once.

    The checker's parse workers are forks: summing their RSS would count the
    parent's models once per worker, so while there are several processes their
    PSS is summed. PSS walks the page tables (~10 ms per GB), so a lone process,
    where RSS and PSS agree, is read the cheap way.
    """
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += _pss(p) if len(procs) > 1 else p.memory_info().rss
    return total


def _pss(p: psutil.Process) -> int:
    try:
        return int(p.memory_full_info().pss)
    except (AttributeError, psutil.AccessDenied):  # no PSS on this OS
        return int(p.memory_info().rss)


def _tail(path: Path, lines: int = STDERR_TAIL_LINES) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def run_measured(cmd: list[str], timeout: float | None = None) -> RunResult:
    """Run `cmd` from the repo root; wall time and peak tree memory (PSS). Never raises on exit status."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    with tempfile.TemporaryDirectory(prefix="consistency-bench-") as tmp:
        out_path, err_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            start = time.perf_counter()
            try:
                child = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
            except OSError as exc:
                raise CheckerError(f"cannot start {cmd[0]}: {exc}") from None
            peak = 0
            try:
                proc = psutil.Process(child.pid)
            except psutil.Error:
                proc = None
            while True:
                try:
                    returncode = child.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if proc is not None:
                    peak = max(peak, _tree_memory(proc))
                if timeout is not None and time.perf_counter() - start > timeout:
                    _kill_tree(child)
                    raise CheckerError(
                        f"checker ran over the {timeout:.0f} s limit and was stopped\n"
                        f"command: {' '.join(cmd)}\n--- stderr (last lines) ---\n{_tail(err_path)}"
                    )
            seconds = time.perf_counter() - start
        return RunResult(returncode, seconds, peak, _tail(out_path, 10), _tail(err_path))


def _kill_tree(child: subprocess.Popen[bytes]) -> None:
    try:
        proc = psutil.Process(child.pid)
        for p in proc.children(recursive=True):
            p.kill()
        proc.kill()
    except psutil.Error:
        pass
    child.wait()


def run_checker(
    inputs: list[str],
    what: str,
    extra_args: list[str] | None = None,
    timeout: float | None = None,
    profile_out: str | None = None,
    keep_report: Path | None = None,
) -> tuple[dict[str, Any], RunResult]:
    """Run the checker on `inputs`, return (parsed JSON report, measurements).

    Raises CheckerError with the stderr tail when the checker exits nonzero or
    writes no readable report. `what` names the run in messages.
    """
    with tempfile.TemporaryDirectory(prefix="consistency-report-") as tmp:
        report_path = Path(tmp) / "report.json"
        cmd = checker_command(inputs, str(report_path), extra_args, profile_out)
        result = run_measured(cmd, timeout)
        if result.returncode != 0:
            hint = ""
            if "No module named consistency.__main__" in result.stderr_tail:
                hint = "\n(the checker's command line does not exist yet in this checkout)"
            raise CheckerError(
                f"checker failed on {what} (exit status {result.returncode}){hint}\n"
                f"command: {' '.join(cmd)}\n--- stderr (last {STDERR_TAIL_LINES} lines) ---\n"
                f"{result.stderr_tail or '(empty)'}"
            )
        report = load_report(report_path, what, result)
        if keep_report is not None:
            keep_report.parent.mkdir(parents=True, exist_ok=True)
            keep_report.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report, result


def load_report(path: Path, what: str = "", result: RunResult | None = None) -> dict[str, Any]:
    tail = f"\n--- stderr (last lines) ---\n{result.stderr_tail}" if result and result.stderr_tail else ""
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckerError(f"checker wrote no report for {what} ({path}){tail}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckerError(f"unreadable report for {what} ({path}): {exc}{tail}") from None
    if (
        not isinstance(report, dict)
        or not isinstance(report.get("findings"), list)
        or not isinstance(report.get("summary"), dict)
    ):
        raise CheckerError(
            f"report for {what} ({path}) lacks 'findings' or 'summary'; not a consistency JSON report{tail}"
        )
    return report


def machine_info() -> dict[str, Any]:
    """The machine a figure was measured on: speed depends on the CPU class (AVX2 / AVX-512 bf16 / AMX)."""
    from consistency.cpu import SPEED_FLAGS, this_cpu

    cpu = this_cpu()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": cpu.model,
        "cpu_flags": [f for f in SPEED_FLAGS if f in cpu.flags],
        "logical_cpus": os.cpu_count(),
        "usable_cpus": usable,
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def fail(message: str, code: int = 1) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(code)


def glue_cli_args(argv: list[str]) -> list[str]:
    """Let `--cli-args "--all-pairs"` work: argparse would take "--all-pairs" for an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--cli-args" and i + 1 < len(argv):
            out.append(f"--cli-args={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out
