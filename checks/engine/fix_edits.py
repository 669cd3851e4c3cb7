# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Each fix of a file as a minimal text replacement (for SARIF ``fixes``).

An edit is computed between libcst's text of the module before and after one
fix, so it is only offered when that text is the file itself: libcst does not
reproduce every file exactly (LibCST issue 1457, a last line ending in a lone
CR), and a file whose bytes do not survive its codec is not rewritten by
``--fix`` either. Otherwise no edit is offered, as ``--fix`` applies none.
"""

from dataclasses import dataclass
from typing import Any, Dict, Tuple, Union

import libcst as cst

from checks.analysis.source_lines import LINE_BREAK
from checks.engine.lint import ParseFailure, apply_fixes, parse, run_rules_with_positions, unfixable_reason
from checks.config.settings import Settings

FindingKey = Tuple[str, int, int]


@dataclass(frozen=True)
class TextEdit:
    """Replace the text from (line, column) up to (end_line, end_column) with ``text``; 1-based."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def _line_column(text: str, offset: int) -> Tuple[int, int]:
    """1-based line and column of a character offset, lines broken where Python breaks them."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line += 1
        start = match.end()
    return line, offset - start + 1


def minimal_edit(before: str, after: str) -> TextEdit:
    """The smallest single replacement turning ``before`` into ``after``."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]:
        suffix += 1
    line, column = _line_column(before, prefix)
    end_line, end_column = _line_column(before, len(before) - suffix)
    return TextEdit(line, column, end_line, end_column, after[prefix:len(after) - suffix])


def fix_edits(
    data: Union[bytes, str], path: str, settings: Settings, is_new: bool = True, project: Any = None
) -> Dict[FindingKey, TextEdit]:
    """For every fixable finding of the file, the text edit its fix alone makes."""
    if isinstance(data, bytes) and unfixable_reason(data) is not None:
        return {}
    try:
        module, text = parse(data)
    except ParseFailure:
        return {}
    if module.code != text:
        return {}
    edits: Dict[FindingKey, TextEdit] = {}
    for finding in run_rules_with_positions(module, text, path, settings, is_new, project):
        if finding.fix is None:
            continue
        try:
            fixed = apply_fixes(module, [finding]).code
        except (cst.CSTValidationError, TypeError, ValueError):
            continue
        if fixed != module.code:
            edits[(finding.code, finding.line, finding.column)] = minimal_edit(module.code, fixed)
    return edits
