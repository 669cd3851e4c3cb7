# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Result files of a run (policy section 10, "Testing and Benchmarks").

``results/`` receives ``benchmark_results.json``, ``loss_curves.png`` (matplotlib,
Agg canvas, no display needed) and ``benchmark_report.txt``, a table in the
format ``Metric | Value | Baseline | Improvement %``.
"""

import json
import math
import os
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

REPORT_HEADER = ("Metric", "Value", "Baseline", "Improvement %")
NOT_APPLICABLE = "n/a"


def improvement_percent(value: float, baseline: float) -> float:
    """Relative reduction of a lower-is-better metric, in percent."""
    if baseline == 0 or not math.isfinite(baseline) or not math.isfinite(value):
        return float("nan")
    return (baseline - value) / baseline * 100.0


def _finite_or_none(value: Any) -> Any:
    """Replace inf / nan floats (not valid JSON) by None, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite_or_none(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_none(item) for item in value]
    return value


def report_rows(summary: Mapping[str, Any]) -> List[List[str]]:
    """Rows of the benchmark table from a run summary."""
    val_loss = float(summary["final_val_loss"])
    unigram = float(summary["unigram_val_loss"])
    initial = float(summary["initial_val_loss"])
    val_ppl = float(summary["final_val_perplexity"])
    unigram_ppl = float(summary["unigram_val_perplexity"])
    return [
        [
            "val loss (nats/token)",
            f"{val_loss:.4f}",
            f"{unigram:.4f} (unigram)",
            f"{improvement_percent(val_loss, unigram):.1f}",
        ],
        [
            "val perplexity",
            f"{val_ppl:.3f}",
            f"{unigram_ppl:.3f} (unigram)",
            f"{improvement_percent(val_ppl, unigram_ppl):.1f}",
        ],
        [
            "val loss vs untrained model",
            f"{val_loss:.4f}",
            f"{initial:.4f} (step 0)",
            f"{improvement_percent(val_loss, initial):.1f}",
        ],
        ["training throughput (tok/s)", f"{float(summary['tokens_per_sec']):.0f}", NOT_APPLICABLE, NOT_APPLICABLE],
        [
            f"peak memory (MiB, {summary['peak_memory_kind']})",
            f"{float(summary['peak_memory_mb']):.1f}",
            NOT_APPLICABLE,
            NOT_APPLICABLE,
        ],
    ]


def format_report(summary: Mapping[str, Any]) -> str:
    """The table as aligned text, one row per line."""
    rows = [list(REPORT_HEADER)] + report_rows(summary)
    widths = [max(len(row[column]) for row in rows) for column in range(len(REPORT_HEADER))]
    lines = [" | ".join(cell.ljust(widths[index]) for index, cell in enumerate(row)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def plot_loss_curves(
    target: Path,
    loss_history: Sequence[float],
    eval_history: Sequence[Mapping[str, Any]],
    baseline: Optional[float],
) -> None:
    """Per-step training loss, evaluated train/val loss, and the unigram baseline."""
    figure = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    if loss_history:
        axes.plot(range(1, len(loss_history) + 1), loss_history, color="tab:blue", alpha=0.35, label="train (per step)")
    if eval_history:
        steps = [int(entry["step"]) for entry in eval_history]
        axes.plot(steps, [float(entry["train_loss"]) for entry in eval_history], "o-", color="tab:blue", label="train (eval)")
        axes.plot(steps, [float(entry["val_loss"]) for entry in eval_history], "o-", color="tab:orange", label="val (eval)")
    if baseline is not None:
        axes.axhline(baseline, color="tab:gray", linestyle="--", label="unigram baseline (val)")
    axes.set_xlabel("step")
    axes.set_ylabel("cross-entropy (nats/token)")
    axes.set_title("Loss curves")
    axes.grid(True, alpha=0.3)
    axes.legend()
    tmp_path = target.with_name(target.name + ".tmp.png")
    figure.savefig(tmp_path, format="png")
    os.replace(tmp_path, target)


def _write_text(target: Path, text: str) -> None:
    """Write a text file atomically."""
    tmp_path = target.with_name(target.name + ".tmp")
    with open(tmp_path, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp_path, target)


def write_results(
    results_dir: Path,
    summary: Mapping[str, Any],
    loss_history: Sequence[float],
    eval_history: Sequence[Mapping[str, Any]],
) -> Dict[str, Path]:
    """Write the three result files and return their paths."""
    results_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": results_dir / "benchmark_results.json",
        "png": results_dir / "loss_curves.png",
        "report": results_dir / "benchmark_report.txt",
    }
    document = {"summary": dict(summary), "eval_history": list(eval_history), "loss_history": list(loss_history)}
    _write_text(paths["json"], json.dumps(_finite_or_none(document), indent=2, allow_nan=False) + "\n")
    plot_loss_curves(paths["png"], loss_history, eval_history, float(summary["unigram_val_loss"]))
    _write_text(paths["report"], format_report(summary))
    return paths
