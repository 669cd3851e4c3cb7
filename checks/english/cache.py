# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Per-process memo tables that the garbage collector never has to walk.

``functools.lru_cache`` keeps one GC-tracked link object per entry, and
cached dataclass instances are tracked too; every full collection (libcst
triggers dozens per run) then walks them all, which cost more than the
detection itself. A plain dict whose keys and values are strings, numbers,
None or tuples of those is untracked by CPython, so these tables are free for
the collector. Each table is emptied when it reaches its size limit.

Store only strings, numbers and None here: one tuple or object value makes
CPython track the whole table again.
"""

from typing import Any, Dict, Hashable

LIMIT = 100000


class Memo:
    """A bounded dict cache: ``get`` a key, ``put`` a value (returned for chaining)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.table: Dict[Hashable, Any] = {}
        self.limit = limit

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The remembered value of a key, or ``default``."""
        return self.table.get(key, default)

    def put(self, key: Hashable, value: Any) -> Any:
        """Remember a value (emptying the table first when it is full) and return it."""
        if len(self.table) >= self.limit:
            self.table.clear()
        self.table[key] = value
        return value

    def clear(self) -> None:
        """Forget everything."""
        self.table.clear()
