"""Shared fixtures of the training tests: one thread, a shared dataset cache, tiny configs."""

from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional

import pytest
import torch

from training.config import load_config

TINY_MODEL: Dict[str, Any] = {"n_layer": 2, "n_head": 2, "n_embd": 64, "block_size": 64, "dropout": 0.0}


@pytest.fixture(scope="session", autouse=True)
def single_thread() -> Iterator[None]:
    """One intra-op thread: fastest and most stable on a small shared machine."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One dataset cache for every run of the session (tokenize once)."""
    return tmp_path_factory.mktemp("dataset_cache")


@pytest.fixture
def make_config(tmp_path: Path, shared_cache: Path) -> Callable[..., Dict[str, Any]]:
    """Build a tiny CPU run config under tmp_path; keyword arguments override TRAIN_CONFIG."""

    def factory(run_name: str = "run", model: Optional[Dict[str, Any]] = None, **train: Any) -> Dict[str, Any]:
        overrides: Dict[str, Any] = {
            "out_dir": str(tmp_path / "runs"),
            "run_name": run_name,
            "cache_dir": str(shared_cache),
            "device": "cpu",
            "num_threads": 1,
            "sources": ["stdlib"],
            "max_corpus_chars": 600_000,
            "max_steps": 40,
            "warmup_steps": 10,
            "eval_interval": 20,
            "eval_iters": 4,
            "checkpoint_interval": 10,
            "log_interval": 10,
            "sample_tokens": 0,
        }
        overrides.update(train)
        return load_config(None, overrides, {**TINY_MODEL, **(model or {})})

    return factory
