# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What a name in a file refers to, from the file's own imports and bindings.

Rules that must know whether ``open`` is the builtin, whether ``Path`` is
``pathlib.Path`` or whether ``GradScaler`` comes from torch feed the nodes
they see during the one traversal into these small recorders, then ask after
the traversal. Both recorders are file-wide and scope-blind on purpose: a name
imported or bound in two different ways anywhere in the file is ambiguous, and
an ambiguous name never resolves (the rules then stay silent).
"""

from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Union

import libcst as cst

from checks.analysis.cst_helpers import bound_names
from checks.analysis.dotted_names import dotted_name

# Modules whose ``from m import *`` rebinds a builtin name (their public names include it).
# A star import of any other module is taken not to: an unknown module that
# exported ``print`` or ``open`` would be rare, and silencing a rule for every
# ``from config import *`` hid real findings (issue 17).
STAR_EXPORTERS: Dict[str, FrozenSet[str]] = {
    "print": frozenset({"rich", "builtins", "__builtin__"}),
    "open": frozenset(
        {"os", "codecs", "gzip", "bz2", "lzma", "tarfile", "tokenize", "webbrowser", "dbm", "shelve", "wave",
         "smart_open", "fsspec", "aiofiles"}
    ),
}

BindingNode = Union[
    cst.FunctionDef,
    cst.ClassDef,
    cst.Param,
    cst.AssignTarget,
    cst.AnnAssign,
    cst.AugAssign,
    cst.For,
    cst.WithItem,
    cst.CompFor,
    cst.NamedExpr,
    cst.ExceptHandler,
    cst.Global,
]


def target_names(target: Optional[cst.BaseExpression]) -> List[str]:
    """Plain names bound by an assignment target (tuples and starred parts included)."""
    return [name.value for name, is_attribute in bound_names(target) if not is_attribute]


class ImportMap:
    """Local names bound by ``import`` statements, mapped to what they import."""

    def __init__(self) -> None:
        self._targets: Dict[str, Set[str]] = {}
        self.star_modules: Set[str] = set()

    def _bind(self, name: str, target: str) -> None:
        self._targets.setdefault(name, set()).add(target)

    def add(self, node: Union[cst.Import, cst.ImportFrom]) -> None:
        """Record the names one import statement binds."""
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted_name(alias.name)
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self._bind(alias.asname.name.value, full)
                else:
                    head = full.split(".", 1)[0]
                    self._bind(head, head)
            return
        module = "." * len(node.relative) + dotted_name(node.module)
        if module == "__future__":
            return
        if isinstance(node.names, cst.ImportStar):
            self.star_modules.add(module)
            return
        for alias in node.names:
            imported = dotted_name(alias.name)
            local = imported
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self._bind(local, f"{module}.{imported}" if module else imported)

    def target(self, name: str) -> Optional[str]:
        """What ``name`` was imported as, when it was imported exactly one way."""
        targets = self._targets.get(name)
        if targets is None or len(targets) != 1:
            return None
        return next(iter(targets))

    def imports(self, name: str) -> bool:
        """Whether any import statement binds ``name``."""
        return name in self._targets

    def qualify(self, expression: Optional[cst.BaseExpression]) -> str:
        """The fully qualified dotted name of a Name/Attribute chain rooted in an import, else ''."""
        dotted = dotted_name(expression)
        if not dotted:
            return ""
        head, _, rest = dotted.partition(".")
        target = self.target(head)
        if target is None:
            return ""
        return f"{target}.{rest}" if rest else target

    def star_rebinds(self, name: str) -> bool:
        """Whether a ``from m import *`` of the file imports ``name`` from a module known to export it."""
        exporters = STAR_EXPORTERS.get(name, frozenset())
        return any(module in exporters or module.split(".", 1)[0] in exporters for module in self.star_modules)


class LocalBindings:
    """Non-import bindings (def, class, parameters, assignment targets …) of watched names (None: all names)."""

    def __init__(self, watched: Optional[FrozenSet[str]]) -> None:
        self.watched = watched
        self.bound: Set[str] = set()

    def _add(self, names: Iterable[str]) -> None:
        if self.watched is None:
            self.bound.update(names)
            return
        for name in names:
            if name in self.watched:
                self.bound.add(name)

    def note(self, node: BindingNode) -> None:
        """Record what one binding node binds."""
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            self._add([node.name.value])
        elif isinstance(node, cst.Param):
            self._add([node.name.value])
        elif isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.NamedExpr)):
            self._add(target_names(node.target))
        elif isinstance(node, cst.WithItem):
            if node.asname is not None:
                self._add(target_names(node.asname.name))
        elif isinstance(node, cst.ExceptHandler):
            if node.name is not None:
                self._add(target_names(node.name.name))
        elif isinstance(node, cst.Global):
            self._add(item.name.value for item in node.names)

    def binds(self, name: str) -> bool:
        """Whether the file rebinds ``name`` anywhere."""
        return name in self.bound
