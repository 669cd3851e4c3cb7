# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN004: a DataLoader keeps ``num_workers=0`` and ``pin_memory=False`` (policy section 10).

Only values that certainly differ are reported: a literal other than ``0`` or
``False``, or a worker count taken from ``os.cpu_count()``. A value computed at
run time from the configuration is the user's switch and is left alone; an
omitted keyword has the required default.
"""

from typing import Optional

import libcst as cst

from checks.engine.finding import Fix
from checks.engine.rule import FileContext, Invalid, Rule, Valid

DATALOADER = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
CPU_COUNTS = frozenset({"os.cpu_count", "multiprocessing.cpu_count", "os.process_cpu_count"})


class DataLoaderSettings(Rule):
    """DataLoader calls with worker processes or pinned memory."""

    code = "TRN004"
    summary = "DataLoader with num_workers other than 0 or pin_memory other than False"
    section = "10"
    fixable = True
    rationale = (
        'The policy\'s training loop rules: "DataLoader: num_workers=0, pin_memory=False." Worker processes '
        'fork the notebook kernel and re-read the dataset from Drive FUSE in every worker; pinned memory is '
        "requested explicitly where it pays off (get_batch's pin_memory().to(device, non_blocking=True))."
    )
    exemptions = (
        'Values computed at run time (a configuration switch) and omitted keywords (their defaults are the '
        'required values).'
    )
    valid = (
        Valid("from torch.utils.data import DataLoader\n\nloader = DataLoader(dataset, batch_size=8)\n"),
        Valid("import torch\n\nloader = torch.utils.data.DataLoader(ds, num_workers=0, pin_memory=False)\n"),
        Valid("from torch.utils.data import DataLoader\n\nloader = DataLoader(ds, num_workers=cfg.workers)\n"),
        Valid("from mylib import DataLoader\n\nloader = DataLoader(ds, num_workers=4)\n"),
    )
    invalid = (
        Invalid(
            "from torch.utils.data import DataLoader\n\nloader = DataLoader(ds, num_workers=4)\n",
            fixed="from torch.utils.data import DataLoader\n\nloader = DataLoader(ds, num_workers=0)\n",
            line=3,
        ),
        Invalid(
            "import torch\n\nloader = torch.utils.data.DataLoader(ds, shuffle=True, pin_memory=True)\n",
            fixed="import torch\n\nloader = torch.utils.data.DataLoader(ds, shuffle=True, pin_memory=False)\n",
            line=3,
        ),
        Invalid(
            "import os\nfrom torch.utils import data\n\nloader = data.DataLoader(ds, num_workers=os.cpu_count(), pin_memory=True)\n",
            fixed="import os\nfrom torch.utils import data\n\nloader = data.DataLoader(ds, num_workers=0, pin_memory=False)\n",
            count=2,
            line=4,
        ),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that name a DataLoader."""
        return "DataLoader" in context.source

    def visit_Call(self, node: cst.Call) -> None:
        """Judge the worker and pinning keywords of a DataLoader call."""
        if self.context.qualify(node.func) not in DATALOADER:
            return
        for argument in node.args:
            keyword = argument.keyword.value if argument.keyword is not None else ""
            if keyword == "num_workers" and self._nonzero_workers(argument.value):
                fixed = argument.with_changes(value=cst.Integer("0"))
                self.report(argument, "DataLoader(num_workers=...) must be 0", fix=Fix("use num_workers=0", old_node=argument, new_node=fixed))
            elif keyword == "pin_memory" and self._pinned(argument.value):
                fixed = argument.with_changes(value=cst.Name("False"))
                self.report(argument, "DataLoader(pin_memory=...) must be False", fix=Fix("use pin_memory=False", old_node=argument, new_node=fixed))

    def _nonzero_workers(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, cst.Integer):
            return value.evaluated_value != 0
        if isinstance(value, cst.Call):
            return self.context.qualify(value.func) in CPU_COUNTS
        return False

    @staticmethod
    def _pinned(value: Optional[cst.BaseExpression]) -> bool:
        return isinstance(value, cst.Name) and value.value == "True"
