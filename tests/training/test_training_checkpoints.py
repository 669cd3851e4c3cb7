"""Checkpoints: exact resume, corrupt-newest fallback, numeric order, atomic writes, prefixes."""

from pathlib import Path
from typing import Any, Callable, Dict

import pytest
import torch

from training.checkpoints import (
    CheckpointManager,
    atomic_torch_save,
    checkpoint_step,
    load_model_state,
    model_state_dict,
    read_checkpoint,
)
from training.model import GPT, GPTConfig
from training.train import run_training

RESUME_SETTINGS: Dict[str, Any] = {"max_steps": 40, "grad_accum_steps": 2, "eval_interval": 15, "checkpoint_interval": 10}
DROPOUT_MODEL: Dict[str, Any] = {"dropout": 0.1}


def _load(run_folder: str, step: int) -> Dict[str, Any]:
    return torch.load(Path(run_folder) / "checkpoints" / f"ckpt_step{step}.pt", weights_only=True)


@pytest.mark.slow
def test_resume_matches_uninterrupted_run_step_for_step(make_config: Callable[..., Dict[str, Any]]) -> None:
    straight = run_training(make_config("straight", model=DROPOUT_MODEL, **RESUME_SETTINGS))
    first = run_training(make_config("resumed", model=DROPOUT_MODEL, stop_at_step=25, **RESUME_SETTINGS))
    assert first["interrupted"] and first["steps"] == 25
    assert {path.name for path in (Path(first["run_folder"]) / "checkpoints").glob("ckpt_step*.pt")} == {
        "ckpt_step10.pt",
        "ckpt_step20.pt",
        "ckpt_step25.pt",
    }
    second = run_training(make_config("resumed", model=DROPOUT_MODEL, **RESUME_SETTINGS))
    assert second["resumed_from"] == "ckpt_step25.pt"
    assert second["steps"] == 40

    expected = _load(straight["run_folder"], 40)
    actual = _load(second["run_folder"], 40)
    assert len(actual["loss_history"]) == 40
    assert actual["loss_history"] == expected["loss_history"]
    assert actual["eval_history"] == expected["eval_history"]
    assert actual["early_stopping"] == expected["early_stopping"]
    for name, tensor in expected["model"].items():
        assert torch.equal(actual["model"][name], tensor), name
    assert second["final_val_loss"] == straight["final_val_loss"]


@pytest.mark.slow
def test_resume_without_rng_state_diverges(make_config: Callable[..., Dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the test above: skipping the RNG/data-position restore changes the continuation."""
    straight = run_training(make_config("straight", model=DROPOUT_MODEL, **RESUME_SETTINGS))
    run_training(make_config("no_rng", model=DROPOUT_MODEL, stop_at_step=30, **RESUME_SETTINGS))
    monkeypatch.setattr("training.train.restore_rng_state", lambda state, generator: None)
    resumed = run_training(make_config("no_rng", model=DROPOUT_MODEL, **RESUME_SETTINGS))
    expected = _load(straight["run_folder"], 40)["loss_history"]
    actual = _load(resumed["run_folder"], 40)["loss_history"]
    assert actual[:30] == expected[:30]
    assert actual[30:] != expected[30:]


@pytest.mark.slow
def test_corrupt_newest_checkpoint_falls_back_to_previous(
    make_config: Callable[..., Dict[str, Any]], capsys: pytest.CaptureFixture
) -> None:
    first = run_training(make_config("corrupt", max_steps=30, stop_at_step=20))
    folder = Path(first["run_folder"]) / "checkpoints"
    newest = folder / "ckpt_step20.pt"
    newest.write_bytes(newest.read_bytes()[: newest.stat().st_size // 2])
    capsys.readouterr()
    resumed = run_training(make_config("corrupt", max_steps=30))
    output = capsys.readouterr().out
    assert "[WARN] Checkpoint ckpt_step20.pt is unreadable" in output
    assert "[OK] Resumed from ckpt_step10.pt: step 10" in output
    assert resumed["resumed_from"] == "ckpt_step10.pt"
    assert resumed["steps"] == 30
    assert len(_load(resumed["run_folder"], 30)["loss_history"]) == 30


def test_checkpoints_are_ordered_numerically_and_pruned(tmp_path: Path) -> None:
    manager = CheckpointManager(tmp_path, keep=3)
    for step in (9, 100, 20, 1000, 3):
        manager.save({"step": step}, step)
    (tmp_path / "ckpt_step5000.pt.tmp").write_bytes(b"partial")
    (tmp_path / "best_model.pt").write_bytes(b"not a step checkpoint")
    names = [path.name for path in manager.list_checkpoints()]
    assert names == ["ckpt_step20.pt", "ckpt_step100.pt", "ckpt_step1000.pt"]
    assert checkpoint_step(tmp_path / "ckpt_step1000.pt") == 1000


def test_load_latest_skips_unreadable_and_incomplete_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    manager = CheckpointManager(tmp_path, keep=5)
    complete = {
        "model": {},
        "optimizer": {},
        "step": 200,
        "epoch": 0,
        "loss_history": [1.0],
        "config": {},
        "rng": [],
    }
    manager.save(complete, 200)
    manager.save({"step": 300}, 300)
    (tmp_path / "ckpt_step1000.pt").write_bytes(b"PK\x03\x04 truncated zip")
    path, state = manager.load_latest()
    output = capsys.readouterr().out
    assert path.name == "ckpt_step200.pt" and state["step"] == 200
    assert "[WARN] Checkpoint ckpt_step1000.pt is unreadable" in output
    assert "[WARN] Checkpoint ckpt_step300.pt is unreadable" in output


def test_atomic_save_replaces_without_leaving_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "ckpt_step1.pt"
    atomic_torch_save({"value": torch.tensor([1.0])}, target)
    atomic_torch_save({"value": torch.tensor([2.0])}, target)
    assert torch.load(target, weights_only=True)["value"].item() == 2.0
    assert [path.name for path in tmp_path.iterdir()] == ["ckpt_step1.pt"]


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_compile_prefix_is_stripped_on_save_and_load() -> None:
    config = GPTConfig(vocab_size=32, block_size=8, n_layer=1, n_head=2, n_embd=16)
    source = GPT(config)
    compiled = torch.compile(source)
    assert all(key.startswith("_orig_mod.") for key in compiled.state_dict())
    saved = model_state_dict(compiled)
    assert not any(key.startswith("_orig_mod.") for key in saved)
    target = GPT(config)
    load_model_state(target, compiled.state_dict())
    for name, tensor in source.state_dict().items():
        assert torch.equal(target.state_dict()[name], tensor)


def test_read_checkpoint_rejects_missing_keys(tmp_path: Path) -> None:
    target = tmp_path / "ckpt_step4.pt"
    atomic_torch_save({"model": {}, "step": 4}, target)
    with pytest.raises(KeyError):
        read_checkpoint(target)
