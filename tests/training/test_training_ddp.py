"""DDP through torchrun (Gloo on the CPU): the same script, exact resume across two ranks."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import torch

from training.ddp import detect_distributed

TINY_ARGS = [
    "--max-steps", "20",
    "--eval-interval", "10",
    "--eval-iters", "2",
    "--checkpoint-interval", "10",
    "--max-corpus-chars", "100000",
    "--sources", "stdlib",
    "--device", "cpu",
    "--threads", "1",
    "--model-set", "n_layer=1",
    "--model-set", "n_embd=32",
    "--model-set", "n_head=2",
    "--model-set", "block_size=32",
    "--model-set", "dropout=0.1",
]


def _torchrun(out_dir: Path, run_name: str, extra: List[str]) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in ("RANK", "WORLD_SIZE", "LOCAL_RANK")}
    environment["OMP_NUM_THREADS"] = "1"
    repo_root = Path(__file__).resolve().parents[2]
    environment["PYTHONPATH"] = str(repo_root)
    command = [
        sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
        "-m", "training", "--out-dir", str(out_dir), "--run-name", run_name,
        "--cache-dir", str(out_dir / "cache"), *TINY_ARGS, *extra,
    ]
    result = subprocess.run(command, cwd=repo_root, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_detect_distributed_reads_torchrun_variables() -> None:
    assert not detect_distributed({}).enabled
    assert not detect_distributed({"RANK": "0", "WORLD_SIZE": "1"}).enabled
    context = detect_distributed({"RANK": "3", "WORLD_SIZE": "4", "LOCAL_RANK": "1"})
    assert context.enabled and context.rank == 3 and context.local_rank == 1 and context.world_size == 4
    assert not context.is_main


@pytest.mark.slow
@pytest.mark.skipif(not torch.distributed.is_available(), reason="torch.distributed is not built in")
def test_torchrun_two_ranks_train_and_resume_exactly(tmp_path: Path) -> None:
    straight = _torchrun(tmp_path, "straight", [])
    assert "[INFO] DDP: world size 2" in straight.stdout
    assert straight.stdout.count("Step 20/20 | loss:") == 1
    _torchrun(tmp_path, "resumed", ["--stop-at-step", "10"])
    resumed = _torchrun(tmp_path, "resumed", [])
    assert "[OK] Resumed from ckpt_step10.pt: step 10" in resumed.stdout

    def load(run_name: str) -> Dict:
        return torch.load(tmp_path / run_name / "checkpoints" / "ckpt_step20.pt", weights_only=True)

    expected, actual = load("straight"), load("resumed")
    assert len(actual["rng"]) == 2
    assert not torch.equal(actual["rng"][0]["data"], actual["rng"][1]["data"])
    assert actual["loss_history"] == expected["loss_history"]
    assert actual["eval_history"] == expected["eval_history"]
    for name, tensor in expected["model"].items():
        assert torch.equal(actual["model"][name], tensor), name
    assert (tmp_path / "resumed" / "results" / "benchmark_report.txt").is_file()
