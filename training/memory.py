# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Memory: out-of-memory recovery and peak-memory measurement."""

import gc
import sys
from typing import Tuple

import torch

try:
    import resource
except ImportError:
    resource = None


def free_memory() -> None:
    """Release cached memory after an out-of-memory error (policy: gc.collect + empty_cache)."""
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def reset_peak_memory(device: torch.device) -> None:
    """Start a fresh peak-memory window on CUDA devices."""
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)


def peak_memory_mb(device: torch.device) -> Tuple[float, str]:
    """Peak memory in MiB and what was measured (CUDA allocator peak, or process peak RSS)."""
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 1024**2, "cuda_max_allocated"
    if resource is None:
        return 0.0, "unavailable"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    divisor = 1024**2 if sys.platform == "darwin" else 1024
    return peak / divisor, "process_peak_rss"
