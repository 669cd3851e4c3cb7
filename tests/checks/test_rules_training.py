"""TRN001-TRN003 on realistic training-loop shapes, including the correct patterns a naive check flags."""

from typing import List

from checks.engine.lint import lint_source
from checks.config.settings import build_settings


def lines(source: str, code: str) -> List[int]:
    settings = build_settings({}, select=[code])
    return [f.line for f in lint_source(source, "pkg/train.py", settings) if f.code == code]


def test_atomic_save_through_path_objects() -> None:
    source = (
        "from pathlib import Path\nimport torch\n\n"
        "def save(state: dict, final: Path) -> None:\n"
        "    tmp = final.with_name(final.name + '.tmp')\n"
        "    torch.save(state, tmp)\n"
        "    tmp.replace(final)\n"
    )
    assert lines(source, "TRN001") == []


def test_best_model_and_loop_saves_without_rename_are_reported() -> None:
    source = (
        "import torch\n\n"
        "def fit(model, loader, folder) -> None:\n"
        "    for step, batch in enumerate(loader):\n"
        "        if step % 100 == 0:\n"
        "            torch.save({'model': model.state_dict(), 'step': step}, folder / f'ckpt_step{step}.pt')\n"
        "    torch.save(model.state_dict(), folder / 'best_model.pt')\n"
    )
    assert lines(source, "TRN001") == [6, 7]


def test_torch_alias_and_non_checkpoint_saves() -> None:
    assert lines("import torch as T\n\nT.save(net.state_dict(), 'weights.pt')\n", "TRN001") == [3]
    assert lines("import torch\n\ntorch.save(tensor_cache, 'features.pt')\n", "TRN001") == []
    assert lines("import numpy\n\nnumpy.save('checkpoint.npy', model)\n", "TRN001") == []


def test_sort_by_modification_time_or_step_helper_is_numeric() -> None:
    source = (
        "import os\nimport glob\n\n"
        "by_time = sorted(glob.glob('ckpt/*.pt'), key=os.path.getmtime)\n"
        "by_step = sorted(os.listdir('checkpoints'), key=step_of)\n"
        "newest = max(os.scandir('checkpoints'), key=lambda entry: entry.stat().st_mtime)\n"
    )
    assert lines(source, "TRN002") == []


def test_sort_of_a_listing_held_in_a_variable_inside_a_function() -> None:
    source = (
        "import os\n\n"
        "def resume(ckpt_dir: str) -> str:\n"
        "    files = [f for f in os.listdir(ckpt_dir) if f.endswith('.pt')]\n"
        "    files.sort(key=str.lower)\n"
        "    return files[-1]\n"
        "def other(data_dir: str) -> list:\n"
        "    files = os.listdir(data_dir)\n"
        "    files.sort()\n"
        "    return files\n"
    )
    assert lines(source, "TRN002") == [5]


def test_scaler_in_the_fp16_branch_only_is_correct() -> None:
    source = (
        "import torch\n\n"
        "def step(plan, model, batch) -> None:\n"
        "    if plan.bf16:\n"
        "        with torch.autocast('cuda', dtype=torch.bfloat16):\n"
        "            loss = model(batch)\n"
        "        loss.backward()\n"
        "    elif plan.fp16:\n"
        "        scaler = torch.cuda.amp.GradScaler()\n"
        "        with torch.autocast('cuda', dtype=torch.float16):\n"
        "            loss = model(batch)\n"
        "        scaler.scale(loss).backward()\n"
    )
    assert lines(source, "TRN003") == []


def test_scaler_and_bf16_in_the_same_branch_are_reported() -> None:
    source = (
        "import torch\n\n"
        "def step(use_amp: bool, model, batch) -> None:\n"
        "    if use_amp:\n"
        "        scaler = torch.amp.GradScaler('cuda')\n"
        "        with torch.autocast('cuda', dtype=torch.bfloat16):\n"
        "            loss = model(batch)\n"
        "        scaler.scale(loss).backward()\n"
    )
    assert lines(source, "TRN003") == [5]


def test_disabled_scaler_or_disabled_autocast_is_not_a_pair() -> None:
    source = (
        "import torch\n\n"
        "scaler = torch.amp.GradScaler('cuda', enabled=False)\n"
        "other = torch.amp.GradScaler('cuda')\n"
        "with torch.autocast('cuda', dtype=torch.bfloat16, enabled=False):\n"
        "    run()\n"
    )
    assert lines(source, "TRN003") == []
