# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Overhead of the full training loop against a bare loop of the same model and batch.

The full loop is ``training.train.run_training`` (checkpoints, progress lines,
ETA, metrics log, gradient clipping, learning-rate schedule); its tok/s excludes
evaluation time. The bare loop is forward, backward, optimizer step on the same
model, optimizer, data and batch. Both are measured from step 0, alternately,
and the best of each is compared. Run from the repository root::

    python -m benchmarks.training_overhead --steps 100
"""

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import torch

from training.cli import parse_assignments
from training.config import load_config
from training.data import BinDataset, prepare_dataset
from training.model import GPT, GPTConfig
from training.paths import run_paths_from_config
from training.precision import autocast_context, configure_backends, detect_precision
from training.seeding import set_seed
from training.train import build_optimizer, run_training

SEPARATOR = "=" * 70


def bare_loop_tokens_per_sec(config: Dict[str, Any], steps: int) -> float:
    """tok/s of forward + backward + optimizer step, nothing else."""
    train = config["train"]
    plan = detect_precision(str(train["device"]))
    configure_backends(plan)
    device = torch.device(plan.device)
    paths = run_paths_from_config(train)
    meta = prepare_dataset(train, paths)
    dataset = BinDataset(paths.cache_bin, meta)
    model_config = GPTConfig.from_dict({**config["model"], "vocab_size": meta.vocab_size})
    set_seed(int(train["seed"]))
    model = GPT(model_config).to(device)
    optimizer = build_optimizer(model, train, plan)
    generator = torch.Generator().manual_seed(int(train["seed"]))
    batch_size = int(train["batch_size"])
    block_size = model_config.block_size
    model.train()
    started = time.perf_counter()
    for _ in range(steps):
        inputs, targets = dataset.get_batch("train", batch_size, block_size, generator, device)
        with autocast_context(plan):
            _, loss = model(inputs, targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return steps * batch_size * block_size / (time.perf_counter() - started)


def full_loop_tokens_per_sec(config: Dict[str, Any]) -> float:
    """tok/s the training loop itself reports (evaluation time excluded)."""
    return float(run_training(config)["tokens_per_sec"])


def benchmark_config(work_dir: Path, steps: int, run_name: str, args: argparse.Namespace) -> Dict[str, Any]:
    """A fresh run config in ``work_dir`` with evaluation only at the end."""
    train_overrides: Dict[str, Any] = {
        "out_dir": str(work_dir),
        "run_name": run_name,
        "cache_dir": str(work_dir / "dataset_cache"),
        "max_steps": steps,
        "eval_interval": steps,
        "eval_iters": 2,
        "checkpoint_interval": max(steps // 4, 1),
        "grad_accum_steps": 1,
        "resume": False,
        "sample_tokens": 0,
        "num_threads": args.threads,
        "max_corpus_chars": args.max_corpus_chars,
        "device": args.device,
    }
    return load_config(None, train_overrides, parse_assignments(args.model_set))


def main(argv: Optional[List[str]] = None) -> int:
    """Print bare and full tok/s and the overhead; exit 1 above ``--max-overhead``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.training_overhead", description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--max-corpus-chars", type=int, default=1_000_000)
    parser.add_argument("--model-set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--max-overhead", type=float, default=None, help="fail above this overhead in percent")
    args = parser.parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    bare: List[float] = []
    full: List[float] = []
    with tempfile.TemporaryDirectory(prefix="training_overhead_") as folder:
        work_dir = Path(folder)
        for repeat in range(args.repeats):
            bare.append(bare_loop_tokens_per_sec(benchmark_config(work_dir, args.steps, "bare", args), args.steps))
            full.append(full_loop_tokens_per_sec(benchmark_config(work_dir, args.steps, f"full{repeat}", args)))
            print(f"[INFO] Repeat {repeat + 1}: bare {bare[-1]:.0f} tok/s | full {full[-1]:.0f} tok/s", flush=True)
    best_bare = max(bare)
    best_full = max(full)
    overhead = (best_bare - best_full) / best_bare * 100.0
    print(SEPARATOR)
    print(f"[INFO] Bare loop tok/s: {best_bare:.0f}")
    print(f"[INFO] Full loop tok/s: {best_full:.0f}")
    print(f"[INFO] Overhead %: {overhead:.1f}")
    print(SEPARATOR)
    if args.max_overhead is not None and overhead > args.max_overhead:
        print(f"[ERROR] Overhead {overhead:.1f}% exceeds {args.max_overhead:.1f}%")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
