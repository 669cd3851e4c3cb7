# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""LOG001: no logging module; print with status prefixes instead.

"No logging module. Use print()" is about logging frameworks, not only the
standard library's: ``loguru``, ``structlog`` and the logging wrappers of
training libraries (``from transformers.utils import logging``, ``import
accelerate.logging``) configure handlers and levels just the same. The
modules counted are the ``banned-logging-modules`` setting (the standard
``logging`` and those by default); an import of one of them or of a submodule
is reported, however it is spelled. Relative imports (a project's own
``logging.py``) and modules that merely share a prefix (``logging_utils``)
are not.

Every call through a name such an import binds is reported too, at its own
line: ``logging.getLogger().error(...)``, ``log.info(...)`` after ``import
logging as log``, and ``logger.warning(...)`` after ``logger =
logging.getLogger(__name__)`` (names and ``self.`` attributes assigned from
such a call). So a new logging call is reported where it is even when the
file's import is old (accepted by a baseline). A chained call is reported
once, as a whole.
"""

from typing import Dict, FrozenSet, List, Optional, Set

import libcst as cst

from checks.analysis.dotted_names import dotted_name
from checks.engine.rule import FileContext, Invalid, Rule, Valid

EMPTY_MODULE = cst.Module(body=[])
SHOWN_LIMIT = 60


class LoggingModuleRule(Rule):
    """Flags imports of a logging framework (see the module docstring)."""

    code = "LOG001"
    section = "5"
    summary = "import or call of a logging framework (logging, loguru, structlog, transformers' logging …; banned-logging-modules)"
    rationale = "The policy prints status-prefixed lines instead of configuring logging, so output degrades gracefully."
    exemptions = (
        "Relative imports (a project's own logging.py), modules outside the banned-logging-modules setting, "
        'and modules that merely share a prefix (logging_utils).'
    )
    valid = (
        Valid("print('[INFO] started')\n"),
        Valid("from transformers.utils import logging_utils\n"),
        Valid("import logging_tools\n"),
        Valid("from .logging import helper\n"),
        Valid("from .logging import log\nlog.info('x')\nlogger = log.get()\nlogger.info('y')\n"),
        Valid("from transformers import AutoModel\n"),
    )
    invalid = (
        Invalid("import logging\n", line=1),
        Invalid("import logging.handlers\n", line=1),
        Invalid("import os, logging as log\n", line=1),
        Invalid("from logging import getLogger\n", line=1),
        Invalid("from logging.handlers import RotatingFileHandler\n", line=1),
        Invalid("from transformers.utils import logging\n", line=1),
        Invalid("import accelerate.logging\n", line=1),
        Invalid("from accelerate.logging import get_logger\n", line=1),
        Invalid("from loguru import logger\n", line=1),
        Invalid("import structlog\n", line=1),
        Invalid("import logging\n\ndef f() -> None:\n    logging.getLogger().error('x')\n", count=2, line=1),
        Invalid("import logging as log\nlogger = log.getLogger(__name__)\nlogger.info('x')\n", count=3, line=1),
        Invalid("from loguru import logger\nlogger.warning('x')\n", count=2, line=1),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.banned: FrozenSet[str] = frozenset(context.settings.value("banned-logging-modules"))
        self.bound: Dict[str, str] = {}
        self.inner_calls: Set[int] = set()

    def _banned(self, module: str) -> Optional[str]:
        """The banned module ``module`` is or lies inside, else None."""
        parts = module.split(".")
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if prefix in self.banned:
                return prefix
        return None

    def visit_Import(self, node: cst.Import) -> None:
        """``import logging`` in any spelling."""
        for alias in node.names:
            name = dotted_name(alias.name)
            banned = self._banned(name)
            if banned is not None:
                self.report(alias, f"'import {name}': use print() with a status prefix instead of {banned}")
                bound = alias.asname.name if alias.asname is not None else None
                self.bound[dotted_name(bound) if bound is not None else name.split(".")[0]] = banned

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """``from logging import …`` and ``from transformers.utils import logging`` (absolute only)."""
        if node.relative:
            return
        module = dotted_name(node.module)
        banned = self._banned(module)
        if banned is not None:
            self.report(node, f"'from {module} import': use print() with a status prefix instead of {banned}")
            self._bind_names(node, banned)
            return
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            imported = dotted_name(alias.name)
            banned = self._banned(f"{module}.{imported}")
            if banned is not None:
                self.report(alias, f"'from {module} import {imported}': use print() with a status prefix instead of {banned}")
                self.bound[_bound_name(alias)] = banned

    def _bind_names(self, node: cst.ImportFrom, banned: str) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            self.bound[_bound_name(alias)] = banned

    def _origin(self, node: cst.BaseExpression) -> Optional[str]:
        """The banned module an expression's head name (``logger`` of ``logger.info(...)``) was bound to."""
        parts = _head_names(node)
        for end in range(len(parts), 0, -1):
            origin = self.bound.get(".".join(parts[:end]))
            if origin is not None:
                return origin
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        """``logger = logging.getLogger(...)``: the target names a logger too."""
        origin = self._origin(node.value)
        if origin is None:
            return
        for target in node.targets:
            name = dotted_name(target.target) if isinstance(target.target, (cst.Name, cst.Attribute)) else ""
            if name:
                self.bound[name] = origin

    def visit_Call(self, node: cst.Call) -> None:
        """A call through a logging name, once per chain (``logging.getLogger().error(...)``)."""
        if id(node) in self.inner_calls:
            return
        origin = self._origin(node.func)
        if origin is None:
            return
        inner = node.func
        while isinstance(inner, (cst.Attribute, cst.Call, cst.Subscript)):
            inner = inner.func if isinstance(inner, cst.Call) else inner.value
            if isinstance(inner, cst.Call):
                self.inner_calls.add(id(inner))
        shown = " ".join(EMPTY_MODULE.code_for_node(node.func).split())
        shown = shown if len(shown) <= SHOWN_LIMIT else shown[: SHOWN_LIMIT - 3] + "..."
        self.report(node, f"call of {shown}(...) ({origin}): use print() with a status prefix instead")


def _bound_name(alias: cst.ImportAlias) -> str:
    """The name an imported alias binds (``log`` of ``getLogger as log``)."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return dotted_name(alias.name).split(".")[0]


def _head_names(node: cst.BaseExpression) -> List[str]:
    """The dotted names an expression starts with, through calls: ``logging.getLogger().error`` gives
    ``['logging', 'getLogger', 'error']``; empty when it does not start with a name."""
    parts: List[str] = []
    while True:
        if isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        elif isinstance(node, (cst.Call, cst.Subscript)):
            node = node.func if isinstance(node, cst.Call) else node.value
        elif isinstance(node, cst.Name):
            parts.append(node.value)
            return parts[::-1]
        else:
            return []
