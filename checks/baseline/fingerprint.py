# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Fingerprints and contexts of findings: what identifies a finding across edits elsewhere in its file.

A fingerprint is the finding's path, its code and a hash of the text of the
line it starts on with every whitespace character removed. Lines inserted or
deleted elsewhere, re-indentation and reformatting of other lines leave it
unchanged; an edit of the finding's own line changes it. Identical findings of
one file share a fingerprint and are counted, never collapsed.

Which of several identical findings is the recorded one is told by its
*context* (baseline format version 2): a short hash of the definition that
encloses the line (``Block.run``, read from the indentation) followed by a
short hash of the neighbouring non-blank lines. A copy of a baselined line in
another function has another context, so the copy is the new finding and is
reported where it is (see :mod:`checks.baseline.matching`); renaming the
function or editing the lines around an untouched finding does not make it
new, since fingerprints alone decide what is counted.

Whole-file findings (a missing header, an empty file, a file name) have no
line of their own: their fingerprint is the path and the code alone, so that
lines inserted at the top of a file do not resurrect them. Findings without a
readable source line (notebook cells, JSON files) use their message instead,
and so do the integration findings of a whole module (INT001-INT004 on line
1: a duplicate file, a critical module not wired), with their numbers left
out, since their line is a placeholder and their reasons name lines.
"""

import hashlib
import re
from typing import FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from checks.config.codes import INTEGRATION_CODES
from checks.engine.finding import Finding

FILE_LEVEL_CODES: FrozenSet[str] = frozenset({"HDR001", "HDR002", "STB001", "ENG004", "NBK001", "PGX002"})
FINGERPRINT_LENGTH = 16
CONTEXT_LENGTH = 8
SCOPE_LENGTH = 4
LINE_SOURCE_SUFFIXES = (".py", ".pyi", ".md", ".markdown", ".rst", ".txt")
NUMBER = re.compile(r"[0-9]+")
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
    if finding.code in INTEGRATION_CODES and finding.line == 1:
        return "module:" + normalize(NUMBER.sub("#", finding.message))
    if not _has_line(finding, lines) or lines is None:
        return "message:" + normalize(finding.message)
    return normalize(lines[finding.line - 1].decode("utf-8", "replace"))


def _has_line(finding: Finding, lines: Optional[Sequence[bytes]]) -> bool:
    return lines is not None and finding.cell is None and 1 <= finding.line <= len(lines)


def finding_key(finding: Finding, path: str, lines: Optional[Sequence[bytes]]) -> FindingKey:
    """The key of one finding under a project-relative path."""
    return FindingKey(path, finding.code, digest(line_text(finding, lines)))


def finding_context(finding: Finding, lines: Optional[Sequence[bytes]], scopes: Optional[Sequence[str]] = None) -> str:
    """The context of a finding: the hash of its enclosing definition, then of its neighbouring lines.

    ``''`` for a finding without a line of its own. ``scopes`` (from
    :func:`line_scopes`) saves computing them again for every finding.
    """
    if finding.code in FILE_LEVEL_CODES or line_text(finding, lines).startswith("module:"):
        return ""
    if not _has_line(finding, lines) or lines is None:
        return ""
    scope = (scopes if scopes is not None else line_scopes(lines))[finding.line - 1]
    before = _neighbour(lines, finding.line - 2, -1)
    after = _neighbour(lines, finding.line, 1)
    return digest(scope, SCOPE_LENGTH) + digest(f"{before}\x00{after}", CONTEXT_LENGTH - SCOPE_LENGTH)


def same_scope(first: str, second: str) -> bool:
    """Whether two contexts lie in the same enclosing definition."""
    return bool(first) and first[:SCOPE_LENGTH] == second[:SCOPE_LENGTH]


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
