# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN002: the latest (or first) checkpoint is chosen by its step number, never by text order.

The rule is about choosing one checkpoint by order: ``max()`` and ``min()``,
and ``sorted()`` / ``.sort()`` whose result is then selected by position
(``[-1]``, ``[0]``, ``next()``, ``.pop()``, ``reverse=True``, or returned to
a caller that will). Iterating sorted names (loading every shard of one
checkpoint) chooses nothing and is not reported. An ordering is reported
when it orders a directory listing (``os.listdir``, ``os.scandir``, ``glob.glob``,
``Path.glob/rglob/iterdir``, directly or through a variable holding one) whose
code mentions checkpoints (``ckpt``, ``checkpoint``, ``step``) and no numeric
key is used. A key or element built with ``int()``, ``float()``, ``len()`` or a
file time or size, or any key
that is not plainly textual (``os.path.getmtime``, a helper function) counts
as numeric; ``key=str``, ``key=os.path.basename`` and ``key=lambda p: p.name``
are textual.
"""

import re
from typing import Any, Dict, List, Optional, Set, Tuple

import libcst as cst

from checks.analysis.dotted_names import dotted_name
from checks.engine.rule import FileContext, Invalid, Rule, Valid

LISTING_FUNCTIONS = frozenset({"os.listdir", "os.scandir", "glob.glob", "glob.iglob"})
LISTING_METHODS = frozenset({"glob", "rglob", "iterdir"})
ORDERING_FUNCTIONS = frozenset({"sorted", "max", "min"})
CHOOSING_FUNCTIONS = frozenset({"max", "min"})
SELECTING_CALLS = frozenset({"next", "reversed", "iter"})
NUMERIC_CONVERSIONS = frozenset({"int", "float", "len"})
NUMERIC_METHODS = frozenset({"getmtime", "getctime", "getsize", "stat"})
TEXTUAL_KEYS = frozenset({"str", "str.lower", "str.casefold", "os.path.basename", "os.fspath"})
TEXTUAL_ATTRIBUTES = frozenset({"name", "stem", "suffix", "parts", "path"})
CHECKPOINT_WORDS = re.compile(r"ckpt|checkpoint|(?<![a-z])step(?![a-z])", re.IGNORECASE)
MODULE_SCOPE = 0


class _Frame:
    """An ordering call or an assignment whose value is being traversed."""

    def __init__(self, node: cst.CSTNode) -> None:
        self.node = node
        self.listing = False
        self.numeric = False


def _assigned_names(node: cst.Assign) -> List[str]:
    """The plain names an assignment's targets bind directly (``a = b = value``)."""
    return [target.target.value for target in node.targets if isinstance(target.target, cst.Name)]


