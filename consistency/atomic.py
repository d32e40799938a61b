"""Atomic file writes for reports and baselines.

A CI job that is killed half-way through writing `report.sarif` or the
baseline must not leave a truncated file behind: a truncated baseline would
silently un-suppress (or fail to parse) on the next run, and a truncated SARIF
upload fails in confusing ways. So every file this project writes goes to a
temporary file in the *same folder* (same file system, so the rename is
atomic) and is moved over the target with `os.replace` only once it is
complete and flushed to disk.

Signals: Ctrl-C (SIGINT) raises KeyboardInterrupt, so the cleanup below runs
by itself. SIGTERM and SIGHUP, by default, end the process without running
any Python code, which would leave the temporary file behind; while the
temporary file exists they are turned into an exception, the file is removed,
and the signal is then delivered again with its previous handling, so the
process still ends the way it would have (tests/test_interrupt.py).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

# Signals whose default action kills the process before `finally` blocks run.
_FATAL_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Terminated(BaseException):
    """A fatal signal arrived while a temporary file existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    raise _Terminated(signum)


@contextlib.contextmanager
def _fatal_signals_raise() -> Iterator[None]:
    """Turn default-handled SIGTERM/SIGHUP into `_Terminated` for the duration.

    Only the main thread can set handlers, and a handler someone else
    installed (or SIG_IGN) is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}
    for signum in _FATAL_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so readers see either the old or the new file.

    The temporary file is created with mode 0o666 filtered by the umask (like
    an ordinary `open(path, "w")`), and takes over the permissions of the file
    it replaces, so atomic writing never makes a report unexpectedly private.
    On any error the temporary file is removed and the old file is untouched.
    """
    target = Path(path)
    folder = target.parent
    tmp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        with _fatal_signals_raise():
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                with contextlib.suppress(FileNotFoundError):
                    os.chmod(tmp, target.stat().st_mode & 0o7777)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                raise
    except _Terminated as stop:
        # The handler is restored by now: die of the signal as if we had not caught it.
        os.kill(os.getpid(), stop.signum)
        raise SystemExit(128 + stop.signum) from None  # only reached if the signal is not fatal after all


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Encode `text` first, then write it atomically.

    Encoding happens before any file is touched, so text that cannot be
    encoded (e.g. a lone surrogate) fails without leaving a temporary file.
    Newlines are written exactly as given (no platform translation), which
    keeps reports byte-identical across operating systems.
    """
    atomic_write_bytes(path, text.encode(encoding))
