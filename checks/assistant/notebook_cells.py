# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which cells of a notebook an edit changed, for the changed-lines scope of notebook findings.

Findings inside a notebook carry a cell number and a cell-relative line, so
the lines of the notebook's JSON text say nothing about them (and a tool that
rewrites the file may reformat every line). The cells are compared instead:
a cell is changed when its source is not matched, in order, by a cell of the
previous version (inserted or rewritten cells).
"""

from typing import Any, FrozenSet, List, Optional

from checks.baseline.changed_scope import changed_line_numbers
from checks.guard.strict_json import StrictJsonError, loads


def cell_sources(text: str) -> Optional[List[str]]:
    """Each cell's type and source as one string, or None when the text is no notebook."""
    try:
        document = loads(text)
    except StrictJsonError:
        return None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return None
    sources: List[str] = []
    for cell in cells:
        source: Any = cell.get("source", "") if isinstance(cell, dict) else ""
        joined = "".join(part for part in source if isinstance(part, str)) if isinstance(source, list) else str(source)
        sources.append(f"{cell.get('cell_type') if isinstance(cell, dict) else ''}\n{joined}")
    return sources


def changed_cells(old_text: Optional[str], new_text: str) -> Optional[FrozenSet[int]]:
    """1-based numbers of the cells of ``new_text`` the edit inserted or rewrote.

    None when either version cannot be read as a notebook (the caller then
    keeps every finding).
    """
    new_cells = cell_sources(new_text)
    old_cells = cell_sources(old_text) if old_text is not None else []
    if new_cells is None or old_cells is None:
        return None
    return changed_line_numbers(old_cells, new_cells)
