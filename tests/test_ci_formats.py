"""GitHub annotations and GitLab Code Quality, read back the way those services read them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from jsonschema import Draft202012Validator
from test_reports import ARTICLE_A, C_DRONES_A, C_DRONES_B, F_NUMERIC, F_TEMPORAL, finding, make_report

from consistency.reports import render

# The runner's grammar: "::name k=v,k=v::data", with %-escapes it undoes (actions/runner ActionCommand).
_LINE = re.compile(r"^::(?P<name>[a-z-]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in [*pairs, ("%25", "%")]:
        text = text.replace(code, char)
    return text


def parse_workflow_commands(text: str) -> list[dict]:
    commands = []
    for line in text.splitlines():
        match = _LINE.match(line)
        assert match, f"not a workflow command: {line!r}"
        props = {}
        for item in filter(None, (match["props"] or "").split(",")):
            key, _, value = item.partition("=")
            props[key] = _unescape(value, prop=True)
        commands.append({"name": match["name"], **props, "message": _unescape(match["data"], prop=False)})
    return commands


def test_github_annotations_parse_and_point_at_claim_a() -> None:
    commands = parse_workflow_commands(render(make_report(), "github"))
    assert [c["name"] for c in commands] == ["error", "error", "notice"]
    problem, numeric, temporal = commands
    assert problem == {"name": "error", "file": "bad.jsonl", "line": "3", "message": "line is not JSON: <oops>"}
    # news/a.md: text starts at line 4 column 3, so the first claim is there, 53 characters long
    assert numeric["file"] == "news/a.md" and numeric["line"] == "4" and numeric["endLine"] == "4"
    assert (numeric["col"], numeric["endColumn"]) == ("3", str(3 + len(C_DRONES_A.text)))
    assert numeric["title"] == "consistency: numeric contradiction (0.93)"
    assert numeric["message"].startswith("The articles give different drone counts: 157 vs 810.\nThis claim: Russia")
    assert f"Conflicts with news\\b.json:7: {C_DRONES_B.text}" in numeric["message"]
    # claim A of the temporal finding is in the JSON article: the record line, and a slash path
    assert temporal["file"] == "news/b.json" and temporal["line"] == "7" and "col" not in temporal
    assert temporal["title"] == "consistency: temporal contradiction (0.41)"  # below the gate: a notice


def test_github_escapes_what_the_runner_would_split_on() -> None:
    nasty = replace(ARTICLE_A, path="odd, name: 100%.md")
    tricky = finding(C_DRONES_A, C_DRONES_B, "contradict", "numeric", 0.9, "50% more,\r\nsee: the::end")
    report = replace(make_report((tricky,)), articles=(nasty, make_report().articles[1]), problems=())
    (annotation,) = parse_workflow_commands(render(report, "github"))
    assert annotation["file"] == "odd, name: 100%.md"
    assert annotation["message"].startswith("50% more,\r\nsee: the::end\nThis claim:")


GITLAB_CODE_QUALITY = {
    # What GitLab's code quality widget requires of each issue (docs: "Code Quality report format")
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}, "end": {"type": "integer"}},
                    },
                },
            },
        },
    },
}


def test_gitlab_code_quality_is_valid_with_unique_fingerprints() -> None:
    issues = json.loads(render(make_report(), "gitlab"))
    assert list(Draft202012Validator(GITLAB_CODE_QUALITY).iter_errors(issues)) == []
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 3
    problem, numeric, temporal = issues
    assert (problem["severity"], problem["location"]) == ("critical", {"path": "bad.jsonl", "lines": {"begin": 3}})
    assert numeric["fingerprint"] == F_NUMERIC.id and numeric["severity"] == "major"
    assert numeric["check_name"] == "consistency/numeric"
    assert numeric["location"] == {"path": "news/a.md", "lines": {"begin": 4, "end": 4}}
    assert temporal["fingerprint"] == F_TEMPORAL.id and temporal["severity"] == "info"
    assert json.loads(render(replace(make_report(()), problems=()), "gitlab")) == []


def test_absolute_paths_under_the_working_directory_become_relative(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = replace(ARTICLE_A, path=str(tmp_path / "articles" / "a.md"))
    report = replace(make_report((F_NUMERIC,)), articles=(inside, make_report().articles[1]), problems=())
    (annotation,) = parse_workflow_commands(render(report, "github"))
    assert annotation["file"] == "articles/a.md"
    (issue,) = json.loads(render(report, "gitlab"))
    assert issue["location"]["path"] == "articles/a.md"
