# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Hardware detection and the precision plan derived from it (policy section 10).

* A100 / H100-class GPUs (Ampere or newer data-centre parts): bf16 autocast with
  TF32 matmuls and cuDNN benchmark; NO gradient scaler (bf16 has fp32's range).
* T4 / L4-class GPUs: fp16 autocast; a gradient scaler is mandatory.
* CPU: plain fp32.

``plan_for_gpu`` is a pure function of what the driver reports, so every branch
is testable on a machine without a GPU.
"""

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any, ContextManager, List, Optional, Tuple

import torch

FP16_GPU_PATTERN = re.compile(r"\b(T4|L4|V100|P100|P4|K80)\b", re.IGNORECASE)
BF16_GPU_PATTERN = re.compile(r"(A100|A800|H100|H800|H200|GH200|B100|B200)", re.IGNORECASE)
SMALL_A100_BYTES = 60 * 1024**3


@dataclass(frozen=True)
class PrecisionPlan:
    """Device and numeric precision of a run, decided once at start."""

    device: str
    device_type: str
    device_name: str
    label: str
    compute_dtype: torch.dtype
    use_grad_scaler: bool
    tf32: bool
    total_memory_gb: float = 0.0
    capability: Optional[Tuple[int, int]] = None
    notes: List[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for the start of the run."""
        scaler = "GradScaler" if self.use_grad_scaler else "no GradScaler"
        tf32 = ", TF32 on" if self.tf32 else ""
        memory = f", {self.total_memory_gb:.1f} GB" if self.total_memory_gb else ""
        capability = f", sm_{self.capability[0]}{self.capability[1]}" if self.capability else ""
        return (
            f"[INFO] Device: {self.device} ({self.device_name}{memory}{capability}) | "
            f"precision: {self.label} ({scaler}{tf32})"
        )


def cpu_plan() -> PrecisionPlan:
    """Plain fp32 on the CPU."""
    return PrecisionPlan(
        device="cpu",
        device_type="cpu",
        device_name="CPU",
        label="fp32",
        compute_dtype=torch.float32,
        use_grad_scaler=False,
        tf32=False,
    )


def plan_for_gpu(
    name: str,
    capability: Tuple[int, int],
    total_memory_bytes: int,
    device: str = "cuda:0",
) -> PrecisionPlan:
    """Choose bf16 or fp16 for a CUDA device from its name, capability and memory."""
    memory_gb = total_memory_bytes / 1024**3
    notes: List[str] = []
    if FP16_GPU_PATTERN.search(name):
        use_bf16 = False
        notes.append("T4/L4-class GPU: fp16 autocast with a mandatory GradScaler")
    elif BF16_GPU_PATTERN.search(name):
        use_bf16 = True
        if "A100" in name.upper() and total_memory_bytes < SMALL_A100_BYTES:
            notes.append("A100 40GB: lower batch_size or raise grad_accum_steps if memory runs short")
    else:
        use_bf16 = capability[0] >= 8
        notes.append(f"unlisted GPU: chose by compute capability sm_{capability[0]}{capability[1]}")
    if use_bf16:
        return PrecisionPlan(
            device=device,
            device_type="cuda",
            device_name=name,
            label="bf16",
            compute_dtype=torch.bfloat16,
            use_grad_scaler=False,
            tf32=True,
            total_memory_gb=memory_gb,
            capability=capability,
            notes=notes,
        )
    return PrecisionPlan(
        device=device,
        device_type="cuda",
        device_name=name,
        label="fp16",
        compute_dtype=torch.float16,
        use_grad_scaler=True,
        tf32=False,
        total_memory_gb=memory_gb,
        capability=capability,
        notes=notes,
    )


def detect_precision(requested: str = "auto", local_rank: int = 0) -> PrecisionPlan:
    """Query the hardware and return the plan; ``requested`` is auto, cpu or cuda."""
    if requested == "cpu":
        return cpu_plan()
    if not torch.cuda.is_available():
        if requested == "cuda":
            raise RuntimeError("device 'cuda' was requested but torch.cuda.is_available() is False")
        return cpu_plan()
    index = local_rank % torch.cuda.device_count()
    properties = torch.cuda.get_device_properties(index)
    return plan_for_gpu(
        name=torch.cuda.get_device_name(index),
        capability=torch.cuda.get_device_capability(index),
        total_memory_bytes=int(properties.total_memory),
        device=f"cuda:{index}",
    )


def configure_backends(plan: PrecisionPlan) -> None:
    """Apply the plan's global switches (current device, TF32, cuDNN benchmark)."""
    if plan.device_type != "cuda":
        return
    torch.cuda.set_device(torch.device(plan.device))
    torch.backends.cudnn.benchmark = True
    torch.backends.cuda.matmul.allow_tf32 = plan.tf32
    torch.backends.cudnn.allow_tf32 = plan.tf32


def autocast_context(plan: PrecisionPlan) -> ContextManager[Any]:
    """Autocast in the plan's compute dtype on CUDA; a no-op context on the CPU."""
    if plan.device_type == "cuda" and plan.compute_dtype != torch.float32:
        return torch.autocast(device_type="cuda", dtype=plan.compute_dtype)
    return contextlib.nullcontext()
