# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Near-linear alignment of two JSON arrays, for the append-only guard.

Every element gets an integer identity: two elements share it exactly when
they are equal JSON values (type-strict, ``1 == 1.0``, key order ignored), so
the alignment compares integers, never values. The alignment is a patience
diff: common head and tail first, then the elements that occur once on each
side and keep their order (the longest increasing subsequence, O(k log k)),
recursively between them. A stretch without such anchors is aligned with a
small quadratic table only when it is small (:data:`SMALL_TABLE` cells), and
all the work is bounded by :data:`WORK_FACTOR` times the arrays' length: what
is left unaligned is judged element by element, so a bound reached reports
more, never less.
"""

from bisect import bisect_left
from typing import Any, Callable, Dict, Hashable, List, Sequence, Tuple

SMALL_TABLE = 4096
WORK_FACTOR = 32
WORK_FLOOR = 10_000

Pair = Tuple[int, int]


def identity_key(value: Any) -> Hashable:
    """A hashable key equal for strictly equal JSON values (numbers compare by value, as ``==`` does)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        return ("o", frozenset([(key, identity_key(item)) for key, item in value.items()]))
    if kind is list or kind is tuple:
        return ("a", tuple([identity_key(item) for item in value]))
    if value is None:
        return ("z",)
    if kind is bool:
        return ("b", value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Hashable):
        # int, Decimal and float hash alike when equal; typed YAML/TOML scalars hash by kind and text.
        return ("n", value)
    return ("r", repr(value))


def element_ids(old: Sequence[Any], new: Sequence[Any]) -> Tuple[List[int], List[int]]:
    """Integer identities of the elements of both arrays (equal exactly for equal elements)."""
    ids: Dict[Hashable, int] = {}
    first = [ids.setdefault(identity_key(item), len(ids)) for item in old]
    second = [ids.setdefault(identity_key(item), len(ids)) for item in new]
    return first, second


def align_values(old: Sequence[Any], new: Sequence[Any], same: Callable[[Any, Any], bool]) -> List[Pair]:
    """:func:`align` of two arrays of values; ``same`` is a fast, sufficient equality test for the common head and tail."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and same(old[head], new[head]):
        head += 1
    tail = 0
    while tail < limit - head and same(old[len(old) - 1 - tail], new[len(new) - 1 - tail]):
        tail += 1
    old_ids, new_ids = element_ids(old[head:len(old) - tail], new[head:len(new) - tail])
    pairs = [(index, index) for index in range(head)]
    pairs.extend((i + head, j + head) for i, j in align(old_ids, new_ids))
    pairs.extend((len(old) - tail + index, len(new) - tail + index) for index in range(tail))
    return pairs


def _unique_anchors(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int) -> List[Pair]:
    """Elements occurring once in each range, in an order both sides keep (longest increasing run)."""
    count_a: Dict[int, int] = {}
    for index in range(alo, ahi):
        count_a[a[index]] = count_a.get(a[index], 0) + 1
    where_b: Dict[int, int] = {}
    count_b: Dict[int, int] = {}
    for index in range(blo, bhi):
        item = b[index]
        if count_a.get(item) == 1:
            count_b[item] = count_b.get(item, 0) + 1
            where_b[item] = index
    candidates = [(index, where_b[a[index]]) for index in range(alo, ahi) if count_b.get(a[index]) == 1 and count_a[a[index]] == 1]
    tails: List[int] = []
    tail_at: List[int] = []
    previous: List[int] = []
    for position, (_, j) in enumerate(candidates):
        slot = bisect_left(tails, j)
        previous.append(tail_at[slot - 1] if slot else -1)
        if slot == len(tails):
            tails.append(j)
            tail_at.append(position)
        else:
            tails[slot] = j
            tail_at[slot] = position
    anchors: List[Pair] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        anchors.append(candidates[position])
        position = previous[position]
    anchors.reverse()
    return anchors


def _table(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int) -> List[Pair]:
    """The longest common subsequence of two small ranges (a dynamic-programming table)."""
    rows = ahi - alo
    cols = bhi - blo
    lengths = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if a[alo + i] == b[blo + j]:
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    pairs: List[Pair] = []
    i = j = 0
    while i < rows and j < cols:
        if a[alo + i] == b[blo + j]:
            pairs.append((alo + i, blo + j))
            i += 1
            j += 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def align(a: Sequence[int], b: Sequence[int]) -> List[Pair]:
    """Matched ``(old index, new index)`` pairs of equal elements, increasing on both sides."""
    budget = WORK_FACTOR * (len(a) + len(b)) + WORK_FLOOR
    matches: List[Pair] = []
    ranges: List[Tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            matches.append((alo, blo))
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            matches.append((ahi, bhi))
        if alo == ahi or blo == bhi or budget <= 0:
            continue
        budget -= (ahi - alo) + (bhi - blo)
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if not anchors:
            if (ahi - alo) * (bhi - blo) <= SMALL_TABLE:
                budget -= (ahi - alo) * (bhi - blo)
                matches.extend(_table(a, b, alo, ahi, blo, bhi))
            continue
        start_a, start_b = alo, blo
        for i, j in anchors:
            ranges.append((start_a, i, start_b, j))
            matches.append((i, j))
            start_a, start_b = i + 1, j + 1
        ranges.append((start_a, ahi, start_b, bhi))
    matches.sort()
    return matches


def hunks(old_length: int, new_length: int, pairs: Sequence[Pair]) -> List[Tuple[int, int, int, int]]:
    """The unmatched stretches ``(i1, i2, j1, j2)`` between matched pairs, in order (empty ones left out)."""
    result: List[Tuple[int, int, int, int]] = []
    i = j = 0
    for pair_i, pair_j in [*pairs, (old_length, new_length)]:
        if pair_i > i or pair_j > j:
            result.append((i, pair_i, j, pair_j))
        i, j = pair_i + 1, pair_j + 1
    return result
