"""Labelled dev clusters: loading, validation, matching findings to labels, scoring.

Pure functions, no model and no subprocess: `conflicts.py` and `scale.py` run
the checker and hand the JSON reports to `score`. The label format is described
in `benchmarks/dev_clusters/README.md`; `load_devset` checks every rule there
and reports all violations at once, each with its `labels.jsonl` line number.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from _markdown import table

from consistency.types import FINDING_KINDS

LABELS = ("contradict", "agree", "neutral")
# A labelled pair's kind is a finding kind the checker can report, or "other" (what
# the checker reports as "nli": a conflict of no more specific kind).
KINDS = (*FINDING_KINDS, "other")
ARTICLE_KEYS = ("id", "title", "source", "published", "url", "text")
PAIR_KEYS = {"cluster", "a", "b", "label", "kind"}
OPTIONAL_PAIR_KEYS = {"note", "within_article"}
SIDE_KEYS = {"article", "sentence"}
# A claim shorter than this (after normalisation) only matches a labelled
# sentence when it is the whole sentence: "He said." must not match everything.
MIN_FRAGMENT_CHARS = 15
# Most messages shown when labels are invalid (the count is always given).
MAX_ERRORS_SHOWN = 25
_TAG = re.compile(r"\[([\w-]+)\]")


class DevsetError(ValueError):
    """The dev set on disk breaks the documented format."""


@dataclass(frozen=True)
class Side:
    article: str
    sentence: str


@dataclass(frozen=True)
class LabelledPair:
    line: int  # 1-based line in labels.jsonl
    cluster: str
    a: Side
    b: Side
    label: str
    kind: str
    note: str = ""

    @property
    def tag(self) -> str:
        """The sub-type a note starts with ("[currency] ..." -> "currency"), or ""."""
        match = _TAG.match(self.note)
        return match.group(1) if match else ""

    def describe(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "cluster": self.cluster,
            "label": self.label,
            "kind": self.kind,
            "a": {"article": self.a.article, "sentence": self.a.sentence},
            "b": {"article": self.b.article, "sentence": self.b.sentence},
            "note": self.note,
            "tag": self.tag,
        }


# --------------------------------------------------------------------------- loading


def load_clusters(root: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """cluster folder name -> article id -> article object, validated."""
    root = Path(root)
    if not root.is_dir():
        raise DevsetError(f"{root}: not a folder")
    errors: list[str] = []
    clusters: dict[str, dict[str, dict[str, Any]]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        articles: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.glob("*.json")):
            try:
                obj = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                errors.append(f"{path}: cannot read article: {exc}")
                continue
            problem = _article_problem(obj)
            if problem:
                errors.append(f"{path}: {problem}")
                continue
            if obj["id"] in articles:
                errors.append(f"{path}: duplicate article id {obj['id']!r} in cluster {folder.name}")
                continue
            articles[obj["id"]] = obj
        if not articles:
            errors.append(f"{folder}: cluster folder has no article .json files")
            continue
        clusters[folder.name] = articles
    if not clusters and not errors:
        errors.append(f"{root}: no cluster folders found")
    _raise_if(errors)
    return clusters


def _article_problem(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return "article file must hold one JSON object"
    missing = [k for k in ARTICLE_KEYS if k not in obj]
    if missing:
        return f"article is missing {', '.join(missing)}"
    for key in ("id", "title", "source", "text"):
        if not isinstance(obj[key], str):
            return f"'{key}' must be a string"
    if not obj["id"].strip() or not obj["text"].strip():
        return "'id' and 'text' must not be empty"
    if obj["published"] is not None:
        try:
            date.fromisoformat(str(obj["published"]))
        except ValueError:
            return f"'published' is not an ISO date: {obj['published']!r}"
    if obj["url"] is not None and not isinstance(obj["url"], str):
        return "'url' must be a string or null"
    return None


def parse_label_line(raw: str, line: int) -> LabelledPair:
    """One labels.jsonl line -> LabelledPair; DevsetError names what is wrong."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DevsetError(f"line {line}: malformed JSON: {exc.msg}") from None
    if not isinstance(obj, dict):
        raise DevsetError(f"line {line}: expected a JSON object")
    missing = sorted(PAIR_KEYS - obj.keys())
    if missing:
        raise DevsetError(f"line {line}: missing {', '.join(missing)}")
    unknown = sorted(obj.keys() - PAIR_KEYS - OPTIONAL_PAIR_KEYS)
    if unknown:
        raise DevsetError(f"line {line}: unknown keys {', '.join(unknown)}")
    if obj["label"] not in LABELS:
        raise DevsetError(f"line {line}: label {obj['label']!r} is not one of {', '.join(LABELS)}")
    if obj["kind"] not in KINDS:
        raise DevsetError(f"line {line}: kind {obj['kind']!r} is not one of {', '.join(KINDS)}")
    if not isinstance(obj["cluster"], str) or not obj["cluster"]:
        raise DevsetError(f"line {line}: 'cluster' must be a non-empty string")
    sides = []
    for name in ("a", "b"):
        side = obj[name]
        if not isinstance(side, dict) or set(side) != SIDE_KEYS:
            raise DevsetError(f"line {line}: '{name}' must be an object with exactly 'article' and 'sentence'")
        if not all(isinstance(side[k], str) and side[k].strip() for k in SIDE_KEYS):
            raise DevsetError(f"line {line}: '{name}.article' and '{name}.sentence' must be non-empty strings")
        sides.append(Side(side["article"], side["sentence"]))
    note = obj.get("note", "")
    if not isinstance(note, str):
        raise DevsetError(f"line {line}: 'note' must be a string")
    if not isinstance(obj.get("within_article", False), bool):
        raise DevsetError(f"line {line}: 'within_article' must be true or false")
    return LabelledPair(line, obj["cluster"], sides[0], sides[1], obj["label"], obj["kind"], note)


