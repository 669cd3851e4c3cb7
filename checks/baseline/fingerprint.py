# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Fingerprints of findings: what identifies a finding across edits elsewhere in its file.

A fingerprint is the finding's path, its code and a hash of the text of the
line it starts on with every whitespace character removed. Lines inserted or
deleted elsewhere, re-indentation and reformatting of other lines leave it
unchanged; an edit of the finding's own line changes it. Identical findings of
one file share a fingerprint and are counted, never collapsed.

Whole-file findings (a missing header, an empty file, a file name) have no
line of their own: their fingerprint is the path and the code alone, so that
lines inserted at the top of a file do not resurrect them. Findings without a
readable source line (notebook cells, JSON files) use their message instead.
"""

import hashlib
from typing import FrozenSet, List, NamedTuple, Optional, Sequence

from checks.engine.finding import Finding

FILE_LEVEL_CODES: FrozenSet[str] = frozenset({"HDR001", "HDR002", "STB001", "ENG004", "NBK001", "PGX002"})
FINGERPRINT_LENGTH = 16
LINE_SOURCE_SUFFIXES = (".py", ".pyi", ".md", ".markdown", ".rst", ".txt")


class FindingKey(NamedTuple):
    """What a baseline entry counts: path, code and fingerprint (a tuple: cheap to build, hash and sort)."""

    path: str
    code: str
    fingerprint: str


def normalize(text: str) -> str:
    """A line with every whitespace character removed (reformatting does not change it)."""
    return "".join(text.split())


def digest(text: str) -> str:
    """The short hex digest of a normalized text (the line itself is never stored)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:FINGERPRINT_LENGTH]




def split_lines(data: bytes) -> List[bytes]:
    """The lines of a file, split where Python's tokenizer counts lines (LF, CRLF, CR), not decoded."""
    return data.splitlines()


def line_text(finding: Finding, lines: Optional[Sequence[bytes]]) -> str:
    """The text that identifies a finding: its normalized start line, or its message."""
    if finding.code in FILE_LEVEL_CODES:
        return ""
    if lines is None or finding.cell is not None or not 1 <= finding.line <= len(lines):
        return "message:" + normalize(finding.message)
    return normalize(lines[finding.line - 1].decode("utf-8", "replace"))


def finding_key(finding: Finding, path: str, lines: Optional[Sequence[bytes]]) -> FindingKey:
    """The key of one finding under a project-relative path."""
    return FindingKey(path, finding.code, digest(line_text(finding, lines)))


def reads_lines(path: str) -> bool:
    """Whether findings of this path are identified by their source line."""
    return path.endswith(LINE_SOURCE_SUFFIXES)
