# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The gradient scaler, created only for fp16 plans (T4/L4 class GPUs).

bf16 and fp32 runs never get a scaler: bf16 has the exponent range of fp32, and
scaling it only adds skipped steps. Keeping the scaler in its own module keeps
that decision in one place; its state travels in every checkpoint so an fp16 run
resumes with the loss scale it had (a fresh scale of 65536 after resume is what
sends resumed nanoGPT fp16 runs into NaN and skipped steps).
"""

from typing import Optional

import torch

from training.precision import PrecisionPlan


def make_grad_scaler(plan: PrecisionPlan) -> Optional[torch.amp.GradScaler]:
    """Return a GradScaler for fp16 CUDA plans and None for every other plan."""
    if plan.device_type == "cuda" and plan.compute_dtype == torch.float16 and plan.use_grad_scaler:
        return torch.amp.GradScaler("cuda")
    return None
