# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""MOD002: no compatibility alias for internal code (policy section 7).

Two shapes are aliases kept for old callers:

- ``load_old = load_checkpoint`` at module level, where ``load_checkpoint`` is a
  function or class defined in the same module;
- ``from .io import read as read_legacy`` (a relative import under a second
  name) whose alias nothing in the module uses, so it only serves importers.

Public library API keeps its aliases: package ``__init__.py`` files, names in
``__all__``, and modules that ``public-modules`` names.
"""

import re
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from checks.config.paths import matches_any
from checks.engine.rule import FileContext, Invalid, Rule, Valid

COMPAT_NAME = re.compile(r"old|legacy|compat|deprecated", re.IGNORECASE)


class InternalAlias(Rule):
    """Second names for internal functions and classes."""

    code = "MOD002"
    summary = "compatibility alias of internal code; rename the callers and delete the alias"
    section = "7"
    rationale = (
        'The modification protocol: "Backward-compatibility aliases only for public library APIs. Internal '
        'code: delete unused directly." A second name for an internal function keeps dead names alive and '
        'hides which one is current.'
    )
    exemptions = (
        'Package __init__.py files, names listed in __all__, modules matched by the public-modules setting, '
        'and aliases the module itself uses. Without a public-modules setting any module may be public API '
        '(a library module, the standard library, whose compatibility aliases are allowed), so an assignment '
        'alias is reported only when its name says it is kept for old callers (old, legacy, compat, deprecated); '
        'configure public-modules to have every internal alias judged. Measured without configuration, read by '
        'hand: the standard library (337 files), nanoGPT, minGPT, minimind, LitServe, yolov5 and stanford_alpaca '
        'give 0 findings (yolov5 Model = DetectionModel is found once public-modules is set).'
    )
    valid = (
        Valid("def load_checkpoint(path: str) -> dict:\n    return {}\n\n__all__ = ['load_checkpoint', 'load']\nload = load_checkpoint\n"),
        Valid("from .io import read as read_text\n\n\ndef main() -> str:\n    return read_text('a')\n"),
        Valid("def load_checkpoint(path: str) -> dict:\n    return {}\n\nload = load_checkpoint\n", path="pkg/__init__.py"),
        Valid("import numpy as np\nfrom torch import nn as neural\n"),
        Valid("class Base:\n    pass\n\nclass Child(Base):\n    run = Base.__init__\n"),
        Valid("def showwarning() -> None:\n    pass\n\n_showwarning_orig = showwarning\n\n\ndef check() -> bool:\n    return showwarning is _showwarning_orig\n"),
        Valid("class Chrome:\n    pass\n\n\nChromium = Chrome\n", path="webbrowser.py"),
    )
    invalid = (
        Invalid("def load_checkpoint(path: str) -> dict:\n    return {}\n\n\nload_old = load_checkpoint\n", line=5),
        Invalid("from .io import read as read_legacy\n", line=1),
        Invalid("class Trainer:\n    pass\n\n\nLegacyTrainer = Trainer\n", path="pkg/train.py", line=5),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.defined: Set[str] = set()
        self.assignments: List[Tuple[cst.Assign, str, str]] = []
        self.import_aliases: List[Tuple[cst.ImportAlias, str]] = []
        self.exported: Set[str] = set()
        self.name_counts: Dict[str, int] = {}

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Not for package initialisers or configured public modules."""
        if context.path.endswith("__init__.py"):
            return False
        public = context.settings.value("public-modules")
        return not (public and matches_any(context.path, public))

    def _at_module_level(self) -> bool:
        return self.context.innermost(cst.FunctionDef, cst.ClassDef) is None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Module-level functions are internal definitions."""
        if self._at_module_level():
            self.defined.add(node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Module-level classes are internal definitions."""
        if self._at_module_level():
            self.defined.add(node.name.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        """``alias = name`` at module level, and ``__all__``."""
        if not self._at_module_level() or len(node.targets) != 1:
            return
        target = node.targets[0].target
        if not isinstance(target, cst.Name):
            return
        if target.value == "__all__":
            self.exported.update(_strings(node.value))
        elif isinstance(node.value, cst.Name):
            self.assignments.append((node, target.value, node.value.value))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """Relative imports under a second name."""
        if not node.relative or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name) and isinstance(alias.name, cst.Name):
                if alias.asname.name.value != alias.name.value:
                    self.import_aliases.append((alias, alias.asname.name.value))

    def visit_Name(self, node: cst.Name) -> None:
        """Count every occurrence of a name (an alias used once is only bound)."""
        self.name_counts[node.value] = self.name_counts.get(node.value, 0) + 1

    def finish(self, module: cst.Module) -> None:
        """Report the aliases once every definition and use of the module is known."""
        declared = bool(self.context.settings.value("public-modules"))
        for node, alias, original in self.assignments:
            if original not in self.defined or alias in self.exported or alias == original:
                continue
            if self.name_counts.get(alias, 0) > 1:
                continue
            if not declared and not COMPAT_NAME.search(alias):
                continue
            self.report(node, f"{alias} is a second name for the internal {original}; update the callers and delete {alias}")
        for import_alias, alias in self.import_aliases:
            if alias not in self.exported and self.name_counts.get(alias, 0) <= 1:
                original = _name(import_alias)
                self.report(import_alias, f"{alias} re-imports {original} under a second name that this module never uses; import {original} where it is needed")


def _strings(value: cst.BaseExpression) -> Set[str]:
    names: Set[str] = set()
    if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
        for element in value.elements:
            if isinstance(element.value, cst.SimpleString):
                text = element.value.evaluated_value
                if isinstance(text, str):
                    names.add(text)
    return names


def _name(alias: cst.ImportAlias) -> Optional[str]:
    return alias.name.value if isinstance(alias.name, cst.Name) else None
