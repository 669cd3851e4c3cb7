# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""One progress line on stderr for long runs on a terminal, and nowhere else.

The line (files done of total, files per second, time left) appears only
when stderr is a terminal, the run has lasted :data:`SHOW_AFTER_SECONDS`,
and nothing says the output is a log: not under pre-commit (which runs hooks
in a pseudo-terminal for colour, and sets ``PRE_COMMIT``), not in CI (``CI``),
not with ``TERM=dumb``, not with ``--quiet``. It is rewritten in place at most
every :data:`REFRESH_SECONDS` and erased when the run ends, so the findings
that follow start on a clean line. Plain text, no library: nothing is imported
on the one-file path.
"""

import os
import sys
import time
from typing import Optional, TextIO

SHOW_AFTER_SECONDS = 2.0
REFRESH_SECONDS = 0.25
LOG_ENVIRONMENT = ("CI", "PRE_COMMIT")


def line_wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether a progress line may be drawn on this stream."""
    if quiet or any(os.environ.get(name) for name in LOG_ENVIRONMENT) or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    """Counts finished files and redraws the line when it is due."""

    def __init__(self, total: int, enabled: bool, stream: Optional[TextIO] = None) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.done = 0
        self.drawn_at = 0.0
        self.width = 0

    def advance(self, count: int = 1) -> None:
        """Note ``count`` more files done; redraw when the run is long enough and the line is stale."""
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self.started
        if elapsed < SHOW_AFTER_SECONDS or now - self.drawn_at < REFRESH_SECONDS:
            return
        self.drawn_at = now
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        text = f"[INFO] {self.done}/{self.total} files, {rate:.1f} files/s, {left:.0f} s left"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = max(self.width, len(text))

    def close(self) -> None:
        """Erase the line, if one was drawn."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
