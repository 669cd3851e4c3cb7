# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN005: no DataLoader over a ``np.memmap`` dataset (policy section 10).

The dataset handed to the DataLoader is followed inside the file: a memmap
call itself, a name assigned from one, or an instance of a class of this file
whose code opens a memmap. A dataset the file cannot see into is not reported.
"""

from typing import List, Optional, Set

import libcst as cst

from checks.engine.rule import FileContext, Invalid, Rule, Valid

DATALOADER = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
MEMMAP = frozenset({"numpy.memmap", "numpy.lib.format.open_memmap", "numpy.load"})


class MemmapDataLoader(Rule):
    """DataLoader over a memory-mapped binary token file."""

    code = "TRN005"
    summary = "DataLoader over a np.memmap dataset; use get_batch() with torch.randint"
    section = "10"
    rationale = (
        'The policy\'s data pipeline: "Load: np.memmap(path, dtype, mode=\\"r\\"). get_batch(): torch.randint → '
        'pin_memory().to(device, non_blocking=True). No DataLoader for memmap binary training." Random '
        'offsets into the memmap are the whole sampler; a DataLoader adds per-item Python calls and collation '
        'for nothing.'
    )
    exemptions = 'Datasets whose source the file does not show (imported classes) and np.load without mmap_mode.'
    valid = (
        Valid(
            "import numpy as np\nimport torch\n\ndata = np.memmap('train.bin', dtype=np.uint16, mode='r')\n\n"
            "def get_batch() -> torch.Tensor:\n    ix = torch.randint(len(data) - 9, (4,))\n"
            "    return torch.stack([torch.from_numpy(data[i:i + 8].astype(np.int64)) for i in ix])\n"
        ),
        Valid("from torch.utils.data import DataLoader\nfrom mydata import TokenDataset\n\nloader = DataLoader(TokenDataset('train.bin'))\n"),
        Valid("import numpy as np\nfrom torch.utils.data import DataLoader\n\narrays = np.load('x.npy')\nloader = DataLoader(arrays)\n"),
    )
    invalid = (
        Invalid(
            "import numpy as np\nfrom torch.utils.data import DataLoader, Dataset\n\n"
            "class TokenDataset(Dataset):\n    def __init__(self, path: str) -> None:\n"
            "        self.data = np.memmap(path, dtype=np.uint16, mode='r')\n\n"
            "loader = DataLoader(TokenDataset('train.bin'), batch_size=8)\n",
            line=8,
        ),
        Invalid(
            "import numpy as np\nimport torch\n\ntokens = np.memmap('train.bin', dtype=np.uint16, mode='r')\n"
            "loader = torch.utils.data.DataLoader(tokens, batch_size=8)\n",
            line=5,
        ),
        Invalid(
            "import numpy as np\nfrom torch.utils.data import DataLoader\n\n"
            "loader = DataLoader(dataset=np.load('x.npy', mmap_mode='r'))\n",
            line=4,
        ),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.memmap_classes: Set[str] = set()
        self.memmap_names: Set[str] = set()
        self.pending: List[cst.Call] = []
        self.instances: dict = {}

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files with both a DataLoader and a memory map."""
        return "DataLoader" in context.source and ("memmap" in context.source or "mmap_mode" in context.source)

    def visit_Assign(self, node: cst.Assign) -> None:
        """Names bound to a memmap or to an instance of a class of this file."""
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                if self._is_memmap(node.value):
                    self.memmap_names.add(target.target.value)
                elif isinstance(node.value, cst.Call) and isinstance(node.value.func, cst.Name):
                    self.instances[target.target.value] = node.value.func.value

    def visit_Call(self, node: cst.Call) -> None:
        """Note memmaps opened inside classes and the DataLoader calls to judge at the end."""
        classes = [scope for scope in self.context.scopes if isinstance(scope, cst.ClassDef)]
        if classes and self._is_memmap(node):
            self.memmap_classes.add(classes[0].name.value)
        if self.context.qualify(node.func) in DATALOADER:
            self.pending.append(node)

    def finish(self, module: cst.Module) -> None:
        """Judge each DataLoader's dataset once every class of the file is known."""
        for call in self.pending:
            dataset = self._dataset(call)
            if dataset is not None and self._is_memmap_dataset(dataset):
                self.report(call, "DataLoader over a np.memmap dataset; sample with get_batch() and torch.randint instead")

    @staticmethod
    def _dataset(call: cst.Call) -> Optional[cst.BaseExpression]:
        for argument in call.args:
            if argument.keyword is not None and argument.keyword.value == "dataset":
                return argument.value
        positional = [argument for argument in call.args if argument.keyword is None and not argument.star]
        return positional[0].value if positional else None

    def _is_memmap_dataset(self, dataset: cst.BaseExpression) -> bool:
        if self._is_memmap(dataset):
            return True
        if isinstance(dataset, cst.Name):
            name = dataset.value
            return name in self.memmap_names or self.instances.get(name) in self.memmap_classes
        if isinstance(dataset, cst.Call) and isinstance(dataset.func, cst.Name):
            return dataset.func.value in self.memmap_classes
        return False

    def _is_memmap(self, expression: cst.BaseExpression) -> bool:
        if not isinstance(expression, cst.Call):
            return False
        qualified = self.context.qualify(expression.func)
        if qualified == "numpy.load":
            return any(argument.keyword is not None and argument.keyword.value == "mmap_mode" for argument in expression.args)
        return qualified in MEMMAP
