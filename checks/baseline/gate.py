# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What a change does to the baseline: entries added (needs approval) versus pruned or moved.

An entry is added when its count grows. An entry that moves with its file,
renamed as git records it, to the new path with the same code and fingerprint
is a move, not an addition: the number of accepted findings does not grow.
Entries of a deleted file never move onto another file.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Mapping, Tuple

from checks.baseline.baseline_file import Baseline
from checks.baseline.fingerprint import FindingKey

BASELINE_APPROVAL_POINTER = "/files"


@dataclass(frozen=True)
class AddedEntry:
    """A baseline key whose count grew, and by how much."""

    key: FindingKey
    added: int
    message: str


def added_entries(old: Baseline, new: Baseline, renamed: Mapping[str, str]) -> List[AddedEntry]:
    """Entries the new baseline accepts beyond the old one, moves along ``renamed`` (old path to new path) excepted."""
    growth: Dict[FindingKey, int] = {}
    for key, count in new.counts.items():
        extra = count - old.counts.get(key, 0)
        if extra > 0:
            growth[key] = extra
    movable: Counter = Counter()
    for key, count in old.counts.items():
        if key.path in renamed:
            movable[(renamed[key.path], key.code, key.fingerprint)] += count - new.counts.get(key, 0)
    added: List[AddedEntry] = []
    for key, extra in sorted(growth.items()):
        shape: Tuple[str, str, str] = (key.path, key.code, key.fingerprint)
        moved = min(extra, max(0, movable[shape]))
        movable[shape] -= moved
        if extra > moved:
            added.append(AddedEntry(key=key, added=extra - moved, message=new.messages.get(key, "")))
    return added
