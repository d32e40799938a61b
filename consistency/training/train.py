"""Fine-tune a BERT-style encoder into a 3-way NLI cross-encoder.

Design choices, all for a 2-core CPU that may also be a GPU box:
- pairs are tokenized once and batched by length (length-grouped shuffling), so
  most batches are far shorter than the 128-token cap;
- bf16 autocast is used where the hardware supports it (`--precision auto`);
- a checkpoint (model, optimizer, scheduler, RNG state, position in the epoch) is
  written every `--save-every` steps into `--work-dir`, outside git, and
  `--resume` continues from the latest one as if the run had never stopped;
- dev accuracy (nli/dev.jsonl) is logged after every epoch and decides which
  epoch is exported; held-out eval files are never read here.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from transformers import (
    AutoConfig,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    get_linear_schedule_with_warmup,
)

from consistency.training import cross_document
from consistency.training.antonyms import WordNetMissing
from consistency.training.antonyms import load as load_antonyms
from consistency.training.data import LABEL_TO_ID, LABELS, NLIPair, iter_premises, read_pairs
from consistency.training.synthetic import generate


@dataclass
class TrainConfig:
    base: str
    train_file: str
    dev_file: str
    work_dir: str
    export_dir: str
    epochs: int = 3
    batch_size: int = 32
    lr: float = 6e-5
    warmup: float = 0.06
    weight_decay: float = 0.01
    max_length: int = 128
    synthetic: int = 20000
    cross_document: int = 0  # pairs from training.cross_document (paraphrase edits, event templates)
    cross_document_paired: int = 0  # 1: each paraphrase edit comes with an entailment on its premise
    seed: int = 13
    device: str = "auto"
    precision: str = "auto"
    save_every: int = 200
    keep_layers: int = 0  # >0: truncate the encoder to its first N layers (a cheaper base)
    limit_train: int = 0  # >0: use only the first N shuffled training pairs (quick comparisons)
    limit_dev: int = 0
    threads: int = 0


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def autocast_dtype(precision: str, device: torch.device) -> torch.dtype | None:
    if precision == "fp32":
        return None
    if precision in ("bf16", "auto"):
        if device.type == "cuda" and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        if device.type == "cpu" and precision == "bf16":
            return torch.bfloat16
        if device.type == "cpu" and precision == "auto" and _cpu_has_bf16():
            return torch.bfloat16
    return None


def _cpu_has_bf16() -> bool:
    from consistency.cpu import this_cpu

    return this_cpu().native_bf16


def build_training_set(cfg: TrainConfig) -> list[NLIPair]:
    human = read_pairs(cfg.train_file)
    synthetic = generate(list(iter_premises(human)), cfg.synthetic, cfg.seed) if cfg.synthetic else []
    extra = cross_document_pairs(human, cfg.cross_document, cfg.seed + 100, bool(cfg.cross_document_paired))
    pairs = human + synthetic + extra
    random.Random(cfg.seed).shuffle(pairs)
    if cfg.limit_train:
        pairs = pairs[: cfg.limit_train]
    return pairs


def cross_document_pairs(human: list[NLIPair], count: int, seed: int, paired: bool = False) -> list[NLIPair]:
    """The cross-document family; antonym edits need WordNet's files (Debian `wordnet-base`)."""
    if not count:
        return []
    vocabulary = frozenset(w.lower() for p in human for w in re.findall(r"[A-Za-z]+", f"{p.premise} {p.hypothesis}"))
    try:
        antonyms = load_antonyms(vocabulary)
    except WordNetMissing as error:
        print(f"warning: {error}; training without antonym edits", flush=True)
        antonyms = None
    return cross_document.generate(human, count, seed, antonyms, cross_document.spacy_parser(), paired=paired)


def encode(tokenizer, pairs: list[NLIPair], max_length: int) -> list[tuple[list[int], list[int], int]]:
    enc = tokenizer(
        [p.premise for p in pairs],
        [p.hypothesis for p in pairs],
        truncation=True,
        max_length=max_length,
    )
    type_ids = enc.get("token_type_ids") or [[0] * len(ids) for ids in enc["input_ids"]]
    return [(ids, tt, LABEL_TO_ID[p.label]) for ids, tt, p in zip(enc["input_ids"], type_ids, pairs, strict=False)]


