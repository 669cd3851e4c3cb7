# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""HDR003: the existing header of a modified file must be preserved as-is (policy §5, §7).

The header block is the run of comment lines at the top of a file (a shebang
included) up to the first line that is blank or not a comment. It counts as a
header only when it holds a coding declaration or a copyright/licence notice,
so an ordinary leading comment is never treated as one. Only line endings and
trailing whitespace are not considered changes.
"""

import re
from typing import List, Optional

from checks.analysis.source_lines import python_lines
from checks.engine.finding import Finding

CODING_PATTERN = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")
NOTICE_PATTERN = re.compile(r"copyright|licen[cs]e|spdx-license-identifier|\u00a9", re.IGNORECASE)
CODE = "HDR003"
SHOW_LIMIT = 70


def header_block(text: str) -> List[str]:
    """The header lines of a file (empty when it has no header as defined above)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    block: List[str] = []
    for line in python_lines(text):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        block.append(line.rstrip())
    if any(CODING_PATTERN.match(line) or NOTICE_PATTERN.search(line) for line in block):
        return block
    return []


def _shown(line: str) -> str:
    return repr(line if len(line) <= SHOW_LIMIT else line[: SHOW_LIMIT - 3] + "...")


def header_findings(path: str, old_text: str, new_text: str, commit: Optional[str] = None) -> List[Finding]:
    """HDR003 for a modified file whose header block changed or disappeared (one finding)."""
    old_header = header_block(old_text)
    if not old_header:
        return []
    if new_text.startswith("\ufeff"):
        new_text = new_text[1:]
    new_lines = [line.rstrip() for line in python_lines(new_text)]
    offset = 0
    if new_lines and new_lines[0].startswith("#!") and not old_header[0].startswith("#!"):
        offset = 1
    for index, old_line in enumerate(old_header):
        position = index + offset
        if position < len(new_lines) and new_lines[position] == old_line:
            continue
        line = min(position, len(new_lines)) + 1 if new_lines else 1
        if position >= len(new_lines) or not new_lines[position].startswith("#"):
            detail = f"header line {index + 1} {_shown(old_line)} was removed"
        else:
            detail = f"header line {index + 1} changed: {_shown(old_line)} -> {_shown(new_lines[position])}"
        return [
            Finding.at(CODE, path, f"the existing header of a modified file must be preserved as-is: {detail}", line, commit=commit)
        ]
    return []
