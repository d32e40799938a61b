"""The JSON Schema of the JSON report, shipped as package data.

Loaded through importlib.resources so it works from a wheel or zip as well as
from a source checkout; packaging must include `consistency/schema/*.json`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

REPORT_SCHEMA_RESOURCE = "report.schema.json"


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files(__name__).joinpath(REPORT_SCHEMA_RESOURCE).read_text(encoding="utf-8")


def load_report_schema() -> dict[str, Any]:
    """A fresh copy of the report schema (callers may mutate it)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def report_schema_errors(document: Any) -> list[str]:
    """Every way `document` breaks the report schema, as "path: message" lines.

    Needs the `jsonschema` package, which is imported only here so that
    writing reports never depends on it.
    """
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_report_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]