def length_grouped_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffle, sort within chunks of 50 batches by length, then shuffle the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(block[i : i + batch_size] for i in range(0, len(block), batch_size))
    rng.shuffle(batches)
    return batches


def collate(items: list[tuple[list[int], list[int], int]], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(ids) for ids, _, _ in items)
    input_ids = torch.full((len(items), width), pad_id, dtype=torch.long)
    type_ids = torch.zeros((len(items), width), dtype=torch.long)
    mask = torch.zeros((len(items), width), dtype=torch.long)
    for row, (ids, tt, _) in enumerate(items):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        type_ids[row, : len(tt)] = torch.tensor(tt)
        mask[row, : len(ids)] = 1
    labels = torch.tensor([label for _, _, label in items])
    return {"input_ids": input_ids, "token_type_ids": type_ids, "attention_mask": mask, "labels": labels}


@torch.inference_mode()
def evaluate(model, encoded, device, dtype, pad_id: int, batch_size: int = 64) -> dict[str, float]:
    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    correct = 0
    confusion = np.zeros((3, 3), dtype=int)
    for start in range(0, len(order), batch_size):
        items = [encoded[i] for i in order[start : start + batch_size]]
        batch = {k: v.to(device) for k, v in collate(items, pad_id).items()}
        labels = batch.pop("labels")
        with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
            logits = model(**batch).logits
        pred = logits.argmax(-1)
        correct += int((pred == labels).sum())
        for g, p in zip(labels.tolist(), pred.tolist(), strict=False):
            confusion[g, p] += 1
    model.train()
    return {"accuracy": correct / max(1, len(encoded)), "confusion": confusion.tolist()}


def check_label_order(config) -> None:
    """A base that is already an NLI classifier must use our label order, or its head would be misread."""
    names = [str(config.id2label[i]).lower() for i in sorted(config.id2label)] if config.id2label else []
    if sorted(names) == sorted(LABELS) and names != list(LABELS):
        raise ValueError(f"base model labels {names} are in a different order than {list(LABELS)}")


def load_base(cfg: TrainConfig):
    """Load an encoder (new head) or an NLI model in our label order (kept head: continued training)."""
    config = AutoConfig.from_pretrained(cfg.base)
    check_label_order(config)
    if cfg.keep_layers:
        config.num_hidden_layers = cfg.keep_layers
    config.num_labels = len(LABELS)
    config.id2label = dict(enumerate(LABELS))
    config.label2id = dict(LABEL_TO_ID)
    # fp32 master weights even when the base was saved in fp16 (as the shipped model is)
    model = AutoModelForSequenceClassification.from_pretrained(cfg.base, config=config, dtype=torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(cfg.base)
    return model, tokenizer


def latest_checkpoint(work_dir: Path) -> Path | None:
    candidates = sorted(work_dir.glob("checkpoint-*.pt"), key=lambda p: int(p.stem.split("-")[1]))
    return candidates[-1] if candidates else None


def save_checkpoint(path: Path, state: dict) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)
    for old in sorted(path.parent.glob("checkpoint-*.pt"), key=lambda p: int(p.stem.split("-")[1]))[:-2]:
        old.unlink()


