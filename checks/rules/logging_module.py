# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""LOG001: the logging module is not used; print with status prefixes instead."""

import libcst as cst

from checks.analysis.cst_helpers import dotted_name
from checks.engine.rule import Invalid, Rule, Valid


class LoggingModuleRule(Rule):
    """Flags imports of the standard logging module."""

    code = "LOG001"
    section = "5"
    summary = "import logging, from logging import …"
    rationale = "The policy prints status-prefixed lines instead of configuring logging, so output degrades gracefully."
    valid = (
        Valid("print('[INFO] started')\n"),
        Valid("from transformers.utils import logging_utils\n"),
        Valid("import logging_tools\n"),
        Valid("from .logging import helper\n"),
    )
    invalid = (
        Invalid("import logging\n"),
        Invalid("import logging.handlers\n"),
        Invalid("import os, logging as log\n"),
        Invalid("from logging import getLogger\n"),
        Invalid("from logging.handlers import RotatingFileHandler\n"),
    )

    def visit_Import(self, node: cst.Import) -> None:
        """``import logging`` in any spelling."""
        for alias in node.names:
            name = dotted_name(alias.name)
            if name == "logging" or name.startswith("logging."):
                self.report(alias, f"'import {name}': use print() with a status prefix instead of logging")

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """``from logging import …`` (absolute only)."""
        if node.relative:
            return
        name = dotted_name(node.module)
        if name == "logging" or name.startswith("logging."):
            self.report(node, f"'from {name} import': use print() with a status prefix instead of logging")
