# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Command line of ``python -m training`` (and of each torchrun rank).

Every flag overrides one TRAIN_CONFIG entry; ``--set KEY=VALUE`` reaches any
other training key and ``--model-set KEY=VALUE`` any model key of the YAML
config (values are parsed as YAML, so ``--set compile=true`` gives a bool).
"""

import argparse
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from training.config import load_config
from training.train import run_training

FLAG_KEYS: Tuple[Tuple[str, str, type], ...] = (
    ("--run-name", "run_name", str),
    ("--out-dir", "out_dir", str),
    ("--max-steps", "max_steps", int),
    ("--stop-at-step", "stop_at_step", int),
    ("--batch-size", "batch_size", int),
    ("--grad-accum-steps", "grad_accum_steps", int),
    ("--learning-rate", "learning_rate", float),
    ("--eval-interval", "eval_interval", int),
    ("--eval-iters", "eval_iters", int),
    ("--checkpoint-interval", "checkpoint_interval", int),
    ("--seed", "seed", int),
    ("--device", "device", str),
    ("--threads", "num_threads", int),
    ("--data-dir", "data_dir", str),
    ("--max-corpus-chars", "max_corpus_chars", int),
    ("--cache-dir", "cache_dir", str),
    ("--hf-dataset", "hf_dataset", str),
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every option defaults to the config's value."""
    parser = argparse.ArgumentParser(
        prog="python -m training",
        description="Train the reference GPT on real text (policy section 10). "
        "Outputs go under <out-dir>/<run-name>/. Run under torchrun for multi-GPU DDP.",
    )
    parser.add_argument("--config", type=Path, default=None, help="YAML model config (default configs/default.yaml)")
    for flag, key, kind in FLAG_KEYS:
        parser.add_argument(flag, dest=key, type=kind, default=None, help=f"TRAIN_CONFIG['{key}']")
    parser.add_argument("--sources", default=None, help="comma list of training_data,huggingface,stdlib")
    parser.add_argument("--no-resume", dest="resume", action="store_false", default=None, help="ignore checkpoints")
    parser.add_argument("--compile", dest="compile", action="store_true", default=None, help="torch.compile the model")
    parser.add_argument("--set", dest="train_set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--model-set", dest="model_set", action="append", default=[], metavar="KEY=VALUE")
    return parser


def parse_assignments(items: Sequence[str]) -> Dict[str, Any]:
    """``KEY=VALUE`` strings as a dict, values parsed as YAML scalars."""
    parsed: Dict[str, Any] = {}
    for item in items:
        key, separator, value = item.partition("=")
        if not separator or not key.strip():
            raise ValueError(f"Expected KEY=VALUE, got '{item}'")
        parsed[key.strip()] = yaml.safe_load(value)
    return parsed


def config_from_args(argv: Optional[List[str]] = None) -> Dict[str, Any]:
    """Parse the command line into the full run config."""
    args = build_parser().parse_args(argv)
    train_overrides = parse_assignments(args.train_set)
    for _, key, _ in FLAG_KEYS:
        value = getattr(args, key)
        if value is not None:
            train_overrides[key] = value
    if args.sources is not None:
        train_overrides["sources"] = [name.strip() for name in args.sources.split(",") if name.strip()]
    if args.resume is not None:
        train_overrides["resume"] = args.resume
    if args.compile is not None:
        train_overrides["compile"] = args.compile
    return load_config(args.config, train_overrides, parse_assignments(args.model_set))


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of ``python -m training``; returns the process exit code."""
    run_training(config_from_args(argv))
    return 0
