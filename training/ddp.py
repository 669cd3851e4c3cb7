# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Multi-GPU (and multi-process CPU) training through torchrun and DDP.

The same script runs single-process or under ``torchrun --nproc_per_node=N -m
training``: torchrun sets RANK, WORLD_SIZE and LOCAL_RANK, which this module
reads. NCCL is used on CUDA and Gloo on the CPU. Only rank 0 prepares data,
prints progress, writes checkpoints and results; every rank's RNG state is
gathered into the checkpoint so a resumed DDP run continues exactly.
"""

import contextlib
import os
from dataclasses import dataclass
from typing import Any, ContextManager, List, Mapping, Optional

import torch
import torch.distributed as dist
from torch import nn


@dataclass(frozen=True)
class DistributedContext:
    """Rank layout of the current process."""

    enabled: bool
    rank: int = 0
    local_rank: int = 0
    world_size: int = 1

    @property
    def is_main(self) -> bool:
        """True on the process that prints and writes files."""
        return self.rank == 0


def detect_distributed(environ: Optional[Mapping[str, str]] = None) -> DistributedContext:
    """Read torchrun's RANK / WORLD_SIZE / LOCAL_RANK; single-process when absent or WORLD_SIZE is 1."""
    env = os.environ if environ is None else environ
    if "RANK" not in env or "WORLD_SIZE" not in env:
        return DistributedContext(enabled=False)
    world_size = int(env["WORLD_SIZE"])
    if world_size <= 1:
        return DistributedContext(enabled=False)
    rank = int(env["RANK"])
    return DistributedContext(
        enabled=True,
        rank=rank,
        local_rank=int(env.get("LOCAL_RANK", rank)),
        world_size=world_size,
    )


def init_distributed(context: DistributedContext, device_type: str) -> None:
    """Join the process group (NCCL on CUDA, Gloo on CPU)."""
    if context.enabled and not dist.is_initialized():
        backend = "nccl" if device_type == "cuda" else "gloo"
        dist.init_process_group(backend=backend, rank=context.rank, world_size=context.world_size)


def destroy_distributed(context: DistributedContext) -> None:
    """Leave the process group."""
    if context.enabled and dist.is_initialized():
        dist.destroy_process_group()


def barrier(context: DistributedContext) -> None:
    """Wait for every rank."""
    if context.enabled:
        dist.barrier()


def all_reduce_mean(value: float, context: DistributedContext, device: torch.device) -> float:
    """Mean of a float over every rank."""
    if not context.enabled:
        return value
    tensor = torch.tensor([value], dtype=torch.float64, device=device)
    dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
    return float(tensor.item()) / context.world_size


def all_gather_objects(value: Any, context: DistributedContext) -> List[Any]:
    """Picklable value of every rank, in rank order."""
    if not context.enabled:
        return [value]
    gathered: List[Any] = [None] * context.world_size
    dist.all_gather_object(gathered, value)
    return gathered


def wrap_model(model: nn.Module, context: DistributedContext, device: torch.device) -> nn.Module:
    """DistributedDataParallel around the model when running under torchrun."""
    if not context.enabled:
        return model
    device_ids = [device.index] if device.type == "cuda" else None
    return nn.parallel.DistributedDataParallel(model, device_ids=device_ids)


def gradient_sync(model: nn.Module, sync: bool) -> ContextManager[Any]:
    """Skip the DDP gradient all-reduce on accumulation micro-steps (``no_sync``)."""
    if not sync and isinstance(model, nn.parallel.DistributedDataParallel):
        return model.no_sync()
    return contextlib.nullcontext()
