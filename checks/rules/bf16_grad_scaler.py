# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN003: no ``GradScaler`` where autocast runs in ``torch.bfloat16``.

bf16 has the exponent range of fp32, so loss scaling only adds skipped steps
(policy: A100 bf16, NO GradScaler; T4/L4 fp16 + GradScaler). A scaler and a
bf16 autocast are "used together" when they sit in the same function (or at
module level) on paths that can both run: one is unconditional where the
other is, or both sit in the same branch of an ``if``. Sibling branches
(``if bf16: ... else: scaler = GradScaler()``), a scaler built with a
non-literal ``enabled=`` and choices made in conditional expressions are the
correct hardware switch and are not reported. Methods of one class count
together when both calls are unconditional in their methods, and a scaler
made at module level counts where a function uses it next to a bf16 autocast.
"""

from typing import Any, Dict, List, Optional, Tuple

import libcst as cst

from checks.engine.context import CLASS, FUNCTION, IF, IF_EXPRESSION, LAMBDA
from checks.engine.rule import FileContext, Invalid, Rule, Valid

AUTOCAST = frozenset(
    {
        "torch.autocast",
        "torch.amp.autocast",
        "torch.cuda.amp.autocast",
        "torch.cpu.amp.autocast",
        "torch.amp.autocast_mode.autocast",
    }
)
GRAD_SCALER = frozenset(
    {
        "torch.GradScaler",
        "torch.amp.GradScaler",
        "torch.cuda.amp.GradScaler",
        "torch.cpu.amp.GradScaler",
        "torch.amp.grad_scaler.GradScaler",
        "torch.cuda.amp.grad_scaler.GradScaler",
    }
)
BFLOAT16 = "torch.bfloat16"
Frame = Tuple[str, int, str]
UNIT_KINDS = {FUNCTION: "def", LAMBDA: "def", CLASS: "class", IF: "if", IF_EXPRESSION: "ifexp"}


class _Site:
    """Where a call sits: its function, the class of that function, and the branches above it."""

    def __init__(self, node: cst.CSTNode, frames: List[Frame]) -> None:
        self.node = node
        owner = None
        owner_index = -1
        for index, frame in enumerate(frames):
            if frame[0] == "def":
                owner, owner_index = frame[1], index
        self.owner = owner
        self.owner_class: Optional[int] = None
        if owner_index > 0 and frames[owner_index - 1][0] == "class":
            self.owner_class = frames[owner_index - 1][1]
        inner = frames[owner_index + 1 :]
        self.in_class_body = any(frame[0] == "class" for frame in inner)
        self.conditions = [frame for frame in inner if frame[0] in ("if", "ifexp")]
        self.in_expression_choice = any(frame[0] == "ifexp" for frame in self.conditions)


def _prefix(shorter: List[Frame], longer: List[Frame]) -> bool:
    return len(shorter) <= len(longer) and longer[: len(shorter)] == shorter


def _together(scaler: _Site, autocast: _Site) -> bool:
    """Whether both calls can run in the same execution of the same code."""
    if scaler.in_expression_choice or autocast.in_expression_choice or scaler.in_class_body or autocast.in_class_body:
        return False
    if scaler.owner == autocast.owner:
        return _prefix(scaler.conditions, autocast.conditions) or _prefix(autocast.conditions, scaler.conditions)
    same_class = scaler.owner_class is not None and scaler.owner_class == autocast.owner_class
    return same_class and not scaler.conditions and not autocast.conditions


class Bf16GradScalerRule(Rule):
    """Flags a GradScaler that runs together with a bfloat16 autocast (see the module docstring)."""

    code = "TRN003"
    section = "10"
    summary = "GradScaler used together with torch.bfloat16 autocast"
    rationale = (
        "bf16 has fp32's exponent range: a GradScaler adds nothing but skipped steps and noise. "
        "The policy: A100/H100 bf16 with NO GradScaler; T4/L4 fp16 with a GradScaler."
    )
    exemptions = (
        'A scaler and a bf16 autocast in sibling branches (the hardware switch), a scaler built with a '
        'non-literal enabled=, choices made in conditional expressions, and a scaler used with fp16 autocast.'
    )
    valid = (
        Valid(
            "import torch\n\nscaler = torch.amp.GradScaler('cuda')\nfor batch in loader:\n"
            "    with torch.autocast('cuda', dtype=torch.float16):\n        loss = model(batch)\n"
        ),
        Valid(
            "import torch\n\ndef train(bf16: bool) -> None:\n    if bf16:\n        ctx = torch.autocast('cuda', dtype=torch.bfloat16)\n"
            "        scaler = None\n    else:\n        ctx = torch.autocast('cuda', dtype=torch.float16)\n"
            "        scaler = torch.amp.GradScaler('cuda')\n"
        ),
        Valid(
            "import torch\n\ndef train(dtype: torch.dtype) -> None:\n    scaler = torch.amp.GradScaler('cuda', enabled=dtype == torch.float16)\n"
            "    with torch.autocast('cuda', dtype=torch.bfloat16):\n        step()\n"
        ),
        Valid(
            "import torch\n\ndef train(fp16: bool) -> None:\n    scaler = torch.amp.GradScaler('cuda') if fp16 else None\n"
            "    with torch.autocast('cuda', dtype=torch.bfloat16):\n        step()\n"
        ),
        Valid(
            "import torch\n\ndef make_scaler() -> torch.amp.GradScaler:\n    return torch.amp.GradScaler('cuda')\n\n"
            "def forward() -> None:\n    with torch.autocast('cuda', dtype=torch.bfloat16):\n        step()\n"
        ),
        Valid("from torch.cuda.amp import GradScaler\n\nscaler = GradScaler()\nwith autocast(dtype=bfloat16):\n    step()\n"),
        Valid(
            "import torch\n\nscaler = torch.cuda.amp.GradScaler()\n\ndef step(bf16: bool) -> None:\n    if bf16:\n"
            "        with torch.autocast('cuda', dtype=torch.bfloat16):\n            loss = model()\n        loss.backward()\n"
            "    else:\n        with torch.autocast('cuda', dtype=torch.float16):\n            loss = model()\n"
            "        scaler.scale(loss).backward()\n"
        ),
    )
    invalid = (
        Invalid(
            "import torch\n\nscaler = torch.cuda.amp.GradScaler()\nfor batch in loader:\n"
            "    with torch.autocast('cuda', dtype=torch.bfloat16):\n        loss = model(batch)\n"
            "    scaler.scale(loss).backward()\n",
            line=3,
        ),
        Invalid(
            "from torch.amp import GradScaler, autocast\nimport torch\n\ndef train() -> None:\n    scaler = GradScaler('cuda')\n"
            "    if torch.cuda.is_available():\n        with autocast('cuda', dtype=torch.bfloat16):\n            step()\n",
            line=5,
        ),
        Invalid(
            "import torch\n\nscaler = torch.cuda.amp.GradScaler()\n\ndef train_step(batch) -> None:\n"
            "    with torch.autocast('cuda', dtype=torch.bfloat16):\n        loss = model(batch)\n"
            "    scaler.scale(loss).backward()\n",
            line=3,
        ),
        Invalid(
            "import torch\n\nAMP_DTYPE = torch.bfloat16\n\nclass Trainer:\n    def __init__(self) -> None:\n"
            "        self.scaler = torch.amp.GradScaler('cuda')\n\n    def step(self) -> None:\n"
            "        with torch.autocast('cuda', dtype=AMP_DTYPE):\n            run()\n",
            line=7,
        ),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.scalers: List[_Site] = []
        self.autocasts: List[Tuple[_Site, cst.Call]] = []
        self.dtype_assignments: Dict[str, List[cst.BaseExpression]] = {}
        self.global_scalers: Dict[int, str] = {}
        self.scaler_uses: Dict[str, List[_Site]] = {}

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that mention both names can hold the pair."""
        return "GradScaler" in context.source and "bfloat16" in context.source

    def _frames(self) -> List[Frame]:
        """The enclosing units and ``if`` branches, as this rule compares them (loops do not matter here)."""
        frames: List[Frame] = []
        for frame in self.context.frames:
            kind = UNIT_KINDS.get(frame.kind)
            if kind is not None:
                frames.append((kind, id(frame.node), frame.branch))
        return frames

    def visit_Assign(self, node: cst.Assign) -> None:
        """Remember simple assignments (``dtype=AMP_DTYPE``) and module-level scalers bound to a name."""
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.dtype_assignments.setdefault(target.target.value, []).append(node.value)
                if isinstance(node.value, cst.Call) and self.context.qualify(node.value.func) in GRAD_SCALER:
                    if not any(frame[0] in ("def", "class") for frame in self._frames()):
                        self.global_scalers[id(node.value)] = target.target.value

    def visit_Name(self, node: cst.Name) -> None:
        """Where a function uses a module-level scaler."""
        if node.value in self.global_scalers.values():
            frames = self._frames()
            if any(frame[0] == "def" for frame in frames):
                self.scaler_uses.setdefault(node.value, []).append(_Site(node, frames))

    def visit_Call(self, node: cst.Call) -> None:
        """Collect GradScaler constructions and autocast calls with their sites."""
        name = self.context.qualify(node.func)
        if name in GRAD_SCALER:
            self.scalers.append(_Site(node, self._frames()))
        elif name in AUTOCAST:
            self.autocasts.append((_Site(node, self._frames()), node))

    def _is_bf16(self, expression: Optional[cst.BaseExpression]) -> bool:
        if expression is None:
            return False
        if self.context.qualify(expression) == BFLOAT16:
            return True
        if isinstance(expression, cst.Name):
            values = self.dtype_assignments.get(expression.value, [])
            return bool(values) and all(self.context.qualify(value) == BFLOAT16 for value in values)
        return False

    def _autocast_is_bf16(self, call: cst.Call) -> bool:
        for argument in call.args:
            if argument.star:
                return False
            keyword = argument.keyword.value if argument.keyword is not None else None
            if keyword == "enabled" and isinstance(argument.value, cst.Name) and argument.value.value == "False":
                return False
        return any(
            (argument.keyword is None or argument.keyword.value == "dtype") and self._is_bf16(argument.value)
            for argument in call.args
        )

    @staticmethod
    def _scaler_always_on(call: cst.Call) -> bool:
        positional = 0
        for argument in call.args:
            if argument.star:
                return False
            if argument.keyword is None:
                positional += 1
            elif argument.keyword.value == "enabled":
                return isinstance(argument.value, cst.Name) and argument.value.value == "True"
        return positional <= 4

    def finish(self, module: Any) -> None:
        """Pair every always-on scaler with the bf16 autocasts it runs together with."""
        bf16_sites = [site for site, call in self.autocasts if self._autocast_is_bf16(call)]
        if not bf16_sites:
            return
        for scaler in self.scalers:
            if not isinstance(scaler.node, cst.Call) or not self._scaler_always_on(scaler.node):
                continue
            name = self.global_scalers.get(id(scaler.node))
            uses = self.scaler_uses.get(name, []) if name is not None and not scaler.conditions else []
            if any(_together(scaler, autocast) for autocast in bf16_sites) or any(
                use.owner == autocast.owner and _together(use, autocast) for use in uses for autocast in bf16_sites
            ):
                self.report(
                    scaler.node,
                    "GradScaler together with a bfloat16 autocast: bf16 needs no loss scaling, drop the scaler "
                    "(fp16 on T4/L4 is where a GradScaler belongs)",
                )
