"""Settings files: found from the inputs, checked key by key, overridden by the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clirun import EXAMPLE, run_cli

from consistency.cli import check, setting_specs
from consistency.config import ConfigError, find_config, load_config, read_config, search_start

SPECS = setting_specs(check)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_check_option_has_a_key() -> None:
    result = run_cli("check", "--help", env={"COLUMNS": "250"})
    for key in SPECS:
        assert f"--{key}" in result.stdout
    # and nothing that is not an option of `check`
    assert set(SPECS) == {
        "format", "output", "fail-on", "baseline", "write-baseline", "quiet", "skip-bad-input", "top-k",
        "min-similarity", "within-top-k", "all-pairs", "include-neutral", "include-speakers", "nli-model",
        "embedding-model", "precision", "no-timing", "cache", "cache-dir", "cache-max-mb",
    }  # fmt: skip


def test_the_nearest_file_upwards_wins_and_consistency_toml_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.consistency]\ntop-k = 3\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')  # no table: passed over
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "consistency.toml", "top-k = 4\n")
    assert find_config(deep) == tmp_path / "a" / "consistency.toml"
    write(tmp_path / "a" / "pyproject.toml", "[tool.consistency]\ntop-k = 5\n")
    assert find_config(deep) == tmp_path / "a" / "consistency.toml"


def test_the_search_starts_at_the_inputs_common_folder(tmp_path: Path) -> None:
    (tmp_path / "x" / "one").mkdir(parents=True)
    (tmp_path / "x" / "two").mkdir()
    article = write(tmp_path / "x" / "one" / "a.txt", "text\n")
    assert search_start([str(article)], cwd=tmp_path) == tmp_path / "x" / "one"
    assert search_start(["x/one", "x/two"], cwd=tmp_path) == tmp_path / "x"
    assert search_start(["x/*/a.txt"], cwd=tmp_path) == tmp_path / "x"
    assert search_start(["-"], cwd=tmp_path) == tmp_path


def test_values_are_converted_and_relative_paths_follow_the_file(tmp_path: Path) -> None:
    (tmp_path / "models" / "mine").mkdir(parents=True)
    path = write(
        tmp_path / "consistency.toml",
        'format = ["json", "sarif"]\noutput = ["out/r.json", "-"]\nmin-similarity = 1\n'
        'baseline = "base.json"\nnli-model = "models/mine"\nembedding-model = "org/some-hub-model"\nquiet = true\n',
    )
    values = read_config(path, SPECS).values
    assert values["format"] == ("json", "sarif")
    assert values["output"] == (str(tmp_path / "out" / "r.json"), "-")
    assert values["min-similarity"] == 1.0 and isinstance(values["min-similarity"], float)
    assert values["baseline"] == tmp_path / "base.json"
    assert values["nli-model"] == str(tmp_path / "models" / "mine")  # a folder beside the file
    assert values["embedding-model"] == "org/some-hub-model"  # not a folder here: a hub id, as written
    assert values["quiet"] is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("top_k = 3\n", "top_k: unknown key (did you mean 'top-k'?)"),
        ("colour = true\n", "colour: unknown key"),
        ("top-k = -1\n", "top-k: -1 is out of range: must be >= 0"),
        ("top-k = true\n", "top-k: expected an integer, got True"),
        ("top-k = 2.5\n", "top-k: expected an integer, got 2.5"),
        ("min-similarity = 2\n", "min-similarity: 2 is out of range: must be in [-1.0, 1.0]"),
        ("quiet = 1\n", "quiet: expected true or false, got 1"),
        ('format = "json"\n', "format: expected a list of strings, got 'json'"),
        ('format = ["pdf"]\n', "format: unknown format 'pdf'"),
        ('fail-on = "sometimes"\n', "fail-on: --fail-on 'sometimes': unknown mode"),
        ('precision = "fp8"\n', "precision: unknown precision 'fp8'"),
        ("top-k = [\n", "not valid TOML"),
    ],
)
def test_bad_files_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "consistency.toml", text)
    with pytest.raises(ConfigError) as error:
        read_config(path, SPECS)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.consistency]\ntop-k = -2\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool.consistency.top-k: -2 is out of range"):
        read_config(path, SPECS)
    path = write(tmp_path / "pyproject.toml", '[tool]\nconsistency = "fast"\n')
    with pytest.raises(ConfigError, match=r"\[tool.consistency\] must be a table"):
        read_config(path, SPECS)


def test_isolated_and_explicit_files(tmp_path: Path) -> None:
    write(tmp_path / "consistency.toml", "top-k = 3\n")
    other = write(tmp_path / "elsewhere" / "settings.toml", "top-k = 9\n")
    assert load_config([str(tmp_path)], SPECS, isolated=True) is None
    found = load_config([str(tmp_path)], SPECS, explicit=other)
    assert found is not None and found.values == {"top-k": 9}
    with pytest.raises(ConfigError, match="no such settings file"):
        load_config([str(tmp_path)], SPECS, explicit=tmp_path / "missing.toml")


def test_config_command_prints_each_setting_and_its_origin(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    write(batch / "a.txt", "The council approved 157 new homes on Monday.\n")
    settings = write(tmp_path / "pyproject.toml", '[tool.consistency]\nfail-on = "any"\ntop-k = 3\n')
    result = run_cli("config", batch, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# settings file: {settings}"
    rows = {line.split("#")[0].strip(): line.rsplit("# ", 1)[1] for line in lines[1:] if not line.startswith("#")}
    assert rows['fail-on = "any"'] == str(settings)
    assert rows["top-k = 3"] == str(settings)
    assert rows['precision = "auto"'] == "default"
    assert "# baseline is not set" in result.stdout
    isolated = run_cli("config", batch, "--isolated", cwd=tmp_path)
    assert "# settings file: none found" in isolated.stdout and 'fail-on = "contradict"' in isolated.stdout


def test_a_bad_file_stops_check_before_the_run_with_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "The council approved 157 new homes on Monday.\n")
    settings = write(tmp_path / "consistency.toml", "top-k = 3\nspeed = 'max'\n")
    result = run_cli("check", tmp_path / "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {settings}: speed: unknown key"


def test_check_uses_the_file_and_the_command_line_wins(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(EXAMPLE, batch)
    write(
        batch / "consistency.toml",
        'fail-on = "never"\nformat = ["json"]\noutput = ["../out/report.json"]\nno-timing = true\nquiet = true\n',
    )
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    result = run_cli("check", batch, cwd=elsewhere)
    assert result.returncode == 0, result.stderr  # fail-on = "never" from the file
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))  # relative to the file
    assert report["gate"]["fail_on"] == "never" and report["summary"]["seconds"] == 0
    assert report["summary"]["contradictions"] >= 1
    result = run_cli("check", batch, "--fail-on", "contradict", cwd=elsewhere)
    assert result.returncode == 1, result.stderr  # the command line wins over the file
