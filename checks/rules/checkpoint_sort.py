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

from checks.analysis.cst_helpers import dotted_name
from checks.analysis.name_resolution import ImportMap
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
        self.imports = ImportMap()
        self.frames: List[_Frame] = []
        self.scopes: List[int] = []
        self.listing_names: Dict[Tuple[int, str], Tuple[cst.Assign, bool]] = {}
        self.orderings: List[Tuple[cst.Call, int, bool, bool, str]] = []
        self.assign_targets: List[List[str]] = []
        self.selected_calls: Set[int] = set()
        self.holders: Dict[int, List[Tuple[int, str]]] = {}
        self.selected_names: Set[Tuple[int, str]] = set()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that list a directory."""
        source = context.source
        return "listdir" in source or "glob" in source or "scandir" in source or "iterdir" in source

    def _scope(self) -> int:
        return self.scopes[-1] if self.scopes else MODULE_SCOPE

    def visit_Import(self, node: cst.Import) -> None:
        """Record imports."""
        self.imports.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """Record imports."""
        self.imports.add(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Enter a function scope."""
        self.scopes.append(id(node))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Leave a function scope."""
        self.scopes.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        """Watch an assignment's value for a directory listing."""
        self.frames.append(_Frame(node))
        self.assign_targets.append([t.target.value for t in node.targets if isinstance(t.target, cst.Name)])

    def leave_Assign(self, node: cst.Assign) -> None:
        """Remember names that hold a listing of file names."""
        frame = self.frames.pop()
        names = self.assign_targets.pop()
        if frame.listing:
            for name in names:
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

    def _is_listing(self, node: cst.Call) -> bool:
        if self.imports.qualify(node.func) in LISTING_FUNCTIONS:
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
            for frame in self.frames:
                frame.listing = True
        elif (isinstance(func, cst.Name) and func.value in NUMERIC_CONVERSIONS) or (
            isinstance(func, cst.Attribute) and func.attr.value in NUMERIC_METHODS
        ):
            for frame in self.frames:
                frame.numeric = True
        if isinstance(func, cst.Name) and func.value in ORDERING_FUNCTIONS:
            self.frames.append(_Frame(node))
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
        frame = self.frames.pop()
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
            names = " ".join(self.assign_targets[-1]) if self.assign_targets else ""
            self.orderings.append((node, self._scope(), False, numeric, names))
            holder = self.frames[-1].node if self.frames else None
            if isinstance(holder, cst.Assign) and holder.value is node:
                self.holders[id(node)] = [(self._scope(), name) for name in self.assign_targets[-1]]

    def _textual_key(self, key: cst.BaseExpression) -> bool:
        """Whether a ``key=`` orders by text anyway."""
        if isinstance(key, cst.Lambda):
            body = key.body
            if isinstance(body, cst.Attribute):
                return body.attr.value in TEXTUAL_ATTRIBUTES
            if isinstance(body, cst.Call):
                name = dotted_name(body.func)
                if name in TEXTUAL_KEYS or self.imports.qualify(body.func) in TEXTUAL_KEYS:
                    return True
                return isinstance(body.func, cst.Attribute) and body.func.attr.value in ("lower", "casefold")
            return isinstance(body, cst.Name)
        return dotted_name(key) in TEXTUAL_KEYS or self.imports.qualify(key) in TEXTUAL_KEYS

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