def load_labels(path: Path, clusters: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> list[LabelledPair]:
    """Parse and check labels.jsonl against the loaded clusters (all errors at once)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DevsetError(f"{path}: cannot read labels: {exc}") from None
    errors: list[str] = []
    pairs: list[LabelledPair] = []
    seen: dict[frozenset[tuple[str, str]], int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            pair = parse_label_line(raw, number)
        except DevsetError as exc:
            errors.append(f"{path.name}:{exc}")
            continue
        articles = clusters.get(pair.cluster)
        if articles is None:
            errors.append(f"{path.name}:line {number}: unknown cluster {pair.cluster!r}")
            continue
        bad = False
        for name, side in (("a", pair.a), ("b", pair.b)):
            article = articles.get(side.article)
            if article is None:
                errors.append(
                    f"{path.name}:line {number}: {name}: no article {side.article!r} in cluster {pair.cluster}"
                )
                bad = True
            elif side.sentence not in article["text"]:
                errors.append(
                    f"{path.name}:line {number}: {name}: sentence not found verbatim in "
                    f"{pair.cluster}/{side.article}: {side.sentence[:80]!r}"
                )
                bad = True
            elif not is_whole_sentence(article["text"], side.sentence):
                errors.append(
                    f"{path.name}:line {number}: {name}: not a whole sentence of "
                    f"{pair.cluster}/{side.article}: {side.sentence[:80]!r}"
                )
                bad = True
        if bad:
            continue
        if pair.a == pair.b:
            errors.append(f"{path.name}:line {number}: 'a' and 'b' are the same sentence")
            continue
        key = frozenset([(pair.a.article, pair.a.sentence), (pair.b.article, pair.b.sentence)])
        if key in seen:
            errors.append(f"{path.name}:line {number}: same pair as line {seen[key]}")
            continue
        seen[key] = number
        pairs.append(pair)
    if not pairs and not errors:
        errors.append(f"{path}: no labelled pairs")
    _raise_if(errors)
    return pairs


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_SENTENCE_START = re.compile(r"^[\"'“‘(\[]*[A-Z0-9€$£]")


def is_whole_sentence(text: str, sentence: str) -> bool:
    """`sentence` occurs in `text` as a whole sentence.

    It starts with a capital, digit or currency sign (after any opening quote),
    ends in . ! or ? (before any closing quote), and in `text` it starts a
    paragraph or follows a sentence end, and is followed by whitespace or the
    end of the text.
    """
    if not _SENTENCE_END.search(sentence) or not _SENTENCE_START.match(sentence):
        return False
    start = text.find(sentence)
    while start >= 0:
        end = start + len(sentence)
        before = text[:start]
        starts_ok = (
            not before.strip()
            or before.endswith("\n")
            or (before[-1:].isspace() and _SENTENCE_END.search(before.rstrip()) is not None)
        )
        if starts_ok and (end == len(text) or text[end].isspace()):
            return True
        start = text.find(sentence, start + 1)
    return False


def load_devset(
    root: Path, labels: Path | None = None
) -> tuple[dict[str, dict[str, dict[str, Any]]], list[LabelledPair]]:
    root = Path(root)
    clusters = load_clusters(root)
    labels_path = Path(labels) if labels else root / "labels.jsonl"
    if not labels_path.is_file():
        raise DevsetError(f"{labels_path}: labels file not found")
    return clusters, load_labels(labels_path, clusters)


def _raise_if(errors: list[str]) -> None:
    if errors:
        shown = "\n  ".join(errors[:MAX_ERRORS_SHOWN])
        more = f"\n  ... and {len(errors) - MAX_ERRORS_SHOWN} more" if len(errors) > MAX_ERRORS_SHOWN else ""
        raise DevsetError(f"{len(errors)} problem(s) in the dev set:\n  {shown}{more}")


def label_counts(pairs: Iterable[LabelledPair]) -> dict[str, Any]:
    pairs = list(pairs)
    return {
        "pairs": len(pairs),
        "clusters": len({p.cluster for p in pairs}),
        "by_label": dict(Counter(p.label for p in pairs)),
        "by_kind": dict(Counter(p.kind for p in pairs)),
        "by_label_kind": {
            f"{lab}/{kind}": n for (lab, kind), n in sorted(Counter((p.label, p.kind) for p in pairs).items())
        },
    }


# --------------------------------------------------------------------------- matching

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


def normalize(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def texts_match(claim: str, sentence: str) -> bool:
    """A claim matches a labelled sentence when one contains the other.

    The shorter side must be at least MIN_FRAGMENT_CHARS long unless the two are
    equal, so that a tiny fragment cannot match every sentence it occurs in.
    """
    c, s = normalize(claim), normalize(sentence)
    if not c or not s:
        return False
    if c == s:
        return True
    shorter, longer = (c, s) if len(c) <= len(s) else (s, c)
    return len(shorter) >= MIN_FRAGMENT_CHARS and shorter in longer


def finding_matches(finding: Mapping[str, Any], pair: LabelledPair) -> bool:
    """Same two articles and both texts match, in either order."""
    fa, fb = finding.get("a") or {}, finding.get("b") or {}
    for x, y in ((fa, fb), (fb, fa)):
        if (
            x.get("article") == pair.a.article
            and y.get("article") == pair.b.article
            and texts_match(str(x.get("text", "")), pair.a.sentence)
            and texts_match(str(y.get("text", "")), pair.b.sentence)
        ):
            return True
    return False


def predicted_label(findings: Iterable[Mapping[str, Any]]) -> str | None:
    """Verdict for a labelled pair from the findings that match it.

    A contradiction anywhere wins (the user sees it), then agreement, then
    neutral; None when the checker reported nothing for the pair.
    """
    verdicts = {f.get("verdict") for f in findings}
    for verdict in LABELS:
        if verdict in verdicts:
            return verdict
    return None


# --------------------------------------------------------------------------- scoring


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None or precision + recall == 0:
        f1 = None if precision is None or recall is None else 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {
        "support": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _round(precision),
        "recall": _round(recall),
        "f1": _round(f1),
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _finding_brief(f: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": f.get("id"),
        "verdict": f.get("verdict"),
        "kind": f.get("kind"),
        "confidence": f.get("confidence"),
        "similarity": f.get("similarity"),
        "a": {"article": (f.get("a") or {}).get("article"), "text": (f.get("a") or {}).get("text")},
        "b": {"article": (f.get("b") or {}).get("article"), "text": (f.get("b") or {}).get("text")},
        "explanation": f.get("explanation"),
    }


def score(pairs: list[LabelledPair], reports: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Score checker reports (cluster -> JSON report) against the labelled pairs.

    Per labelled pair the prediction is `predicted_label` of the findings that
    match it. Contradictions: TP = labelled contradict and predicted contradict;
    FP ("false alarm") = labelled agree/neutral but predicted contradict; FN =
    labelled contradict but not predicted contradict. Agreements likewise.
    A reported contradiction that matches no labelled pair is "unlabelled": it
    is listed and counted separately (it may be a real conflict nobody
    labelled), and `precision_with_unlabelled` counts it as a false alarm.
    Clusters without a report are skipped (their pairs are not scored).
    """
    scored = [p for p in pairs if p.cluster in reports]
    confusion: dict[str, Counter[str]] = {lab: Counter() for lab in LABELS}
    outcomes: list[tuple[LabelledPair, str | None, list[Mapping[str, Any]]]] = []
    matched_ids: dict[str, set[int]] = {c: set() for c in reports}
    for pair in scored:
        findings = list(reports[pair.cluster].get("findings") or [])
        hits = []
        for index, f in enumerate(findings):
            if finding_matches(f, pair):
                hits.append(f)
                matched_ids[pair.cluster].add(index)
        pred = predicted_label(hits)
        confusion[pair.label][pred or "none"] += 1
        outcomes.append((pair, pred, hits))

    result: dict[str, Any] = {
        "clusters": len(reports),
        "pairs": len(scored),
        "labels": dict(Counter(p.label for p in scored)),
    }
    by_kind: dict[str, dict[str, Any]] = {}
    for target in ("contradict", "agree"):
        result[target] = _counts(outcomes, target)
        for kind in KINDS:
            subset = [o for o in outcomes if o[0].kind == kind]
            if subset:
                by_kind.setdefault(kind, {"pairs": len(subset)})[target] = _counts(subset, target)
    result["by_kind"] = by_kind
    result["by_tag"] = _by_tag(outcomes)
    result["confusion"] = {gold: {pred: confusion[gold][pred] for pred in (*LABELS, "none")} for gold in LABELS}
    # Pairing: labelled pairs that got any finding at all. Only meaningful when the
    # report includes neutral findings (conflicts.py passes --include-neutral).
    reached = Counter(p.label for p, pred, _ in outcomes if pred is not None)
    totals = Counter(p.label for p, _, _ in outcomes)
    result["pairing"] = {
        "reached": sum(reached.values()),
        "pairs": len(outcomes),
        "recall": _round(sum(reached.values()) / len(outcomes) if outcomes else None),
        "by_label": {lab: {"reached": reached[lab], "pairs": totals[lab]} for lab in LABELS if totals[lab]},
    }

    unlabelled: list[dict[str, Any]] = []
    unlabelled_agree = 0
    for cluster, report in reports.items():
        for index, f in enumerate(report.get("findings") or []):
            if index in matched_ids[cluster]:
                continue
            if f.get("verdict") == "contradict":
                unlabelled.append({"cluster": cluster, **_finding_brief(f)})
            elif f.get("verdict") == "agree":
                unlabelled_agree += 1
    c = result["contradict"]
    result["unlabelled_contradictions"] = len(unlabelled)
    result["unlabelled_agreements"] = unlabelled_agree
    result["contradict"]["precision_with_unlabelled"] = _round(
        c["tp"] / (c["tp"] + c["fp"] + len(unlabelled)) if c["tp"] + c["fp"] + len(unlabelled) else None
    )
    result["misses"] = [
        {**pair.describe(), "predicted": pred, "findings": [_finding_brief(f) for f in hits]}
        for pair, pred, hits in outcomes
        if pair.label == "contradict" and pred != "contradict"
    ]
    result["false_alarms"] = [
        {
            **pair.describe(),
            "predicted": pred,
            "findings": [_finding_brief(f) for f in hits if f.get("verdict") == "contradict"],
        }
        for pair, pred, hits in outcomes
        if pair.label != "contradict" and pred == "contradict"
    ]
    result["unlabelled"] = unlabelled
    # one entry per labelled pair reported as a contradiction (its most confident
    # contradiction finding), and one per unlabelled contradiction
    labelled = [
        (max(f.get("confidence") or 0.0 for f in hits if f.get("verdict") == "contradict"), pair.label == "contradict")
        for pair, pred, hits in outcomes
        if pred == "contradict"
    ]
    result["reliability"] = reliability(labelled + [(u.get("confidence") or 0.0, False) for u in unlabelled])
    return result


RELIABILITY_BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def reliability(reported: list[tuple[float, bool]]) -> dict[str, Any]:
    """Of the contradictions reported at each confidence, how many were right; and the calibration error.

    `reported` holds (confidence, right) per reported contradiction: right when it
    matches a pair labelled contradict; a contradiction on a pair labelled
    agree/neutral or on no labelled pair is wrong. ECE is the support-weighted
    mean of |precision - mean confidence| over the bins.
    """
    rows = []
    ece = 0.0
    for lo, hi in itertools.pairwise(RELIABILITY_BINS):
        inside = [(c, ok) for c, ok in reported if lo <= c < hi]
        if not inside:
            continue
        mean_conf = sum(c for c, _ in inside) / len(inside)
        precision = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) * abs(precision - mean_conf)
        rows.append(
            {
                "bin": f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}",
                "reported": len(inside),
                "right": sum(ok for _, ok in inside),
                "precision": round(precision, 4),
                "mean_confidence": round(mean_conf, 4),
            }
        )
    at_least = {
        f"{c:.1f}": _round(sum(ok for x, ok in reported if x >= c) / n)
        if (n := sum(x >= c for x, _ in reported))
        else None
        for c in RELIABILITY_BINS[:-1]
    }
    return {
        "bins": rows,
        "precision_at_confidence_at_least": at_least,
        "ece": _round(ece / len(reported)) if reported else None,
    }


