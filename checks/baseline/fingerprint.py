# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Fingerprints of findings: what identifies a finding across edits elsewhere in its file.

A fingerprint (format version 2) is a hash of the finding's own line, with
every whitespace character removed, and of the definition that encloses it
(``Block.run``: the ``def``/``class`` headers above it by indentation). Lines
inserted or deleted elsewhere, re-indentation and reformatting of other lines
leave it unchanged; an edit of the finding's own line changes it, and so does
a copy of the line in another function: the copy is a new finding, reported
where it is. Identical findings of one definition share a fingerprint and are
counted, never collapsed; which of them a baseline accepts is decided by their
*context*, a short hash of the neighbouring non-blank lines (see
:mod:`checks.baseline.matching`).

Format version 1 hashed the line alone; :func:`finding_key` still computes
that key (``version=1``) so that a baseline written by an older prefguard
keeps matching until ``prefguard baseline`` rewrites it.

Whole-file findings (a missing header, an empty file, a file name) have no
line of their own: their fingerprint is the path and the code alone, so that
lines inserted at the top of a file do not resurrect them. Findings without a
readable source line (notebook cells, JSON files) use their message instead.
"""

import hashlib
import re
from typing import FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from checks.engine.finding import Finding

FILE_LEVEL_CODES: FrozenSet[str] = frozenset({"HDR001", "HDR002", "STB001", "ENG004", "NBK001", "PGX002"})
FINGERPRINT_LENGTH = 16
CONTEXT_LENGTH = 8
KEY_VERSION = 2
LINE_SOURCE_SUFFIXES = (".py", ".pyi", ".md", ".markdown", ".rst", ".txt")
PASSIVE_STARTS = ("#", ")", "]", "}")
DEFINITION = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_][A-Za-z0-9_]*)")


class FindingKey(NamedTuple):
    """What a baseline entry counts: path, code and fingerprint (a tuple: cheap to build, hash and sort)."""

    path: str
    code: str
    fingerprint: str


def normalize(text: str) -> str:
    """A line with every whitespace character removed (reformatting does not change it)."""
    return "".join(text.split())


def digest(text: str, length: int = FINGERPRINT_LENGTH) -> str:
    """The short hex digest of a normalized text (the line itself is never stored)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def split_lines(data: bytes) -> List[bytes]:
    """The lines of a file, split where Python's tokenizer counts lines (LF, CRLF, CR), not decoded."""
    return data.splitlines()


def line_scopes(lines: Sequence[bytes]) -> List[str]:
    """For every line, the dotted name of the definitions enclosing it (``''`` at module level).

    Read from indentation alone, so that a file that does not parse still has
    stable scopes: a ``def``/``class`` header encloses the lines after it that
    are indented deeper; its own line belongs to it too (a copied function
    under another name is new). Blank and comment lines, lines that close a
    bracket and lines inside a triple-quoted string change nothing.
    """
    stack: List[Tuple[int, str]] = []
    scopes: List[str] = []
    in_string = False
    for raw in lines:
        text = raw.decode("utf-8", "replace")
        stripped = text.lstrip()
        inside = in_string
        if (text.count('"""') + text.count("'''")) % 2:
            in_string = not in_string
        if inside or not stripped or stripped.startswith(PASSIVE_STARTS):
            scopes.append(".".join(name for _, name in stack))
            continue
        indent = len(text) - len(stripped)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        match = DEFINITION.match(stripped)
        if match is not None:
            stack.append((indent, match.group(1)))
        scopes.append(".".join(name for _, name in stack))
    return scopes


def line_text(finding: Finding, lines: Optional[Sequence[bytes]]) -> str:
    """The text that identifies a finding: its normalized start line, or its message."""
    if finding.code in FILE_LEVEL_CODES:
        return ""
    if not _has_line(finding, lines) or lines is None:
        return "message:" + normalize(finding.message)
    return normalize(lines[finding.line - 1].decode("utf-8", "replace"))


def _has_line(finding: Finding, lines: Optional[Sequence[bytes]]) -> bool:
    return lines is not None and finding.cell is None and 1 <= finding.line <= len(lines)


def finding_key(
    finding: Finding,
    path: str,
    lines: Optional[Sequence[bytes]],
    version: int = KEY_VERSION,
    scopes: Optional[Sequence[str]] = None,
) -> FindingKey:
    """The key of one finding under a project-relative path.

    ``version`` 1 is the key of format version 1 (the line alone); ``scopes``
    (from :func:`line_scopes`) saves computing them again for every finding.
    """
    text = line_text(finding, lines)
    if version >= 2 and text and not text.startswith("message:") and lines is not None:
        scope = (scopes if scopes is not None else line_scopes(lines))[finding.line - 1]
        text = f"{scope}\x00{text}"
    return FindingKey(path, finding.code, digest(text))


def finding_context(finding: Finding, lines: Optional[Sequence[bytes]]) -> str:
    """The short hash of the non-blank lines around a finding's line; ``''`` when it has none."""
    if finding.code in FILE_LEVEL_CODES or not _has_line(finding, lines) or lines is None:
        return ""
    before = _neighbour(lines, finding.line - 2, -1)
    after = _neighbour(lines, finding.line, 1)
    return digest(f"{before}\x00{after}", CONTEXT_LENGTH)


def _neighbour(lines: Sequence[bytes], index: int, step: int) -> str:
    while 0 <= index < len(lines):
        text = normalize(lines[index].decode("utf-8", "replace"))
        if text:
            return text
        index += step
    return ""


def reads_lines(path: str) -> bool:
    """Whether findings of this path are identified by their source line."""
    return path.endswith(LINE_SOURCE_SUFFIXES)
