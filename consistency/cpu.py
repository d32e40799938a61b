"""What the CPU can do, read once: the precision the models run in depends on it.

Native bf16 (AVX-512 BF16 or AMX) makes bf16 autocast about 2x faster than fp32 here;
without it bf16 is emulated and slower, so `auto` stays in fp32. Benchmarks record
the same flags next to every speed figure.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SPEED_FLAGS = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_int8")


@dataclass(frozen=True)
class CPU:
    model: str
    flags: frozenset[str]  # the SPEED_FLAGS it has

    @property
    def native_bf16(self) -> bool:
        return bool(self.flags & {"avx512_bf16", "amx_bf16"})


@lru_cache(maxsize=1)
def this_cpu() -> CPU:
    """This machine's CPU, from /proc/cpuinfo where there is one (Linux)."""
    model = platform.processor() or platform.machine()
    flags: set[str] = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            key = key.strip().lower()
            if key == "model name" and not flags:
                model = value.strip()
            elif key == "flags":
                flags = set(value.split())
                break
    except OSError:
        pass
    return CPU(model, frozenset(f for f in SPEED_FLAGS if f in flags))
