"""Atomic file writes for reports and baselines.

A CI job that is killed half-way through writing `report.sarif` or the
baseline must not leave a truncated file behind: a truncated baseline would
silently un-suppress (or fail to parse) on the next run, and a truncated SARIF
upload fails in confusing ways. So every file this project writes goes to a
temporary file in the *same folder* (same file system, so the rename is
atomic) and is moved over the target with `os.replace` only once it is
complete and flushed to disk.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


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


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Encode `text` first, then write it atomically.

    Encoding happens before any file is touched, so text that cannot be
    encoded (e.g. a lone surrogate) fails without leaving a temporary file.
    Newlines are written exactly as given (no platform translation), which
    keeps reports byte-identical across operating systems.
    """
    atomic_write_bytes(path, text.encode(encoding))
