# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Changed-lines scope: keep the findings a change is responsible for.

A finding is kept when its span touches a line the change added or modified.
A new file (added, copied, untracked, or any file before the first commit)
is changed everywhere. Whole-file findings (a missing header, an empty file,
a file name) follow the file: they are kept whenever the file is part of the
change.
"""

import difflib
from dataclasses import dataclass
from typing import Any, FrozenSet, Optional, Sequence

from checks.baseline.fingerprint import FILE_LEVEL_CODES
from checks.engine.finding import Finding


@dataclass(frozen=True)
class FileChangeLines:
    """How one file changed: entirely new, or these 1-based lines of the new version."""

    is_new: bool
    lines: FrozenSet[int]


NEW_FILE = FileChangeLines(is_new=True, lines=frozenset())


def changed_line_numbers(old: Sequence[Any], new: Sequence[Any]) -> FrozenSet[int]:
    """1-based numbers of the lines (str or bytes) of ``new`` that ``old`` does not have at that place."""
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    lines = set()
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            lines.update(range(start + 1, end + 1))
    return frozenset(lines)


def span_lines(finding: Finding) -> range:
    """The lines a finding covers (an end at column 1 of a later line does not cover that line)."""
    end = finding.end_line
    if end > finding.line and finding.end_column <= 1:
        end -= 1
    return range(finding.line, max(end, finding.line) + 1)


def in_change(finding: Finding, change: Optional[FileChangeLines]) -> bool:
    """Whether the change is responsible for the finding."""
    if change is None:
        return False
    if change.is_new or finding.code in FILE_LEVEL_CODES:
        return True
    if finding.cell is not None:
        return bool(change.lines)
    return any(line in change.lines for line in span_lines(finding))
