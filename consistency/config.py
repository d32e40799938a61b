"""Settings files, found and read as ruff finds its own.

A folder's `consistency.toml` (every key at the top level) or its `pyproject.toml`'s
`[tool.consistency]` table holds one key per command-line option, kebab-case
(`fail-on = "any"`). The search walks up from the inputs' common folder and stops
at the first folder that has either; `consistency.toml` wins over `pyproject.toml`
in one folder, and a `pyproject.toml` without the table is passed over. The command
line always wins over the file. Relative paths in a file are taken from the file's
folder, so a setting means the same wherever the command is run.

This module knows files and TOML only; which keys exist and what their values may be
is the CLI's table (its options), passed in as `OptionSpec`s.
"""

from __future__ import annotations

import difflib
import glob
import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_FILES = ("consistency.toml", "pyproject.toml")  # searched in this order in each folder
TABLE = ("tool", "consistency")  # where pyproject.toml keeps the settings


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class OptionSpec:
    """What a key accepts: TOML value types, a check that may raise ValueError, and path handling."""

    key: str
    types: tuple[type, ...]  # for a list option: the type of its items
    convert: Callable[[Any], Any]  # raises ValueError with a message about the value
    many: bool = False  # a list of values (a repeatable option)
    path: bool = False  # relative values are relative to the settings file's folder
    path_if_there: bool = False  # the same, when that path exists (a model folder or a hub id)


@dataclass(frozen=True)
class ConfigFile:
    """The settings one file holds, converted and checked."""

    path: Path
    values: Mapping[str, Any]  # by key, kebab-case


def search_start(inputs: Sequence[str], cwd: Path | None = None) -> Path:
    """The folder to start the search from: the inputs' deepest common folder.

    A glob counts by its folder part, stdin ("-") by the working directory.
    """
    here = (cwd or Path.cwd()).resolve()
    folders: list[Path] = []
    for raw in inputs:
        if raw == "-":
            folders.append(here)
            continue
        literal = raw
        if glob.has_magic(raw):
            parts = Path(raw).parts
            literal = str(Path(*parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))] or ["."]))
        path = (here / literal).resolve()
        folders.append(path if path.is_dir() else path.parent)
    if not folders:
        return here
    return Path(os.path.commonpath([str(f) for f in folders]))


def _has_table(pyproject: Path) -> bool:
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge: only a file with our table is read as settings
    return isinstance(document.get(TABLE[0]), dict) and TABLE[1] in document[TABLE[0]]


def find_config(start: Path) -> Path | None:
    """The settings file that governs `start`: the nearest folder upwards that has one."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _raw_table(path: Path) -> dict[str, Any]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such settings file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    if path.name != "pyproject.toml":
        return document
    table: Any = document
    for part in TABLE:
        table = table.get(part, {}) if isinstance(table, dict) else None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{'.'.join(TABLE)}] must be a table")
    return table


def _type_names(types: tuple[type, ...], many: bool = False) -> str:
    if many:
        return "a list of " + " or ".join({int: "integers", float: "numbers"}.get(t, "strings") for t in types)
    names = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    return " or ".join(names.get(t, t.__name__) for t in types)


def _is(value: Any, types: tuple[type, ...]) -> bool:
    # TOML's booleans are Python ints: keep `top-k = true` from passing as 1
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)


def _one(spec: OptionSpec, value: Any, folder: Path, where: str) -> Any:
    if not _is(value, spec.types):
        raise ConfigError(f"{where}: expected {_type_names(spec.types)}, got {value!r}")
    relative = isinstance(value, str) and value != "-" and not Path(value).is_absolute()
    if relative and (spec.path or (spec.path_if_there and (folder / value).exists())):
        value = str(folder / value)
    try:
        return spec.convert(value)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None


def read_config(path: Path, specs: Mapping[str, OptionSpec]) -> ConfigFile:
    """Read and check every key of one settings file."""
    raw = _raw_table(path)
    prefix = f"{'.'.join(TABLE)}." if path.name == "pyproject.toml" else ""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{path}: {prefix}{key}"
        spec = specs.get(key)
        if spec is None:
            close = difflib.get_close_matches(key.replace("_", "-"), list(specs), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown key{hint}")
        if spec.many:
            if not isinstance(value, list):
                raise ConfigError(f"{where}: expected {_type_names(spec.types, many=True)}, got {value!r}")
            values[key] = tuple(_one(spec, item, path.parent, where) for item in value)
        else:
            values[key] = _one(spec, value, path.parent, where)
    return ConfigFile(path=path, values=values)


def load_config(
    inputs: Sequence[str], specs: Mapping[str, OptionSpec], explicit: Path | None = None, isolated: bool = False
) -> ConfigFile | None:
    """The settings for a run on `inputs`: the `explicit` file, or the one found, or none."""
    if isolated:
        return None
    path = explicit if explicit is not None else find_config(search_start(inputs))
    return read_config(path, specs) if path is not None else None
