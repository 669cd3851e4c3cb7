"""Loop parts: schedule, progress line, early stopping, OOM recovery, config and CLI, isolation."""

import ast
import math
import re
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
import torch

from training.cli import config_from_args, parse_assignments
from training.config import TRAIN_CONFIG, load_config
from training.ddp import DistributedContext
from training.early_stopping import EarlyStopping
from training.precision import cpu_plan
from training.progress import ProgressMeter, format_eta, format_progress
from training.schedule import learning_rate_at
from training.train import Trainer, run_training

PACKAGE = Path(__file__).resolve().parents[2] / "training"


def test_warmup_then_cosine_decay() -> None:
    rates = [learning_rate_at(step, 1e-3, 1e-4, 10, 110) for step in range(130)]
    assert rates[0] == pytest.approx(1e-4)
    assert rates[9] == pytest.approx(1e-3)
    assert all(later > earlier for earlier, later in zip(rates[:9], rates[1:10]))
    assert all(later <= earlier for earlier, later in zip(rates[10:110], rates[11:111]))
    assert rates[60] == pytest.approx(5.5e-4)
    assert rates[110] == rates[129] == pytest.approx(1e-4)


def test_progress_line_format_and_eta() -> None:
    assert format_eta(3725.4) == "01:02:05"
    assert format_eta(-3) == "00:00:00"
    line = format_progress(12, 800, 2.34567, 12345.6, 90061)
    assert line == "Step 12/800 | loss: 2.346 | tok/s: 12346 | ETA: 25:01:01"
    meter = ProgressMeter(start_step=0, max_steps=100, tokens_per_step=64, log_interval=10, log_seconds=3600)
    assert meter.line_if_due(3, 1.0) is None
    due = meter.line_if_due(10, 1.0)
    assert due is not None and re.fullmatch(r"Step 10/100 \| loss: 1\.000 \| tok/s: \d+ \| ETA: \d\d:\d\d:\d\d", due)
    assert meter.line_if_due(100, 1.0) is not None


def test_early_stopping_after_k_plateau_evaluations() -> None:
    stopper = EarlyStopping(patience=2, min_delta=0.01)
    assert stopper.update(3.0, 100) and not stopper.should_stop
    assert not stopper.update(2.995, 200) and not stopper.should_stop
    assert stopper.update(2.5, 300) and stopper.plateau_evals == 0
    assert not stopper.update(2.6, 400)
    assert not stopper.update(2.55, 500) and stopper.should_stop
    restored = EarlyStopping(patience=2, min_delta=0.01)
    restored.load_state_dict(stopper.state_dict())
    assert restored.state_dict() == {"best_loss": 2.5, "best_step": 300, "plateau_evals": 2}
    assert not EarlyStopping(patience=0, min_delta=0.0).should_stop


@pytest.mark.slow
def test_training_stops_early_on_plateau(make_config: Callable[..., Dict[str, Any]], capsys: pytest.CaptureFixture) -> None:
    summary = run_training(
        make_config(
            "plateau",
            max_steps=200,
            learning_rate=1e-6,
            min_learning_rate=1e-6,
            eval_interval=5,
            early_stopping_patience=2,
            early_stopping_min_delta=0.5,
        )
    )
    assert summary["stopped_early"] and summary["steps"] == 15
    assert "[INFO] Early stopping: no val improvement for 2 evaluations" in capsys.readouterr().out
    checkpoints = Path(summary["run_folder"]) / "checkpoints"
    assert (checkpoints / "ckpt_step15.pt").is_file() and (checkpoints / "best_model.pt").is_file()
    best = torch.load(checkpoints / "best_model.pt", weights_only=True)
    assert best["step"] == 5


@pytest.mark.slow
def test_out_of_memory_halves_micro_batch_and_retries(
    make_config: Callable[..., Dict[str, Any]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    config = make_config("oom", batch_size=8, grad_accum_steps=1)
    trainer = Trainer(config, DistributedContext(enabled=False), cpu_plan())
    original = trainer._forward_backward_update
    calls = {"count": 0}

    def failing_once() -> float:
        calls["count"] += 1
        if calls["count"] == 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return original()

    monkeypatch.setattr(trainer, "_forward_backward_update", failing_once)
    loss = trainer.train_step()
    assert math.isfinite(loss)
    assert (trainer.micro_batch_size, trainer.grad_accum_steps) == (4, 2)
    assert trainer.tokens_per_step == 8 * 64
    assert "[WARN] Out of memory (CUDA out of memory. Tried to allocate 2.00 GiB); retrying with micro-batch 4" in (
        capsys.readouterr().out
    )
    trainer.micro_batch_size, trainer.grad_accum_steps = 1, 8

    def always_failing() -> float:
        raise torch.cuda.OutOfMemoryError("CUDA out of memory")

    monkeypatch.setattr(trainer, "_forward_backward_update", always_failing)
    with pytest.raises(torch.cuda.OutOfMemoryError):
        trainer.train_step()


def test_cli_overrides_and_yaml_values() -> None:
    config = config_from_args(
        ["--max-steps", "7", "--run-name", "x", "--sources", "stdlib", "--no-resume", "--set", "grad_clip=0.5",
         "--model-set", "n_layer=3"]
    )
    assert config["train"]["max_steps"] == 7 and config["train"]["run_name"] == "x"
    assert config["train"]["sources"] == ["stdlib"] and config["train"]["resume"] is False
    assert config["train"]["grad_clip"] == 0.5 and config["model"]["n_layer"] == 3
    assert config["train"]["batch_size"] == TRAIN_CONFIG["batch_size"]
    assert parse_assignments(["hf_dataset=null", "compile=true"]) == {"hf_dataset": None, "compile": True}
    with pytest.raises(ValueError, match="Unknown training config keys"):
        load_config(None, {"max_step": 3})
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_assignments(["novalue"])
    with pytest.raises(ValueError, match="keep_checkpoints"):
        load_config(None, {"keep_checkpoints": 1})


def test_default_config_file_holds_the_model_shape() -> None:
    model = load_config()["model"]
    assert set(model) == {"block_size", "n_layer", "n_head", "n_embd", "dropout", "bias"}
    assert model["n_embd"] % model["n_head"] == 0


def test_training_package_imports_neither_checks_nor_hooks() -> None:
    files = sorted(PACKAGE.glob("*.py"), key=lambda path: path.name)
    assert len(files) >= 15
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path.name}: relative import"
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("checks", "hooks"), f"{path.name} imports {name}"
