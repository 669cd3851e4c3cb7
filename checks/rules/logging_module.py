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
"""

from typing import FrozenSet, Optional

import libcst as cst

from checks.analysis.dotted_names import dotted_name
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class LoggingModuleRule(Rule):
    """Flags imports of a logging framework (see the module docstring)."""

    code = "LOG001"
    section = "5"
    summary = "import of a logging framework (logging, loguru, structlog, transformers' logging …; banned-logging-modules)"
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
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.banned: FrozenSet[str] = frozenset(context.settings.value("banned-logging-modules"))

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

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """``from logging import …`` and ``from transformers.utils import logging`` (absolute only)."""
        if node.relative:
            return
        module = dotted_name(node.module)
        banned = self._banned(module)
        if banned is not None:
            self.report(node, f"'from {module} import': use print() with a status prefix instead of {banned}")
            return
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            imported = dotted_name(alias.name)
            banned = self._banned(f"{module}.{imported}")
            if banned is not None:
                self.report(alias, f"'from {module} import {imported}': use print() with a status prefix instead of {banned}")
