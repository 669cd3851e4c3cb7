"""Precision plans per GPU class, the scaler rule, and the CPU default."""

import warnings
from typing import Tuple

import pytest
import torch

from training.precision import cpu_plan, detect_precision, plan_for_gpu
from training.scaler import make_grad_scaler

GIB = 1024**3


@pytest.mark.parametrize(
    ("name", "capability", "memory_gib"),
    [
        ("NVIDIA A100-SXM4-80GB", (8, 0), 80),
        ("NVIDIA A100-PCIE-40GB", (8, 0), 40),
        ("NVIDIA H100 80GB HBM3", (9, 0), 80),
        ("NVIDIA H200", (9, 0), 141),
    ],
)
def test_a100_h100_class_gets_bf16_tf32_without_scaler(name: str, capability: Tuple[int, int], memory_gib: int) -> None:
    plan = plan_for_gpu(name, capability, memory_gib * GIB)
    assert plan.compute_dtype == torch.bfloat16
    assert plan.label == "bf16"
    assert plan.tf32 is True
    assert plan.use_grad_scaler is False
    assert make_grad_scaler(plan) is None


@pytest.mark.parametrize(("name", "capability"), [("Tesla T4", (7, 5)), ("NVIDIA L4", (8, 9)), ("Tesla V100-SXM2-16GB", (7, 0))])
def test_t4_l4_class_gets_fp16_with_scaler(name: str, capability: Tuple[int, int]) -> None:
    plan = plan_for_gpu(name, capability, 16 * GIB)
    assert plan.compute_dtype == torch.float16
    assert plan.use_grad_scaler is True
    assert plan.tf32 is False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scaler = make_grad_scaler(plan)
    assert isinstance(scaler, torch.amp.GradScaler)


def test_l40s_is_not_mistaken_for_l4() -> None:
    plan = plan_for_gpu("NVIDIA L40S", (8, 9), 48 * GIB)
    assert plan.label == "bf16"


def test_unknown_gpu_falls_back_to_capability() -> None:
    assert plan_for_gpu("Some Future GPU", (10, 0), 96 * GIB).label == "bf16"
    assert plan_for_gpu("Some Old GPU", (6, 1), 8 * GIB).label == "fp16"


def test_small_a100_gets_a_memory_note() -> None:
    assert any("A100 40GB" in note for note in plan_for_gpu("NVIDIA A100-PCIE-40GB", (8, 0), 40 * GIB).notes)
    assert not plan_for_gpu("NVIDIA A100-SXM4-80GB", (8, 0), 80 * GIB).notes


def test_cpu_plan_is_fp32_and_printed_line_says_so() -> None:
    plan = cpu_plan()
    assert plan.compute_dtype == torch.float32
    assert make_grad_scaler(plan) is None
    assert plan.describe() == "[INFO] Device: cpu (CPU) | precision: fp32 (no GradScaler)"
    assert "bf16 (no GradScaler, TF32 on)" in plan_for_gpu("NVIDIA H100", (9, 0), 80 * GIB).describe()


def test_detect_precision_on_this_machine() -> None:
    if torch.cuda.is_available():
        assert detect_precision("auto").device_type == "cuda"
    else:
        assert detect_precision("auto") == cpu_plan()
        with pytest.raises(RuntimeError, match="cuda"):
            detect_precision("cuda")
