"""A realistic training script with the hazards the training rules look for."""
import glob
import os
from pathlib import Path

import torch

HF_TOKEN = "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"  # expect: SEC001
API_KEY = os.environ.get("API_KEY")
password = "hunter2"


def save_checkpoint(model: torch.nn.Module, step: int, folder: str) -> None:
    """Save a checkpoint."""
    path = os.path.join(folder, f"ckpt_step{step}.pt")
    torch.save(model.state_dict(), path)  # expect: TRN001


def save_checkpoint_safely(model: torch.nn.Module, step: int, folder: str) -> None:
    """Save a checkpoint atomically."""
    path = os.path.join(folder, f"ckpt_step{step}.pt")
    temporary = path + ".tmp"
    torch.save(model.state_dict(), temporary)
    os.replace(temporary, path)


def latest_checkpoint(folder: str) -> str:
    """The newest checkpoint (wrongly ordered)."""
    names = sorted(glob.glob(os.path.join(folder, "*step*.pt")))  # expect: TRN002
    return names[-1]


def latest_checkpoint_numeric(folder: str) -> str:
    """The newest checkpoint, ordered by step number."""
    names = sorted(os.listdir(folder), key=lambda n: int(n.split("step")[1].split(".")[0]))
    return names[-1]


def read_notes(path: Path) -> str:
    """Read notes."""
    with open(path) as handle:  # expect: ENC001
        first = handle.read()
    second = path.read_text()  # expect: ENC001
    with open(path, "rb") as raw:
        third = raw.read()
    return first + second + str(len(third))


def train(steps: int) -> None:
    """Train with mixed precision."""
    scaler = torch.cuda.amp.GradScaler()  # expect: TRN003
    with torch.autocast("cuda", dtype=torch.bfloat16):
        for step in range(steps):
            print(f"step {step}")  # expect: PRN002
            print("[warning] slow step", flush=True)  # expect: PRN001
    print("=" * 40)  # expect: SEP001
    print("[INFO] done")
    del scaler


def not_done_yet() -> None:  # expect: STB002
    """Compute the metrics."""
    raise NotImplementedError


# TODO: add evaluation  # expect: STB003
