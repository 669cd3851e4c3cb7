# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""STB001: a file holds code, not only a header, comments or blank lines."""

from typing import Any

import libcst as cst

from checks.analysis.docstrings import docstring_node
from checks.engine.rule import Invalid, Rule, Valid


def _is_filler(statement: cst.CSTNode) -> bool:
    """``pass`` or a bare ``...`` on a line of its own."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Ellipsis):
            continue
        return False
    return True


class EmptyFileRule(Rule):
    """Flags a file with no statements at all, or only ``pass`` / ``...``.

    A module docstring counts as content (it documents the module). An empty
    ``__init__.py`` marks a package and is allowed unless ``allow-empty-init``
    is switched off.
    """

    code = "STB001"
    section = "2"
    summary = "empty file, or a file with only a header, comments, whitespace or pass (empty __init__.py allowed)"
    rationale = (
        "Never create empty or placeholder files: a file that exists but holds nothing "
        "looks like progress and silently breaks whatever imports it."
    )
    exemptions = (
        'An empty __init__.py while allow-empty-init is true (the default); a file holding any statement '
        'besides pass.'
    )
    valid = (
        Valid("", path="pkg/__init__.py"),
        Valid("# -*- coding: utf-8 -*-\n# Package marker.\n", path="pkg/__init__.py"),
        Valid('"""The data loading package."""\n', path="pkg/loaders.py"),
        Valid("# -*- coding: utf-8 -*-\nVERSION = '1.0'\n"),
        Valid("import os\n"),
    )
    invalid = (
        Invalid("", line=1),
        Invalid("\n\n   \n", line=1),
        Invalid(
            "# -*- coding: utf-8 -*-\n"
            "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
            "# Cluj-Napoca, Romania\n",
            line=1,
        ),
        Invalid("# the trainer goes here\npass\n", path="pkg/trainer.py", line=1),
        Invalid("...\n", line=1),
    )

    def finish(self, module: Any) -> None:
        """Report at line 1 when the module has no real statement."""
        name = self.context.path.replace("\\", "/").rsplit("/", 1)[-1]
        if name == "__init__.py" and self.context.settings.value("allow-empty-init"):
            return
        if docstring_node(module) is not None:
            return
        if all(_is_filler(statement) for statement in module.body):
            has_comment = any(line.comment is not None for line in (*module.header, *module.footer))
            what = "empty file"
            if module.body:
                what = "file with only pass/... statements"
            elif has_comment:
                what = "file with only a header or comments"
            self.report_at(1, 1, f"{what}: never create empty or placeholder files")
