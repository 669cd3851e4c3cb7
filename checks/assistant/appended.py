# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Recognise, on the text alone, a JSON array that only grew at its end.

A long append-only file (a 5 MB ``project_log.json``) is usually changed by
appending entries. When the new text is the old text up to its last element,
then a comma, then more elements and the closing bracket, every old element
is byte for byte what it was: the append-only diff can find nothing, and only
the appended elements need reading. :func:`appended_elements_text` returns
those elements as an array text of their own, or None when the change is
anything else (the caller then judges the whole file).

The old text must be a readable JSON array (the caller checks it once); the
returned text is parsed strictly by the caller, which also makes sure it
holds at least one element.
"""

from typing import Optional, Tuple


def appended_elements_text(old: str, new: str) -> Optional[str]:
    """``"[" + appended elements + "]"`` when ``new`` is ``old`` with elements appended after its last one, else None."""
    stripped = old.rstrip()
    if not stripped.endswith("]"):
        return None
    body = stripped[:-1].rstrip()
    if body.endswith("[") or not new.startswith(body):
        return None
    rest = new[len(body):].lstrip()
    if not rest.startswith(","):
        return None
    return "[" + rest[1:]


def appended_after_commit(committed: str, current: str, proposed: str) -> Optional[Tuple[Optional[str], str]]:
    """The two appends from the committed text to the proposed one, or None when either step is not a pure append.

    Returns the array text of the elements appended since the commit (None
    when the file on disk is the committed text) and that of the elements the
    edit appends.
    """
    since = None
    if current != committed:
        since = appended_elements_text(committed, current)
        if since is None:
            return None
    added = appended_elements_text(current, proposed)
    return None if added is None else (since, added)
