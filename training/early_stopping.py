# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Early stopping after K evaluations without improvement (the policy's plateau rule)."""

import math
from typing import Any, Dict


class EarlyStopping:
    """Tracks the best validation loss and counts plateau evaluations."""

    def __init__(self, patience: int, min_delta: float) -> None:
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = math.inf
        self.best_step = -1
        self.plateau_evals = 0

    def update(self, val_loss: float, step: int) -> bool:
        """Record an evaluation; return True when it is a new best."""
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = val_loss
            self.best_step = step
            self.plateau_evals = 0
            return True
        self.plateau_evals += 1
        return False

    @property
    def should_stop(self) -> bool:
        """True once ``patience`` evaluations in a row brought no improvement (patience 0 disables)."""
        return self.patience > 0 and self.plateau_evals >= self.patience

    def state_dict(self) -> Dict[str, Any]:
        """State for checkpoints."""
        return {"best_loss": self.best_loss, "best_step": self.best_step, "plateau_evals": self.plateau_evals}

    def load_state_dict(self, state: Dict[str, Any]) -> None:
        """Restore the state saved by ``state_dict``."""
        self.best_loss = float(state["best_loss"])
        self.best_step = int(state["best_step"])
        self.plateau_evals = int(state["plateau_evals"])
