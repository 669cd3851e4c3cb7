# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``--shard K/N``: one of N deterministic, size-balanced parts of the checked files.

Files are dealt largest first to the part with the fewest bytes so far (ties
to the lower part, equal sizes in path order), so every machine of a matrix
computes the same partition from the same checkout, and the parts take
about the same time. A finding belongs to the part of its file; a finding
about a folder name (ENG004) to the part its name hashes to, so the union of
the parts' findings is exactly the findings of one unsharded run.
"""

import hashlib
import heapq
from typing import Callable, List, Sequence, Set, Tuple, TypeVar

from checks.engine.finding import Finding
from hooks.errors import UsageError

Item = TypeVar("Item")
Shard = Tuple[int, int]


def parse_shard(text: str) -> Shard:
    """``"K/N"`` into (K, N), 1 <= K <= N; exit status 2 otherwise."""
    part, _, total = text.partition("/")
    if not (part.strip().isdigit() and total.strip().isdigit()):
        raise UsageError(f"--shard {text!r}: expected K/N, for example 2/4")
    number, count = int(part), int(total)
    if not 1 <= number <= count:
        raise UsageError(f"--shard {text!r}: K must be between 1 and N")
    return number, count


def partition(items: Sequence[Item], key: Callable[[Item], str], size: Callable[[Item], int], count: int) -> List[List[Item]]:
    """The items in ``count`` parts of about equal total size (largest first to the lightest part)."""
    parts: List[List[Item]] = [[] for _ in range(count)]
    heap = [(0, index) for index in range(count)]
    for item in sorted(items, key=lambda item: (-size(item), key(item))):
        load, index = heapq.heappop(heap)
        parts[index].append(item)
        heapq.heappush(heap, (load + max(size(item), 1), index))
    return [sorted(part, key=key) for part in parts]


def in_shard(items: Sequence[Item], shard: Shard, key: Callable[[Item], str], size: Callable[[Item], int]) -> List[Item]:
    """The items of part K of N, in their given order."""
    number, count = shard
    chosen = {key(item) for item in partition(items, key, size, count)[number - 1]}
    return [item for item in items if key(item) in chosen]


def name_in_shard(path: str, shard: Shard) -> bool:
    """Whether a path that is no checked file (a folder) belongs to part K of N."""
    number, count = shard
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count == number - 1


def names_in_shard(findings: Sequence[Finding], shard: Shard, shard_files: Set[str], all_files: Set[str]) -> List[Finding]:
    """Path-name findings of part K: those of its own files, and of the folders whose names hash to it."""
    return [
        f for f in findings
        if f.path in shard_files or (f.path not in all_files and name_in_shard(f.path, shard))
    ]
