# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Hook messages that fit Claude Code's output cap: the most important lines first, then totals.

Claude Code keeps at most 10,000 characters of a hook's output (the JSON
answer is checked against that cap in :mod:`hooks.assistant.events`); the
message budget leaves room for its JSON escaping. A message is
built from a head, lines already ordered by importance, and a tail; lines
that do not fit are counted instead of shown, and the last line says how
many were left out and which command lists them all. A single line longer
than the room left is cut with an ellipsis.
"""

from typing import Sequence

MESSAGE_BUDGET = 9_000
ELLIPSIS = " …"


def _cut(line: str, room: int) -> str:
    if len(line) <= room:
        return line
    return line[: max(0, room - len(ELLIPSIS))] + ELLIPSIS


def fit_message(head: str, lines: Sequence[str], tail: str, listing: str, budget: int = MESSAGE_BUDGET) -> str:
    """``head``, as many of ``lines`` as fit in ``budget`` characters, a count of the rest, then ``tail``.

    ``listing`` names the command that shows every line (used only when some
    are left out).
    """
    total = len(lines)
    reserve = len(tail) + 200 + len(listing)
    room = max(200, budget - len(head) - reserve)
    shown = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > room:
            if not shown:
                shown.append(_cut(line, room))
            break
        shown.append(line)
        used += len(line) + 1
    parts = [head, *shown]
    if len(shown) < total:
        parts.append(f"(showing {len(shown)} of {total} lines; {total - len(shown)} more: {listing} lists them all)")
    if tail:
        parts.append(tail)
    return _cut("\n".join(part for part in parts if part), budget)
