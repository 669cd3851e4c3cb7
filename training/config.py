# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Configuration: the TRAIN_CONFIG dict of the loop and the YAML model config.

The policy (section 10) keeps the training-loop settings in a Python dict and the
model shape in ``configs/default.yaml``. ``load_config`` joins both into one
plain dict ``{"train": {...}, "model": {...}}``; that dict travels into every
checkpoint so a resumed run knows exactly how it was started.
"""

import copy
from pathlib import Path
from typing import Any, Dict, Mapping, Optional

import yaml

DEFAULT_CONFIG_PATH = Path(__file__).resolve().parent.parent / "configs" / "default.yaml"

TRAIN_CONFIG: Dict[str, Any] = {
    # Reproducibility and hardware.
    "seed": 1337,
    "device": "auto",
    "num_threads": 0,  # 0 = auto: half the CPU cores, 1 to 8
    "compile": False,
    # Batches and optimisation.
    "batch_size": 16,
    "grad_accum_steps": 1,
    "max_steps": 500,
    "learning_rate": 2e-3,
    "min_learning_rate": 2e-4,
    "warmup_steps": 50,
    "weight_decay": 0.1,
    "beta1": 0.9,
    "beta2": 0.99,
    "grad_clip": 1.0,
    # Evaluation, early stopping, logging.
    "eval_interval": 100,
    "eval_iters": 20,
    "early_stopping_patience": 5,
    "early_stopping_min_delta": 1e-3,
    "log_interval": 25,
    "log_seconds": 5.0,
    "sample_tokens": 200,
    # Checkpoints.
    "checkpoint_interval": 100,
    "keep_checkpoints": 3,
    "resume": True,
    "stop_at_step": 0,
    # Data sources, in order of preference; "stdlib" is the always-present fallback.
    "sources": ["training_data", "huggingface", "stdlib"],
    "data_dir": "training_data",
    "hf_dataset": None,
    "hf_config": None,
    "hf_split": "train",
    "hf_text_field": "text",
    "max_corpus_chars": 4_000_000,
    "val_fraction": 0.1,
    "min_char_count": 2,
    # Output layout: <out_dir>/<run_name>/{checkpoints,logs,results,dataset_cache}.
    "out_dir": "runs",
    "run_name": "default",
    "cache_dir": None,
}

KNOWN_SOURCES = ("training_data", "huggingface", "stdlib")


def load_model_config(path: Path) -> Dict[str, Any]:
    """Read the ``model`` section of a YAML config file."""
    with open(path, "r", encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    if not isinstance(document, dict) or not isinstance(document.get("model"), dict):
        raise ValueError(f"{path}: expected a mapping with a 'model' section")
    return dict(document["model"])


def validate_train_config(train: Mapping[str, Any]) -> None:
    """Raise ValueError when a training setting is missing, unknown or out of range."""
    unknown = sorted(set(train) - set(TRAIN_CONFIG))
    if unknown:
        raise ValueError(f"Unknown training config keys: {unknown}")
    positive = ("batch_size", "grad_accum_steps", "max_steps", "eval_interval", "eval_iters")
    for key in positive:
        if int(train[key]) < 1:
            raise ValueError(f"Training config {key} must be >= 1, got {train[key]}")
    if not 0.0 < float(train["val_fraction"]) < 0.5:
        raise ValueError("val_fraction must be in (0, 0.5)")
    if float(train["min_learning_rate"]) > float(train["learning_rate"]):
        raise ValueError("min_learning_rate must not exceed learning_rate")
    if int(train["keep_checkpoints"]) < 2:
        raise ValueError("keep_checkpoints must be >= 2 so a corrupt newest file has a fallback")
    bad_sources = [name for name in train["sources"] if name not in KNOWN_SOURCES]
    if bad_sources or not train["sources"]:
        raise ValueError(f"sources must be a non-empty subset of {list(KNOWN_SOURCES)}, got {train['sources']}")
    if str(train["device"]) not in ("auto", "cpu", "cuda"):
        raise ValueError(f"device must be auto, cpu or cuda, got {train['device']}")


def load_config(
    config_path: Optional[Path] = None,
    train_overrides: Optional[Mapping[str, Any]] = None,
    model_overrides: Optional[Mapping[str, Any]] = None,
) -> Dict[str, Any]:
    """Return ``{"train": TRAIN_CONFIG + overrides, "model": YAML model + overrides}``."""
    train = copy.deepcopy(TRAIN_CONFIG)
    train.update(dict(train_overrides or {}))
    validate_train_config(train)
    model = load_model_config(config_path or DEFAULT_CONFIG_PATH)
    model.update(dict(model_overrides or {}))
    return {"train": train, "model": model}
