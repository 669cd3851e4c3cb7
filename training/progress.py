# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The progress line of the policy: ``Step X/Y | loss: Z.ZZZ | tok/s: NNNN | ETA: HH:MM:SS``."""

import time
from typing import Optional


def format_eta(seconds: float) -> str:
    """Seconds as HH:MM:SS (hours may exceed 99)."""
    total = max(int(round(seconds)), 0)
    hours, remainder = divmod(total, 3600)
    minutes, secs = divmod(remainder, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def format_progress(step: int, max_steps: int, loss: float, tokens_per_sec: float, eta_seconds: float) -> str:
    """The progress line for one step."""
    return (
        f"Step {step}/{max_steps} | loss: {loss:.3f} | tok/s: {tokens_per_sec:.0f} | "
        f"ETA: {format_eta(eta_seconds)}"
    )


class ProgressMeter:
    """Measures throughput and decides when a progress line is due.

    A line is printed every ``log_interval`` steps and, for slow steps, at least
    every ``log_seconds`` seconds, always for the last step.
    """

    def __init__(self, start_step: int, max_steps: int, tokens_per_step: int, log_interval: int, log_seconds: float) -> None:
        self.start_step = start_step
        self.max_steps = max_steps
        self.tokens_per_step = tokens_per_step
        self.log_interval = max(log_interval, 1)
        self.log_seconds = log_seconds
        self.excluded_seconds = 0.0
        self.started = time.perf_counter()
        self.last_print = self.started

    def exclude(self, seconds: float) -> None:
        """Remove time spent outside training steps (evaluation) from throughput."""
        self.excluded_seconds += seconds

    def training_seconds(self) -> float:
        """Wall time of the training steps so far, evaluation excluded."""
        return max(time.perf_counter() - self.started - self.excluded_seconds, 1e-9)

    def tokens_per_sec(self, step: int) -> float:
        """Mean training throughput since the meter started."""
        return (step - self.start_step) * self.tokens_per_step / self.training_seconds()

    def line_if_due(self, step: int, loss: float) -> Optional[str]:
        """Return the progress line when one is due at ``step`` (1-based), else None."""
        now = time.perf_counter()
        due = step % self.log_interval == 0 or step == self.max_steps or now - self.last_print >= self.log_seconds
        if not due:
            return None
        self.last_print = now
        done = max(step - self.start_step, 1)
        eta = self.training_seconds() / done * (self.max_steps - step)
        return format_progress(step, self.max_steps, loss, self.tokens_per_sec(step), eta)