class CheckpointSortRule(Rule):
    """Flags lexicographic ordering of checkpoint file names (see the module docstring)."""

    code = "TRN002"
    section = "10"
    summary = "checkpoint list ordered lexicographically: sorted()/max()/.sort() over a glob or listdir without a numeric key="
    rationale = (
        "As text, 'ckpt_step1000.pt' sorts before 'ckpt_step200.pt', so resuming picks an old "
        "checkpoint and silently throws away training; sort numerically by step."
    )
    exemptions = (
        'Orderings with a numeric key (int(), float(), len(), file times or sizes, or any non-textual key '
        'function), listings whose code never mentions checkpoints, and sorted names that are only iterated '
        '(loading every shard of one checkpoint): only choosing one checkpoint by position (max, min, [-1], '
        '[0], next, pop, reverse=True, a returned ordering) is reported.'
    )
    valid = (
        Valid(
            "import os\n\nnames = sorted(os.listdir(CKPT_DIR), key=lambda n: int(n.split('step')[1].split('.')[0]))\n"
        ),
        Valid("import glob\n\nshard_files = glob.glob(f'{ckpt_dir}/*.safetensors')\nfor f in sorted(shard_files):\n    load_shard(f)\n"),
        Valid("import os\n\nckpts = sorted(os.listdir(run_dir))\nfor name in ckpts:\n    print(name, flush=True)\n"),
        Valid("import glob\nimport os\n\nlatest = max(glob.glob('checkpoints/*.pt'), key=os.path.getmtime)\n"),
        Valid("import os\n\nfiles = sorted(os.listdir(data_dir))\n"),
        Valid("import os\n\nsteps = sorted(int(n.split('step')[1].split('.')[0]) for n in os.listdir(ckpt_dir))\n"),
        Valid("from pathlib import Path\n\nckpts = sorted(Path('checkpoints').glob('ckpt_*.pt'), key=checkpoint_step)\n"),
        Valid("ckpts = sorted(checkpoint_steps)\n"),
        Valid("import glob\n\nsources = sorted(glob.glob('training/*.py'), key=lambda p: p.lower())\n"),
    )
    invalid = (
        Invalid("import os\n\nckpts = sorted(os.listdir('checkpoints'))\nlatest = ckpts[-1]\n", line=3),
        Invalid("import glob\n\nlatest = max(glob.glob('ckpt_step*.pt'))\n", line=3),
        Invalid("import glob\n\nfiles = glob.glob(f'{CKPT_DIR}/*.pt')\nfiles.sort()\nresume_from = files.pop()\n", line=4),
        Invalid("import os\n\nnames = [n for n in os.listdir(ckpt_dir) if n.endswith('.pt')]\nresume = sorted(names)[-1]\n", line=4),
        Invalid("from pathlib import Path\n\nlast = sorted(Path(run_dir).glob('checkpoint-*'), key=lambda p: p.name)[-1]\n", line=3),
        Invalid("from glob import glob\n\nfor path in sorted(glob('step_*.pt'), reverse=True):\n    load(path)\n", line=3),
        Invalid("import os\n\ndef checkpoints(run_dir: str) -> list:\n    return sorted(os.listdir(f'{run_dir}/ckpt'))\n", line=4),
        Invalid("import os\n\nckpts = sorted(os.listdir(run_dir))\nlatest = next(reversed(ckpts))\n", line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.open: Dict[int, _Frame] = {}
        self.listing_names: Dict[Tuple[int, str], Tuple[cst.Assign, bool]] = {}
        self.orderings: List[Tuple[cst.Call, int, bool, bool, str]] = []
        self.selected_calls: Set[int] = set()
        self.holders: Dict[int, List[Tuple[int, str]]] = {}
        self.selected_names: Set[Tuple[int, str]] = set()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that list a directory."""
        source = context.source
        return "listdir" in source or "glob" in source or "scandir" in source or "iterdir" in source

    def _scope(self) -> int:
        function = self.context.innermost(cst.FunctionDef)
        return id(function) if function is not None else MODULE_SCOPE

    def visit_Assign(self, node: cst.Assign) -> None:
        """Watch an assignment's value for a directory listing."""
        self.open[id(node)] = _Frame(node)

    def leave_Assign(self, node: cst.Assign) -> None:
        """Remember names that hold a listing of file names."""
        frame = self.open.pop(id(node))
        if frame.listing:
            for name in _assigned_names(node):
                self.listing_names[(self._scope(), name)] = (node, frame.numeric)

    def _selected(self, expression: Optional[cst.BaseExpression]) -> None:
        """Note that an expression's order is used to pick an element (or leaves the function)."""
        while isinstance(expression, cst.Call) and dotted_name(expression.func) in SELECTING_CALLS and expression.args:
            expression = expression.args[0].value
        if isinstance(expression, cst.Call):
            self.selected_calls.add(id(expression))
        elif isinstance(expression, cst.Name):
            self.selected_names.add((self._scope(), expression.value))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """``ordered[-1]``, ``ordered[0]``, ``ordered[-3:]`` pick by position."""
        self._selected(node.value)

    def visit_Return(self, node: cst.Return) -> None:
        """A returned ordering is the function's contract: its callers pick from it."""
        self._selected(node.value)

    def _enclosing_frames(self) -> List[_Frame]:
        """The open assignments and ordering calls around the current node."""
        open_frames = self.open
        return [open_frames[id(node)] for node in self.context.ancestors if id(node) in open_frames]

    def _is_listing(self, node: cst.Call) -> bool:
        if self.context.qualify(node.func) in LISTING_FUNCTIONS:
            return True
        return isinstance(node.func, cst.Attribute) and node.func.attr.value in LISTING_METHODS

    def visit_Call(self, node: cst.Call) -> None:
        """Mark enclosing frames; open a frame for an ordering call."""
        func = node.func
        if isinstance(func, cst.Name) and func.value == "next" and node.args:
            self._selected(node.args[0].value)
        elif isinstance(func, cst.Attribute) and func.attr.value == "pop":
            self._selected(func.value)
        if self._is_listing(node):
            for frame in self._enclosing_frames():
                frame.listing = True
        elif (isinstance(func, cst.Name) and func.value in NUMERIC_CONVERSIONS) or (
            isinstance(func, cst.Attribute) and func.attr.value in NUMERIC_METHODS
        ):
            for frame in self._enclosing_frames():
                frame.numeric = True
        if isinstance(func, cst.Name) and func.value in ORDERING_FUNCTIONS:
            self.open[id(node)] = _Frame(node)
        elif isinstance(func, cst.Attribute) and func.attr.value == "sort" and isinstance(func.value, cst.Name):
            held = self._held_listing(func.value.value)
            if held is not None:
                self.orderings.append((node, self._scope(), True, held[1], ""))

    def _held_listing(self, name: str) -> Optional[Tuple[cst.Assign, bool]]:
        return self.listing_names.get((self._scope(), name)) or self.listing_names.get((MODULE_SCOPE, name))

    def leave_Call(self, node: cst.Call) -> None:
        """Close an ordering call's frame and keep it if it orders a listing."""
        func = node.func
        if not (isinstance(func, cst.Name) and func.value in ORDERING_FUNCTIONS):
            return
        frame = self.open.pop(id(node))
        numeric = frame.numeric
        listing = frame.listing
        positional = [a for a in node.args if a.keyword is None and not a.star]
        if len(positional) != 1:
            return
        first = positional[0].value
        if isinstance(first, cst.Name):
            held = self._held_listing(first.value)
            if held is not None:
                listing = True
                numeric = numeric or held[1]
        if listing:
            assignment = next((a for a in reversed(self.context.ancestors) if isinstance(a, cst.Assign)), None)
            names = " ".join(_assigned_names(assignment)) if assignment is not None else ""
            self.orderings.append((node, self._scope(), False, numeric, names))
            enclosing = self._enclosing_frames()
            holder = enclosing[-1].node if enclosing else None
            if isinstance(holder, cst.Assign) and holder.value is node:
                self.holders[id(node)] = [(self._scope(), name) for name in _assigned_names(holder)]

    def _textual_key(self, key: cst.BaseExpression) -> bool:
        """Whether a ``key=`` orders by text anyway."""
        if isinstance(key, cst.Lambda):
            body = key.body
            if isinstance(body, cst.Attribute):
                return body.attr.value in TEXTUAL_ATTRIBUTES
            if isinstance(body, cst.Call):
                name = dotted_name(body.func)
                if name in TEXTUAL_KEYS or self.context.qualify(body.func) in TEXTUAL_KEYS:
                    return True
                return isinstance(body.func, cst.Attribute) and body.func.attr.value in ("lower", "casefold")
            return isinstance(body, cst.Name)
        return dotted_name(key) in TEXTUAL_KEYS or self.context.qualify(key) in TEXTUAL_KEYS

    def _chooses(self, call: cst.Call, scope: int, in_place: bool) -> bool:
        """Whether the ordering is used to pick one checkpoint (see the module docstring)."""
        if dotted_name(call.func) in CHOOSING_FUNCTIONS or id(call) in self.selected_calls:
            return True
        for argument in call.args:
            if argument.keyword is not None and argument.keyword.value == "reverse":
                if not (isinstance(argument.value, cst.Name) and argument.value.value == "False"):
                    return True
        if in_place and isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name):
            return (scope, call.func.value.value) in self.selected_names
        return any(holder in self.selected_names for holder in self.holders.get(id(call), []))

    def finish(self, module: Any) -> None:
        """Report orderings of checkpoint listings without a numeric key."""
        for call, scope, in_place, numeric, names in self.orderings:
            if numeric or not self._chooses(call, scope, in_place):
                continue
            key = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "key"), None)
            if key is not None and not self._textual_key(key):
                continue
            evidence = module.code_for_node(call) + " " + names
            subject = call.func.value if in_place and isinstance(call.func, cst.Attribute) else None
            if subject is None:
                positional = [a.value for a in call.args if a.keyword is None]
                subject = positional[0] if positional else None
            if isinstance(subject, cst.Name):
                held = self.listing_names.get((scope, subject.value)) or self.listing_names.get((MODULE_SCOPE, subject.value))
                if held is not None:
                    evidence += " " + module.code_for_node(held[0])
            if not CHECKPOINT_WORDS.search(evidence):
                continue
            what = ".sort()" if in_place else f"{dotted_name(call.func)}()"
            self.report(
                call,
                f"{what} orders checkpoint names as text ('ckpt_step1000' before 'ckpt_step200'): "
                "use a numeric key, e.g. key=lambda name: int(name.split('step')[1].split('.')[0])",
            )
