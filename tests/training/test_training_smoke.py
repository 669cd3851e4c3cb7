"""CPU smoke test: a tiny GPT trained on real text learns, and every result file is written."""

import json
import re
import time
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

from training.train import run_training

# A real (tiny) training run: slow tier.
pytestmark = pytest.mark.slow

PROGRESS_LINE = re.compile(r"^Step \d+/\d+ \| loss: \d+\.\d{3} \| tok/s: \d+ \| ETA: \d{2}:\d{2}:\d{2}$", re.MULTILINE)


def test_tiny_model_learns_real_text(
    make_config: Callable[..., Dict[str, Any]], capsys: pytest.CaptureFixture
) -> None:
    config = make_config(
        "smoke",
        max_steps=300,
        eval_interval=100,
        eval_iters=10,
        checkpoint_interval=100,
        log_interval=25,
        sample_tokens=40,
    )
    started = time.perf_counter()
    summary = run_training(config)
    elapsed = time.perf_counter() - started
    output = capsys.readouterr().out

    assert elapsed < 120, f"smoke run took {elapsed:.0f}s"
    assert summary["steps"] == 300
    assert summary["data_sources"] == ["stdlib"]
    # Learning: far below the untrained model and clearly below the unigram baseline.
    assert summary["final_val_loss"] < summary["initial_val_loss"] - 1.0
    assert summary["final_val_loss"] < summary["unigram_val_loss"] - 0.3
    assert summary["final_val_perplexity"] < summary["unigram_val_perplexity"]

    assert "[INFO] Device: cpu (CPU) | precision: fp32 (no GradScaler)" in output
    progress = PROGRESS_LINE.findall(output)
    assert len(progress) >= 12
    assert "Step 300/300 | loss:" in output

    results = Path(summary["run_folder"]) / "results"
    document = json.loads((results / "benchmark_results.json").read_text(encoding="utf-8"))
    assert document["summary"]["final_val_loss"] == pytest.approx(summary["final_val_loss"])
    assert len(document["loss_history"]) == 300
    assert [entry["step"] for entry in document["eval_history"]] == [0, 100, 200, 300]
    assert (results / "loss_curves.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    report = (results / "benchmark_report.txt").read_text(encoding="utf-8").splitlines()
    assert [cell.strip() for cell in report[0].split("|")] == ["Metric", "Value", "Baseline", "Improvement %"]
    assert any(line.startswith("val loss (nats/token)") and "(unigram)" in line for line in report)
    assert any(line.startswith("val perplexity") for line in report)
    assert any(line.startswith("training throughput (tok/s)") for line in report)
    assert any(line.startswith("peak memory") for line in report)
    assert isinstance(summary["sample"], str) and len(summary["sample"]) > 40

    checkpoints = Path(summary["run_folder"]) / "checkpoints"
    assert {path.name for path in checkpoints.glob("ckpt_step*.pt")} == {
        "ckpt_step100.pt",
        "ckpt_step200.pt",
        "ckpt_step300.pt",
    }
    assert (checkpoints / "best_model.pt").is_file()
    assert not list(checkpoints.glob("*.tmp"))
    metrics = (Path(summary["run_folder"]) / "logs" / "metrics.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(metrics) == 4
