# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The one parser of ``git diff-index / diff-tree / diff --raw -z`` listings.

Each record is ``:<old mode> <new mode> <old id> <new id> <status>`` followed
by one NUL-terminated path, or two for renames and copies. Paths are decoded
as UTF-8 with surrogate escapes, so any byte sequence git stores survives.
"""

from dataclasses import dataclass
from typing import List, Optional


@dataclass(frozen=True)
class RawRecord:
    """One record of a raw diff listing; ``new_path`` is set for renames and copies only."""

    old_mode: str
    new_mode: str
    old_id: str
    new_id: str
    status: str
    path: str
    new_path: Optional[str] = None

    @property
    def letter(self) -> str:
        """The status letter (``A``, ``C``, ``D``, ``M``, ``R``, ``T``, ``U`` ...) without its score."""
        return self.status[:1]

    @property
    def final_path(self) -> str:
        """The path on the new side."""
        return self.new_path if self.new_path is not None else self.path


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="surrogateescape")


def parse_raw_records(output: bytes) -> List[RawRecord]:
    """Every record of a ``--raw -z`` listing, in order (ValueError on output that is not one)."""
    tokens = output.split(b"\0")
    records: List[RawRecord] = []
    index = 0
    while index < len(tokens):
        header = tokens[index].decode("ascii", errors="replace").strip()
        index += 1
        if not header:
            continue
        parts = header[1:].split()
        if not header.startswith(":") or len(parts) < 5 or index >= len(tokens):
            raise ValueError(f"unexpected output from git diff: {header[:80]!r}")
        path = _decode(tokens[index])
        index += 1
        new_path: Optional[str] = None
        if parts[4][:1] in ("R", "C"):
            if index >= len(tokens) or not tokens[index]:
                raise ValueError(f"unexpected output from git diff: {header[:80]!r} has no second path")
            new_path = _decode(tokens[index])
            index += 1
        records.append(RawRecord(parts[0], parts[1], parts[2], parts[3], parts[4], path, new_path))
    return records
