"""Interruptions: Ctrl-C (SIGINT) or SIGTERM mid-run never leave a partial or
temporary report file, and the next run gives the same findings as a clean one.

Why: CI systems cancel jobs with SIGTERM and people press Ctrl-C; a truncated
report or baseline left behind would be read by the next step as if complete.
Two levels are tested: the atomic writer itself, signalled while its temporary
file exists (a window far too short to hit reliably through the whole CLI), and
the real `consistency check` subprocess signalled half-way through its run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ukraine-troops"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "NO_COLOR": "1"}

# The child writes an "old" report, then a big new one; the parent signals it
# as soon as the temporary file of the second write appears.
WRITER = textwrap.dedent(
    """
    import sys
    from consistency.atomic import atomic_write_bytes
    target = sys.argv[1]
    atomic_write_bytes(target, b"old report")
    print("ready", flush=True)
    atomic_write_bytes(target, b"x" * (int(sys.argv[2]) * 1024 * 1024))
    print("finished", flush=True)
    """
)


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _signal_while_temp_file_exists(tmp_path: Path, target: Path, signum: int, size_mb: int) -> tuple[bool, str, int]:
    """Start the writer, freeze it (SIGSTOP) once its temporary file exists, signal it,
    let it go on. Freezing first removes the race between seeing the file and
    signalling; returns (caught mid-write, stdout, exit status)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(size_mb)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    caught = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if _temp_files(tmp_path):
            proc.send_signal(signal.SIGSTOP)
            caught = bool(_temp_files(tmp_path))  # still there while frozen: truly mid-write
            proc.send_signal(signum)
            proc.send_signal(signal.SIGCONT)
            break
        time.sleep(0.0005)
    out, _err = proc.communicate(timeout=120)
    return caught and "finished" not in out, out, proc.returncode


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_atomic_write_signalled_mid_write_leaves_old_file_and_no_temp(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "report.json"
    for size_mb in (256, 512, 1024):  # bigger if the write was over before it could be caught
        caught, _out, returncode = _signal_while_temp_file_exists(tmp_path, target, signum, size_mb)
        assert _temp_files(tmp_path) == [], "no stray temporary file"
        if caught:
            break
        target.write_bytes(b"old report")
    else:
        pytest.fail("the write was never caught while its temporary file existed")
    assert returncode != 0
    if signum == signal.SIGTERM:
        assert returncode == -signal.SIGTERM, "SIGTERM still ends the process the usual way"
    assert target.read_bytes() == b"old report", "readers see the old file, never a partial new one"


def _check(out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "consistency",
        "check",
        str(EXAMPLE),
        "--no-timing",
        "--quiet",
        "--fail-on",
        "never",
        "-f",
        "json",
        "-o",
        str(out),
    ]


def _run(out: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    result = subprocess.run(_check(out), cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    return time.monotonic() - started, result


# Resident memory of the example run (it peaks near 850 MB): torch imported and
# models loading at 300 MB, both models loaded and the pipeline running at 600 MB.
# Memory, not time, says where the run is, so the trigger holds on a slow or busy machine.
MID_RUN_BYTES = {signal.SIGINT: 300 * 2**20, signal.SIGTERM: 600 * 2**20}


def _wait_until(proc: subprocess.Popen[str], rss_bytes: int, timeout: float = 300) -> None:
    """Return once the run's resident memory reaches `rss_bytes` (or it exits)."""
    watched = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if watched.memory_info().rss >= rss_bytes:
                return
        except psutil.Error:
            return
        time.sleep(0.02)


def test_cli_interrupted_by_sigint_and_sigterm_then_rerun_matches_a_clean_run(tmp_path: Path) -> None:
    clean_dir = tmp_path / "clean"
    clean_dir.mkdir()
    _, clean = _run(clean_dir / "r.json")
    assert clean.returncode == 0, clean.stderr
    clean_report = json.loads((clean_dir / "r.json").read_text(encoding="utf-8"))
    assert clean_report["findings"], "the example has findings to compare"

    out_dir = tmp_path / "interrupted"
    out_dir.mkdir()
    target = out_dir / "r.json"
    for signum in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen(
            _check(target), cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        _wait_until(proc, MID_RUN_BYTES[signum])
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode != 0, f"{signum!r} did not stop the run"
        assert "Traceback" not in err, err
        if signum == signal.SIGTERM:
            assert proc.returncode == -signal.SIGTERM
        else:
            assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, err)
        assert not target.exists(), f"{signum!r} left a report behind"
        assert list(out_dir.iterdir()) == [], f"{signum!r} left files: {list(out_dir.iterdir())}"

    _, again = _run(target)
    assert again.returncode == 0, again.stderr
    assert _temp_files(out_dir) == []
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["findings"] == clean_report["findings"]
    assert target.read_bytes() == (clean_dir / "r.json").read_bytes(), "--no-timing reports are byte-identical"
