# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The run folder: every output of one training run lives under ``<out_dir>/<run_name>/``.

Layout (the policy's mandatory folders that belong to a run)::

    runs/<name>/
        checkpoints/        ckpt_step<N>.pt, best_model.pt
        logs/               metrics.jsonl
        results/            benchmark_results.json, loss_curves.png, benchmark_report.txt
        dataset_cache/
            hf/             Hugging Face streaming cache
            processed/      tokenizer.json
            bin/            train.bin, val.bin, meta.json
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping


@dataclass(frozen=True)
class RunPaths:
    """Absolute paths of one run folder and its sub-folders."""

    root: Path
    cache: Path

    @property
    def checkpoints(self) -> Path:
        """Folder of step checkpoints and best_model.pt."""
        return self.root / "checkpoints"

    @property
    def logs(self) -> Path:
        """Folder of the metrics log."""
        return self.root / "logs"

    @property
    def results(self) -> Path:
        """Folder of the benchmark outputs."""
        return self.root / "results"

    @property
    def cache_hf(self) -> Path:
        """Cache tier for Hugging Face downloads."""
        return self.cache / "hf"

    @property
    def cache_processed(self) -> Path:
        """Cache tier for the trained tokenizer."""
        return self.cache / "processed"

    @property
    def cache_bin(self) -> Path:
        """Cache tier for the tokenized .bin files."""
        return self.cache / "bin"

    def create(self) -> None:
        """Create every folder of the layout (idempotent)."""
        for folder in (
            self.checkpoints,
            self.logs,
            self.results,
            self.cache_hf,
            self.cache_processed,
            self.cache_bin,
        ):
            folder.mkdir(parents=True, exist_ok=True)


def run_paths_from_config(train: Mapping[str, Any]) -> RunPaths:
    """Build the RunPaths of a training config (``out_dir``, ``run_name``, ``cache_dir``).

    ``cache_dir`` lets several runs share one dataset cache; by default the cache
    is the run's own ``dataset_cache/``.
    """
    root = (Path(str(train["out_dir"])) / str(train["run_name"])).resolve()
    chosen_cache = train.get("cache_dir")
    cache = Path(str(chosen_cache)).resolve() if chosen_cache else root / "dataset_cache"
    return RunPaths(root=root, cache=cache)
