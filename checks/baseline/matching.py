# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Match findings against a baseline by counted multiset; count stale entries; prune.

Findings sharing a key (same file, code and line text) are matched as a
counted multiset: ``count`` of them are accepted, every further one is
reported. Which ones are accepted is decided by the contexts the baseline
recorded for the key (see :mod:`checks.baseline.fingerprint`): first the
findings whose context is recorded exactly (same definition, same
neighbours), then those in a recorded definition, then the rest in file
order. So a copy of a baselined line in a new function, or pasted above the
original with other neighbours, is the one reported, where it is; and a fixed
finding frees its slot only until the next ``prefguard baseline --prune``
removes it.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import AbstractSet, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from checks.baseline.baseline_file import Baseline
from checks.baseline.fingerprint import FindingKey, same_scope
from checks.engine.finding import Finding


@dataclass(frozen=True)
class MatchResult:
    """Which findings the baseline does not accept, and what it accepted."""

    reported: List[Finding]
    accepted: int
    observed: Mapping[FindingKey, int]
    observed_contexts: Mapping[FindingKey, Tuple[str, ...]] = field(default_factory=dict)


def follow_renames(baseline: Baseline, renames: Mapping[str, str]) -> Baseline:
    """The baseline with entries of renamed files moved to their new path (counts of a shared key add up)."""
    if not renames:
        return baseline
    counts: Counter = Counter()
    messages: Dict[FindingKey, str] = {}
    contexts: Dict[FindingKey, Tuple[str, ...]] = {}
    for key, count in baseline.counts.items():
        moved = FindingKey(renames.get(key.path, key.path), key.code, key.fingerprint)
        counts[moved] += count
        messages.setdefault(moved, baseline.messages.get(key, ""))
        contexts[moved] = contexts.get(moved, ()) + tuple(baseline.contexts.get(key, ()))
    return replace(baseline, counts=dict(counts), messages=messages, contexts=contexts)


def _accepted_positions(members: Sequence[Tuple[int, str]], count: int, known: Sequence[str]) -> Set[int]:
    """Which of a key's findings (position, context) fill its ``count`` slots (see the module docstring)."""
    if len(members) <= count:
        return {position for position, _ in members}
    remaining = Counter(known)
    chosen: Set[int] = set()
    for position, context in members:
        if len(chosen) < count and context and remaining[context] > 0:
            remaining[context] -= 1
            chosen.add(position)
    scopes = [context for context, left in remaining.items() for _ in range(left)]
    for position, context in members:
        match = next((index for index, recorded in enumerate(scopes) if same_scope(context, recorded)), None)
        if len(chosen) < count and position not in chosen and match is not None:
            scopes.pop(match)
            chosen.add(position)
    for position, _ in members:
        if len(chosen) < count:
            chosen.add(position)
    return chosen


def match_findings(
    keyed: Sequence[Tuple[Finding, FindingKey]], baseline: Baseline, contexts: Optional[Sequence[str]] = None
) -> MatchResult:
    """Split findings (in file order) into reported and accepted ones.

    ``contexts`` holds one context per finding (``''`` where it has none); without
    it the first findings of a key are the accepted ones.
    """
    groups: Dict[FindingKey, List[Tuple[int, str]]] = {}
    for position, (_, key) in enumerate(keyed):
        groups.setdefault(key, []).append((position, contexts[position] if contexts is not None else ""))
    accepted_positions: Set[int] = set()
    for key, members in groups.items():
        count = baseline.counts.get(key, 0)
        if count:
            accepted_positions |= _accepted_positions(members, count, baseline.contexts.get(key, ()))
    reported = [finding for position, (finding, _) in enumerate(keyed) if position not in accepted_positions]
    observed = {key: len(members) for key, members in groups.items()}
    observed_contexts = {key: tuple(context for _, context in members if context) for key, members in groups.items()}
    return MatchResult(
        reported=reported, accepted=len(accepted_positions), observed=observed, observed_contexts=observed_contexts
    )


def stale_count(baseline: Baseline, observed: Mapping[FindingKey, int], checked: AbstractSet[str], missing: AbstractSet[str]) -> int:
    """Accepted findings that no longer occur, among checked paths and paths that no longer exist."""
    stale = 0
    for key, count in baseline.counts.items():
        if key.path in missing:
            stale += count
        elif key.path in checked:
            stale += max(0, count - observed.get(key, 0))
    return stale


def _still_observed(recorded: Sequence[str], observed: Sequence[str]) -> Tuple[str, ...]:
    """The recorded contexts, those that still occur first (the caller keeps as many as findings remain)."""
    still = Counter(observed)
    first: List[str] = []
    later: List[str] = []
    for context in recorded:
        if still[context] > 0:
            still[context] -= 1
            first.append(context)
        else:
            later.append(context)
    return tuple(first + later)


def prune(
    baseline: Baseline,
    observed: Mapping[FindingKey, int],
    checked: AbstractSet[str],
    missing: AbstractSet[str],
    observed_contexts: Optional[Mapping[FindingKey, Sequence[str]]] = None,
) -> Baseline:
    """The baseline without what no longer occurs; never adds an entry nor raises a count.

    Entries of paths that were not checked (and still exist) are kept as they
    are. At most one context per remaining finding is kept, those still
    observed first (when ``observed_contexts`` is given).
    """
    counts: Dict[FindingKey, int] = {}
    contexts: Dict[FindingKey, Tuple[str, ...]] = {}
    for key, count in baseline.counts.items():
        if key.path in missing:
            continue
        kept = min(count, observed.get(key, 0)) if key.path in checked else count
        if kept <= 0:
            continue
        counts[key] = kept
        recorded = tuple(baseline.contexts.get(key, ()))
        if observed_contexts is not None and key.path in checked:
            recorded = _still_observed(recorded, observed_contexts.get(key, ()))
        if recorded:
            contexts[key] = tuple(sorted(recorded[:kept]))
    messages = {key: baseline.messages.get(key, "") for key in counts}
    return replace(baseline, counts=counts, messages=messages, contexts=contexts)
