"""NLI throughput on this CPU for fp32, bf16 autocast and dynamic int8; print JSON.

    python benchmarks/nli_speed.py models/consistency-nli-minilm [--pairs 2000] [--threads 2]

Two workloads, both truncated at 128 tokens: real premise/hypothesis pairs from
`nli/dev.jsonl` batched by length (what the checker does), and the worst case where
every pair is padded to the full 128 tokens. `agreement_with_first_mode` is the share of
pairs whose predicted label matches the first mode listed (fp32 by default), so a faster mode is only worth
taking if it stays near 1.0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _runner import machine_info  # noqa: E402

from consistency.nli import NLIModel  # noqa: E402
from consistency.training.data import read_pairs  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "nli" / "dev.jsonl"


def timed(model: NLIModel, premises: list[str], hypotheses: list[str]) -> tuple[np.ndarray, float]:
    model.predict(premises[:64], hypotheses[:64])  # warm-up
    started = time.perf_counter()
    probs = model.predict(premises, hypotheses)
    return probs, len(premises) / (time.perf_counter() - started)


@torch.inference_mode()
def padded_rate(model: NLIModel, n: int) -> float:
    batch = {
        "input_ids": torch.randint(1000, 20000, (model.batch_size, 128)),
        "attention_mask": torch.ones((model.batch_size, 128), dtype=torch.long),
    }
    started, done = time.perf_counter(), 0
    while done < n:
        with torch.autocast("cpu", dtype=model.autocast or torch.bfloat16, enabled=model.autocast is not None):
            model.model(**batch)
        done += model.batch_size
    return done / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--modes", default="fp32,bf16,int8")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    pairs = read_pairs(DEV)[: args.pairs]
    premises, hypotheses = [p.premise for p in pairs], [p.hypothesis for p in pairs]
    results, reference = {}, None
    for mode in args.modes.split(","):
        model = NLIModel.from_pretrained(args.model, precision=mode)
        probs, rate = timed(model, premises, hypotheses)
        labels = probs.argmax(1)
        reference = labels if reference is None else reference
        results[mode] = {
            "pairs_per_second_real_lengths": round(rate, 1),
            "pairs_per_second_padded_128": round(padded_rate(model, 512), 1),
            "agreement_with_first_mode": round(float((labels == reference).mean()), 4),
        }
    print(
        json.dumps(
            {
                "model": args.model,
                "machine": machine_info(),
                "threads": torch.get_num_threads(),
                "pairs": len(pairs),
                "modes": results,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