def _by_tag(outcomes: list[tuple[LabelledPair, str | None, list[Any]]]) -> dict[str, dict[str, Any]]:
    """Per `label/tag` ("contradict/currency"): how many pairs, and how many got each verdict."""
    rows: dict[str, Counter[str]] = {}
    for pair, pred, _ in outcomes:
        rows.setdefault(f"{pair.label}/{pair.tag or '-'}", Counter())[pred or "none"] += 1
    return {
        key: {
            "pairs": sum(c.values()),
            "right": c[key.split("/")[0]],
            **{p: c[p] for p in (*LABELS, "none") if c[p]},
        }
        for key, c in sorted(rows.items())
    }


def _counts(outcomes: list[tuple[LabelledPair, str | None, list[Any]]], target: str) -> dict[str, Any]:
    tp = sum(1 for p, pred, _ in outcomes if p.label == target and pred == target)
    fp = sum(1 for p, pred, _ in outcomes if p.label != target and pred == target)
    fn = sum(1 for p, pred, _ in outcomes if p.label == target and pred != target)
    return prf(tp, fp, fn)


# --------------------------------------------------------------------------- markdown


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def scores_markdown(scores: Mapping[str, Any], title: str = "Dev-set scores", max_items: int = 30) -> str:
    """A Markdown summary of `score` output (tables, then misses and false alarms)."""
    out = [f"# {title}", ""]
    out.append(
        f"{scores['pairs']} labelled pairs in {scores['clusters']} clusters "
        f"({', '.join(f'{n} {lab}' for lab, n in sorted(scores['labels'].items()))})."
    )

    def prf_row(target: str) -> tuple[object, ...]:
        s = scores[target]
        return (target, s["support"], s["tp"], s["fp"], s["fn"], _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]))

    def kind_row(kind: str, row: Mapping[str, Any]) -> tuple[object, ...]:
        ct, ag = row["contradict"], row["agree"]
        contra = (ct["support"], _fmt(ct["precision"]), _fmt(ct["recall"]))
        agree = (ag["support"], _fmt(ag["precision"]), _fmt(ag["recall"]))
        return (kind, row["pairs"], *contra, *agree)

    out.append("")
    out += table(("", "support", "TP", "FP", "FN", "precision", "recall", "F1"), map(prf_row, ("contradict", "agree")))
    c = scores["contradict"]
    out += [
        "",
        f"Unlabelled contradictions (reported, matching no labelled pair): "
        f"{scores['unlabelled_contradictions']}; contradiction precision counting them as "
        f"false alarms: {_fmt(c['precision_with_unlabelled'])}.",
        "",
    ]
    pairing = scores.get("pairing")
    if pairing:
        out += [
            "Labelled pairs that got any finding, neutral included (i.e. that the pairing reached): "
            f"{pairing['reached']} of {pairing['pairs']} ("
            + ", ".join(f"{v['reached']}/{v['pairs']} {lab}" for lab, v in pairing["by_label"].items())
            + ").",
            "",
        ]
    out += ["## By kind", ""]
    out += table(
        ("kind", "pairs", "contra support", "contra P", "contra R", "agree support", "agree P", "agree R"),
        (kind_row(kind, row) for kind, row in scores["by_kind"].items()),
    )
    if scores.get("by_tag"):
        out += ["", "## By tag (label/tag: pairs, right, and what was reported)", ""]
        out += table(
            ("label/tag", "pairs", "right", *LABELS, "none"),
            (
                (key, row["pairs"], row["right"], *(row.get(p, 0) for p in (*LABELS, "none")))
                for key, row in scores["by_tag"].items()
            ),
        )
    rel = scores.get("reliability")
    if rel and rel["bins"]:
        out += ["", f"## Reliability of reported contradictions (ECE {_fmt(rel['ece'])})", ""]
        out += table(
            ("confidence", "reported", "right", "precision", "mean confidence"),
            (
                (b["bin"], b["reported"], b["right"], _fmt(b["precision"]), _fmt(b["mean_confidence"]))
                for b in rel["bins"]
            ),
        )
    reported = (*LABELS, "none")
    out += ["", "## Confusion (rows: label, columns: reported)", ""]
    out += table(
        ("label", *reported), ((gold, *(row[p] for p in reported)) for gold, row in scores["confusion"].items())
    )

    def items(name: str, rows: list[dict[str, Any]], show: Any) -> None:
        out.extend(["", f"## {name} ({len(rows)})", ""])
        for row in rows[:max_items]:
            out.append(show(row))
        if len(rows) > max_items:
            out.append(f"- ... and {len(rows) - max_items} more (see the JSON output)")

    def pair_line(row: dict[str, Any]) -> str:
        return (
            f"- `{row['cluster']}` line {row['line']} ({row['kind']}, reported: {row['predicted'] or 'nothing'}): "
            f'{row["a"]["article"]}: "{row["a"]["sentence"]}" / {row["b"]["article"]}: "{row["b"]["sentence"]}"'
        )

    items("Missed contradictions", scores["misses"], pair_line)
    items("False alarms on labelled agree/neutral pairs", scores["false_alarms"], pair_line)
    items(
        "Unlabelled contradictions",
        scores["unlabelled"],
        lambda r: (
            f'- `{r["cluster"]}` ({r["kind"]}, {r["confidence"]}): {r["a"]["article"]}: "{r["a"]["text"]}" / '
            f'{r["b"]["article"]}: "{r["b"]["text"]}"'
        ),
    )
    return "\n".join(out) + "\n"