def train(cfg: TrainConfig, resume: bool = False, log=print) -> dict:
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    set_seed(cfg.seed)
    device = pick_device(cfg.device)
    dtype = autocast_dtype(cfg.precision, device)
    work = Path(cfg.work_dir)
    work.mkdir(parents=True, exist_ok=True)

    model, tokenizer = load_base(cfg)
    model.to(device)
    pairs = build_training_set(cfg)
    dev_pairs = read_pairs(cfg.dev_file)
    if cfg.limit_dev:
        dev_pairs = dev_pairs[: cfg.limit_dev]
    train_enc = encode(tokenizer, pairs, cfg.max_length)
    dev_enc = encode(tokenizer, dev_pairs, cfg.max_length)
    lengths = [len(ids) for ids, _, _ in train_enc]
    steps_per_epoch = math.ceil(len(train_enc) / cfg.batch_size)
    total_steps = steps_per_epoch * cfg.epochs

    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": cfg.weight_decay,
        },
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=cfg.lr)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(cfg.warmup * total_steps), total_steps)

    history: list[dict] = []
    start_epoch, start_batch, best = 0, 0, -1.0
    ckpt = latest_checkpoint(work) if resume else None
    if ckpt is not None:
        state = torch.load(ckpt, map_location=device, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        start_epoch, start_batch = state["epoch"], state["batch"]
        history, best = state["history"], state["best"]
        torch.set_rng_state(state["torch_rng"])
        log(json.dumps({"event": "resumed", "checkpoint": str(ckpt), "epoch": start_epoch, "batch": start_batch}))
    (work / "config.json").write_text(json.dumps(asdict(cfg), indent=2))
    log(
        json.dumps(
            {
                "event": "start",
                "train_pairs": len(train_enc),
                "dev_pairs": len(dev_enc),
                "steps": total_steps,
                "device": str(device),
                "autocast": str(dtype),
            }
        )
    )

    model.train()
    pad_id = tokenizer.pad_token_id or 0
    step = start_epoch * steps_per_epoch + start_batch
    for epoch in range(start_epoch, cfg.epochs):
        # batches depend only on (seed, epoch): a resumed run sees the same order
        batches = length_grouped_batches(lengths, cfg.batch_size, random.Random(cfg.seed * 1000 + epoch))
        t0, seen, loss_sum = time.time(), 0, 0.0
        for b_index in range(start_batch if epoch == start_epoch else 0, len(batches)):
            batch = {k: v.to(device) for k, v in collate([train_enc[i] for i in batches[b_index]], pad_id).items()}
            with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
                loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            seen += len(batches[b_index])
            loss_sum += loss.item()
            if step % 50 == 0:
                elapsed = time.time() - t0
                log(
                    json.dumps(
                        {
                            "event": "progress",
                            "epoch": epoch,
                            "step": step,
                            "of": total_steps,
                            "loss": round(loss_sum / 50, 4),
                            "pairs_per_s": round(seen / elapsed, 1),
                        }
                    )
                )
                loss_sum = 0.0
            if step % cfg.save_every == 0:
                save_checkpoint(
                    work / f"checkpoint-{step}.pt",
                    {
                        "model": model.state_dict(),
                        "optimizer": optimizer.state_dict(),
                        "scheduler": scheduler.state_dict(),
                        "epoch": epoch,
                        "batch": b_index + 1,
                        "history": history,
                        "best": best,
                        "torch_rng": torch.get_rng_state(),
                    },
                )
        metrics = evaluate(model, dev_enc, device, dtype, pad_id)
        metrics["epoch"] = epoch + 1
        history.append(metrics)
        log(json.dumps({"event": "dev", **metrics}))
        if metrics["accuracy"] > best:
            best = metrics["accuracy"]
            export(model, tokenizer, Path(cfg.work_dir) / "best", cfg, history)
        save_checkpoint(
            work / f"checkpoint-{step}.pt",
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "epoch": epoch + 1,
                "batch": 0,
                "history": history,
                "best": best,
                "torch_rng": torch.get_rng_state(),
            },
        )
    best_dir = Path(cfg.work_dir) / "best"
    if cfg.export_dir:
        finalize_export(best_dir, Path(cfg.export_dir))
    return {"history": history, "best_dev_accuracy": best}


def export(model, tokenizer, out: Path, cfg: TrainConfig, history: list[dict]) -> None:
    """Save in plain Hugging Face format so `from_pretrained(path)` works anywhere."""
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    (out / "training.json").write_text(json.dumps({"config": asdict(cfg), "history": history}, indent=2))


def finalize_export(best_dir: Path, export_dir: Path) -> None:
    """Copy the best epoch to the shipped folder as fp16 safetensors (half the size, same argmax)."""
    model = AutoModelForSequenceClassification.from_pretrained(best_dir)
    tokenizer = AutoTokenizer.from_pretrained(best_dir)
    export_dir.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(export_dir, safe_serialization=True)
    tokenizer.save_pretrained(export_dir)
    training = best_dir / "training.json"
    if training.exists():
        (export_dir / "training.json").write_text(training.read_text())
