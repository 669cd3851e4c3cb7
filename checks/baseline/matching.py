# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Match findings against a baseline by counted multiset; count stale entries; prune.

Findings sharing a key are matched in file order: the first ``count`` of them
are accepted, every further one is reported. So a second bare ``except:``
next to a baselined one is reported, and a fixed finding frees its slot only
until the next ``prefguard baseline --prune`` removes it.
"""

from collections import Counter
from dataclasses import dataclass
from typing import AbstractSet, Dict, List, Mapping, Sequence, Tuple

from checks.baseline.baseline_file import Baseline
from checks.baseline.fingerprint import FindingKey
from checks.engine.finding import Finding


@dataclass(frozen=True)
class MatchResult:
    """Which findings the baseline does not accept, and what it accepted."""

    reported: List[Finding]
    accepted: int
    observed: Mapping[FindingKey, int]


def follow_renames(baseline: Baseline, renames: Mapping[str, str]) -> Baseline:
    """The baseline with entries of renamed files moved to their new path (counts of a shared key add up)."""
    if not renames:
        return baseline
    counts: Counter = Counter()
    messages: Dict[FindingKey, str] = {}
    for key, count in baseline.counts.items():
        moved = FindingKey(renames.get(key.path, key.path), key.code, key.fingerprint)
        counts[moved] += count
        messages.setdefault(moved, baseline.messages.get(key, ""))
    return Baseline(counts=dict(counts), messages=messages)


def match_findings(keyed: Sequence[Tuple[Finding, FindingKey]], baseline: Baseline) -> MatchResult:
    """Split findings (in file order) into reported and accepted ones."""
    observed: Counter = Counter()
    reported: List[Finding] = []
    accepted = 0
    for finding, key in keyed:
        observed[key] += 1
        if observed[key] <= baseline.counts.get(key, 0):
            accepted += 1
        else:
            reported.append(finding)
    return MatchResult(reported=reported, accepted=accepted, observed=dict(observed))


def stale_count(baseline: Baseline, observed: Mapping[FindingKey, int], checked: AbstractSet[str], missing: AbstractSet[str]) -> int:
    """Accepted findings that no longer occur, among checked paths and paths that no longer exist."""
    stale = 0
    for key, count in baseline.counts.items():
        if key.path in missing:
            stale += count
        elif key.path in checked:
            stale += max(0, count - observed.get(key, 0))
    return stale


def prune(baseline: Baseline, observed: Mapping[FindingKey, int], checked: AbstractSet[str], missing: AbstractSet[str]) -> Baseline:
    """The baseline without what no longer occurs; never adds an entry nor raises a count.

    Entries of paths that were not checked (and still exist) are kept as they are.
    """
    counts: Dict[FindingKey, int] = {}
    for key, count in baseline.counts.items():
        if key.path in missing:
            continue
        kept = min(count, observed.get(key, 0)) if key.path in checked else count
        if kept > 0:
            counts[key] = kept
    messages = {key: baseline.messages.get(key, "") for key in counts}
    return Baseline(counts=counts, messages=messages)
