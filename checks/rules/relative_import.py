# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""IMP001: imports are absolute; the fix computes the absolute module from the package root."""

from typing import List, Optional

import libcst as cst

from checks.analysis.dotted_names import dotted_name
from checks.engine.finding import Fix
from checks.engine.rule import FileContext, Invalid, Rule, Valid


def package_parts(context: FileContext) -> Optional[List[str]]:
    """The dotted package of the file as parts, or None when it cannot be known.

    ``context.project`` may carry ``package_of(path)`` (computed by hooks from
    ``__init__.py`` files on disk); otherwise the folders of the path are used,
    with a leading ``src/`` dropped.
    """
    resolver = getattr(context.project, "package_of", None)
    if callable(resolver):
        package = resolver(context.path)
        return None if package is None else [p for p in package.split(".") if p]
    parts = context.path.replace("\\", "/").split("/")[:-1]
    if parts and parts[0] == "src":
        parts = parts[1:]
    if any(not part.isidentifier() for part in parts):
        return None
    return parts


def dotted_expression(parts: List[str]) -> cst.BaseExpression:
    """A Name/Attribute chain for ``a.b.c``."""
    expression: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        expression = cst.Attribute(value=expression, attr=cst.Name(part))
    return expression


def _absolute_import(node: cst.ImportFrom, target: List[str]) -> cst.ImportFrom:
    """The import with its dots replaced by ``target``; ``from.import x`` gains the spaces a module name needs."""
    space = cst.SimpleWhitespace(" ")
    after_from = node.whitespace_after_from
    before_import = node.whitespace_before_import
    return node.with_changes(
        relative=[],
        module=dotted_expression(target),
        whitespace_after_from=space if after_from.empty else after_from,
        whitespace_before_import=space if before_import.empty else before_import,
    )


class RelativeImportRule(Rule):
    """Flags ``from . import x`` and ``from .m import y``."""

    code = "IMP001"
    section = "5"
    summary = "relative import (from . import x, from .m import y)"
    rationale = "Absolute imports say where a name comes from without knowing where the importing file sits."
    fixable = True
    exemptions = (
        "'from __future__ import ...' and every absolute import; a relative import whose package cannot be "
        'known is still reported, without a fix.'
    )
    valid = (
        Valid("from pkg.models import Model\n", path="pkg/train.py"),
        Valid("import os.path\n"),
        Valid("from __future__ import annotations\n"),
    )
    invalid = (
        Invalid("from . import models\n", path="pkg/train.py", fixed="from pkg import models\n", line=1),
        Invalid("from .models import Model\n", path="pkg/sub/train.py", fixed="from pkg.sub.models import Model\n", line=1),
        Invalid("from ..utils import load\n", path="src/pkg/sub/train.py", fixed="from pkg.utils import load\n", line=1),
        Invalid("from . import helpers\n", path="pkg/__init__.py", fixed="from pkg import helpers\n", line=1),
        Invalid("from ... import far\n", path="pkg/train.py", line=1),
        Invalid("from.import helpers\n", path="pkg/train.py", fixed="from pkg import helpers\n", line=1),
        Invalid("from..utils import load\n", path="pkg/sub/train.py", fixed="from pkg.utils import load\n", line=1),
    )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """Report a relative import, with a fix when the package is known."""
        level = len(node.relative)
        if level == 0:
            return
        written = "." * level + dotted_name(node.module)
        parts = package_parts(self.context)
        fix = None
        if parts is not None and level - 1 < len(parts):
            base = parts[: len(parts) - (level - 1)]
            target = base + (dotted_name(node.module).split(".") if node.module is not None else [])
            if target:
                absolute = ".".join(target)
                fix = Fix(f"use 'from {absolute} import'", old_node=node, new_node=_absolute_import(node, target))
        message = f"relative import 'from {written} import'"
        if fix is not None:
            message += f": use '{fix.description[5:-1]}'"
        self.report(node, message, fix=fix)
