# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Checkpoints: atomic writes, numeric step order, corrupt-file fallback, exact resume.

What nanoGPT users report it lacks, and what this module does instead:

* nanoGPT overwrites ``ckpt.pt`` in place, so a crash mid-write leaves
  "PytorchStreamReader failed reading zip archive". Here every file is written to
  ``<name>.tmp`` first, flushed to disk, then moved over the final name with
  ``os.replace`` (atomic on POSIX and Windows): a reader sees the old file or the
  new one, never half of one.
* Files are named ``ckpt_step<N>.pt`` and ordered by the integer N
  (``int(name.split("step")[1].split(".")[0])``), never lexicographically, so
  step 1000 comes after step 200.
* A newest checkpoint that cannot be read is skipped with a [WARN] line and the
  previous one is loaded.
* ``torch.compile`` prefixes parameter names with ``_orig_mod.`` and DDP with
  ``module.``; both are stripped on save and on load.
* Loading uses ``weights_only=True``: the checkpoint holds tensors and plain
  Python values only (RNG states included, see ``training.seeding``).
"""

import os
import pickle
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import torch
from torch import nn

CHECKPOINT_PATTERN = re.compile(r"^ckpt_step(\d+)\.pt$")
BEST_MODEL_NAME = "best_model.pt"
WRAPPER_PREFIXES = ("_orig_mod.", "module.")
REQUIRED_KEYS = ("model", "optimizer", "step", "epoch", "loss_history", "config", "rng")
LOAD_ERRORS = (RuntimeError, EOFError, OSError, ValueError, KeyError, TypeError, pickle.UnpicklingError)


def checkpoint_name(step: int) -> str:
    """File name of the checkpoint taken after ``step`` optimizer steps."""
    return f"ckpt_step{step}.pt"


def checkpoint_step(path: Path) -> int:
    """The step number in a checkpoint file name, parsed as an integer."""
    return int(path.name.split("step")[1].split(".")[0])


def strip_wrapper_prefixes(state_dict: Mapping[str, torch.Tensor]) -> "OrderedDict[str, torch.Tensor]":
    """Remove ``_orig_mod.`` (torch.compile) and ``module.`` (DDP) prefixes from keys."""
    cleaned: "OrderedDict[str, torch.Tensor]" = OrderedDict()
    for key, value in state_dict.items():
        name = key
        stripped = True
        while stripped:
            stripped = False
            for prefix in WRAPPER_PREFIXES:
                if name.startswith(prefix):
                    name = name[len(prefix) :]
                    stripped = True
        cleaned[name] = value
    return cleaned


def unwrap_model(model: nn.Module) -> nn.Module:
    """The plain model inside torch.compile and DDP wrappers."""
    inner = model
    while True:
        if hasattr(inner, "_orig_mod"):
            inner = inner._orig_mod
        elif isinstance(inner, nn.parallel.DistributedDataParallel):
            inner = inner.module
        else:
            return inner


def model_state_dict(model: nn.Module) -> "OrderedDict[str, torch.Tensor]":
    """State dict of the unwrapped model with clean parameter names."""
    return strip_wrapper_prefixes(unwrap_model(model).state_dict())


def load_model_state(model: nn.Module, state_dict: Mapping[str, torch.Tensor]) -> None:
    """Load a state dict saved from a plain, compiled or DDP-wrapped model."""
    unwrap_model(model).load_state_dict(strip_wrapper_prefixes(state_dict))


def atomic_torch_save(state: Mapping[str, Any], final_path: Path) -> None:
    """torch.save to ``<final>.tmp``, fsync, then os.replace onto the final path."""
    final_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = final_path.with_name(final_path.name + ".tmp")
    torch.save(dict(state), tmp_path)
    with open(tmp_path, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp_path, final_path)


def read_checkpoint(path: Path) -> Dict[str, Any]:
    """Load one checkpoint on the CPU and check that it has every required key."""
    state = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(state, dict):
        raise ValueError(f"{path.name} does not hold a dict")
    missing = [key for key in REQUIRED_KEYS if key not in state]
    if missing:
        raise KeyError(f"{path.name} lacks {missing}")
    return state


class CheckpointManager:
    """Saves, lists, prunes and loads the checkpoints of one run folder."""

    def __init__(self, folder: Path, keep: int) -> None:
        self.folder = folder
        self.keep = keep

    def list_checkpoints(self) -> List[Path]:
        """Checkpoint files in ascending NUMERIC step order (temp files excluded)."""
        if not self.folder.is_dir():
            return []
        found = [path for path in self.folder.glob("ckpt_step*.pt") if CHECKPOINT_PATTERN.match(path.name)]
        return sorted(found, key=lambda path: int(path.name.split("step")[1].split(".")[0]))

    def save(self, state: Mapping[str, Any], step: int) -> Path:
        """Write the checkpoint of ``step`` atomically and prune all but the newest ``keep``."""
        final_path = self.folder / checkpoint_name(step)
        atomic_torch_save(state, final_path)
        for old in self.list_checkpoints()[: -self.keep]:
            old.unlink(missing_ok=True)
        return final_path

    def save_best(self, state: Mapping[str, Any]) -> Path:
        """Write ``best_model.pt`` atomically."""
        final_path = self.folder / BEST_MODEL_NAME
        atomic_torch_save(state, final_path)
        return final_path

    def load_latest(self) -> Optional[Tuple[Path, Dict[str, Any]]]:
        """Newest readable checkpoint; unreadable newer ones are skipped with a [WARN] line."""
        for path in reversed(self.list_checkpoints()):
            try:
                return path, read_checkpoint(path)
            except LOAD_ERRORS as error:
                print(
                    f"[WARN] Checkpoint {path.name} is unreadable ({type(error).__name__}: {error}); "
                    "falling back to the previous one",
                    flush=True,
                )
        return None
