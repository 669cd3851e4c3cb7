"""Edge cases of the rules for the statements of the document that nothing checked (issue 20)."""

from typing import Any, Dict, List, Optional

from checks.config.settings import build_settings
from checks.engine.lint import fix_source, lint_source


def lines(source: str, code: str, path: str = "pkg/train.py", table: Optional[Dict[str, Any]] = None) -> List[int]:
    settings = build_settings(table or {}, select=[code])
    return [f.line for f in lint_source(source, path, settings) if f.code == code]


def test_dataloader_fix_rewrites_only_the_offending_keywords() -> None:
    source = (
        "from torch.utils.data import DataLoader\n\n"
        "loader = DataLoader(\n    dataset,\n    batch_size=32,\n    num_workers=8,\n    pin_memory=True,\n)\n"
    )
    outcome = fix_source(source.encode("utf-8"), "pkg/train.py", build_settings({}, select=["TRN004"]))
    assert outcome.source.decode("utf-8") == source.replace("num_workers=8", "num_workers=0").replace("pin_memory=True", "pin_memory=False")
    assert outcome.applied == 2


def test_dataloader_of_another_library_and_configured_values_are_left_alone() -> None:
    assert lines("from lightning import DataLoader\n\nDataLoader(ds, num_workers=4)\n", "TRN004") == []
    assert lines("import torch\n\ntorch.utils.data.DataLoader(ds, num_workers=args.workers, pin_memory=cuda)\n", "TRN004") == []
    assert lines("import torch.utils.data as tud\n\ntud.DataLoader(ds, num_workers=2)\n", "TRN004") == [3]


def test_memmap_dataset_is_followed_through_an_instance_name() -> None:
    source = (
        "import numpy as np\nfrom torch.utils.data import DataLoader, Dataset\n\n"
        "class Tokens(Dataset):\n    def __getitem__(self, index: int) -> int:\n"
        "        data = np.memmap(self.path, dtype=np.uint16, mode='r')\n        return int(data[index])\n\n"
        "train_set = Tokens()\nvalidation = [1, 2, 3]\n"
        "train_loader = DataLoader(train_set)\nval_loader = DataLoader(validation)\n"
    )
    assert lines(source, "TRN005") == [11]


def test_oom_handler_freeing_after_the_try_or_in_a_local_helper_is_accepted() -> None:
    after_try = (
        "import gc\nimport torch\n\ndef step() -> None:\n    try:\n        run()\n"
        "    except torch.cuda.OutOfMemoryError:\n        print('[WARN] OOM', flush=True)\n    gc.collect()\n"
    )
    assert lines(after_try, "TRN006") == []
    helper = (
        "import torch\n\ndef tidy() -> None:\n    torch.cuda.empty_cache()\n\ndef recover() -> None:\n    tidy()\n\n"
        "def step() -> None:\n    try:\n        run()\n    except torch.OutOfMemoryError:\n        recover()\n"
    )
    assert lines(helper, "TRN006") == []


def test_oom_caught_in_a_tuple_and_a_runtime_error_without_the_message() -> None:
    tuple_caught = "import torch\n\ntry:\n    run()\nexcept (ValueError, torch.cuda.OutOfMemoryError):\n    pass\n"
    assert lines(tuple_caught, "TRN006") == [5]
    plain_runtime = "try:\n    run()\nexcept RuntimeError:\n    print('[WARN] retry', flush=True)\n"
    assert lines(plain_runtime, "TRN006") == []


def test_seeding_through_numpy_generator_helpers() -> None:
    numpy_only = "import numpy as np\nimport torch\n\nnp.random.seed(0)\nloss.backward()\n"
    assert lines(numpy_only, "TRN007") == [4]
    all_three = "import random\nimport numpy\nimport torch\n\nrandom.seed(1)\nnumpy.random.seed(1)\ntorch.manual_seed(1)\nloss.backward()\n"
    assert lines(all_three, "TRN007") == []
    helper = "import torch\nfrom utils import seed_everything\n\nseed_everything(3)\ntorch.manual_seed(3)\nloss.backward()\n"
    assert lines(helper, "TRN007") == []


def test_drive_copy_follows_joined_paths_and_ignores_local_ones() -> None:
    source = (
        "import os\nimport shutil\n\nDRIVE = '/content/drive/MyDrive/proj'\nLOCAL = '/content/tmp_data'\n"
        "data_dir = os.path.join(DRIVE, 'training_data')\n"
        "shutil.copy2(os.path.join(data_dir, 'a.txt'), LOCAL)\n"
        "shutil.copy2(os.path.join(LOCAL, 'a.txt'), os.path.join(DRIVE, 'results'))\n"
    )
    assert lines(source, "TRN008") == [7]


def test_internal_alias_exemptions() -> None:
    alias = "def load_checkpoint(path: str) -> dict:\n    return {}\n\n\nload_old = load_checkpoint\n"
    assert lines(alias, "MOD002", path="pkg/io.py") == [5]
    assert lines(alias, "MOD002", path="pkg/io.py", table={"public-modules": ["pkg/io.py"]}) == []
    imported_and_used = "from .io import read as read_legacy\n\nprint(read_legacy('x'))\n"
    assert lines(imported_and_used, "MOD002", path="pkg/cli.py") == []
    absolute = "from pkg.io import read as read_legacy\n"
    assert lines(absolute, "MOD002", path="pkg/cli.py") == []
