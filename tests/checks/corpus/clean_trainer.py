# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""A realistic, fully compliant module: nothing here may be reported."""

import json
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, TypeVar

T_co = TypeVar("T_co", covariant=True)
MAX_RETRIES = 3
DEFAULT_CONFIG: Dict[str, int] = {"batch_size": 32}


@dataclass
class TrainState:
    """Where a run stands."""

    step: int = 0
    loss_history: List[float] = field(default_factory=list)


class Callback(ABC):
    """A hook into the training loop."""

    @abstractmethod
    def on_step(self, state: TrainState) -> None:
        """Called after every optimizer step."""


class PrintCallback(Callback):
    """Prints progress every N steps."""

    def __init__(self, every: int = 10) -> None:
        self.every = every
        self._last_step: Optional[int] = None

    def on_step(self, state: TrainState) -> None:
        """Print the loss now and then."""
        if state.step % self.every == 0:
            print(f"[INFO] step {state.step}", flush=True)
        self._last_step = state.step

    @property
    def last_step(self) -> Optional[int]:
        """The last step seen."""
        return self._last_step

    @last_step.setter
    def last_step(self, value: Optional[int]) -> None:
        self._last_step = value


def load_config(path: Path) -> Dict[str, int]:
    """Read a JSON config, falling back to the defaults when it is missing."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return dict(DEFAULT_CONFIG)
    except Exception as error:
        raise RuntimeError(f"cannot read {path}") from error


def environment_flag(name: str, *, default: bool = False, **extra: str) -> bool:
    """Read a boolean flag from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.lower() in ("1", "true", "yes")


def _private_helper(x: int) -> int:
    def nested(y: int) -> int:
        return y * 2

    return nested(x)
