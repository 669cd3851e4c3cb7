# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which changes of a ``[tool.prefguard]`` table loosen the gate.

Weakening: a code leaves the enabled set (``select`` narrowed, ``extend-select``
shortened, ``ignore`` lengthened), a code is added to ``per-file-ignores``, a
pattern is added to an ``exclude``/``exempt``/``allow-*`` list, a guarded JSON
file gets a weaker mode (immutable > append-only > off) or more mutable
pointers, or the ``baseline`` file is moved. Each weakening names the RFC 6901
pointer (below ``/tool/prefguard``) that an approval trailer must name, or an
ancestor of it. Tightening needs no approval.
"""

from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Iterable, List, Optional

from checks.config.codes import ALL_CODES
from checks.guard.json_guard import MODE_APPEND_ONLY, MODE_IMMUTABLE, MODE_OFF, default_file_modes
from checks.guard.strict_json import join_pointer

TABLE_POINTER = "/tool/prefguard"
MODE_STRENGTH: Dict[str, int] = {MODE_OFF: 0, MODE_APPEND_ONLY: 1, MODE_IMMUTABLE: 2}
LOOSENING_LISTS = ("exclude", "exempt", "module-exempt", "doc-exclude", "allow-words", "allow-names", "allow-function-patterns")


@dataclass(frozen=True)
class Weakening:
    """One loosening of the configuration: where it is and what it does."""

    pointer: str
    description: str


def _codes(selectors: Any) -> FrozenSet[str]:
    """Codes named by a list of codes and prefixes (unknown entries are ignored here)."""
    result = set()
    if not isinstance(selectors, list):
        return frozenset()
    for selector in selectors:
        if not isinstance(selector, str):
            continue
        wanted = selector.strip().upper()
        if wanted == "ALL":
            result.update(ALL_CODES)
        elif wanted:
            result.update(code for code in ALL_CODES if code.startswith(wanted))
    return frozenset(result)


def _enabled_by_select(table: Dict[str, Any]) -> FrozenSet[str]:
    selected = table.get("select") or []
    return _codes(selected) if selected else frozenset(ALL_CODES)


def _as_dict(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _new_items(old: Any, new: Any) -> List[str]:
    old_items = set(item for item in old if isinstance(item, str)) if isinstance(old, list) else set()
    return [item for item in (new if isinstance(new, list) else []) if isinstance(item, str) and item not in old_items]


def _code_weakenings(old: Dict[str, Any], new: Dict[str, Any]) -> List[Weakening]:
    found: List[Weakening] = []
    dropped = _enabled_by_select(old) - _enabled_by_select(new)
    if dropped:
        found.append(Weakening(f"{TABLE_POINTER}/select", f"'select' no longer enables {_short(dropped)}"))
    lost = _codes(old.get("extend-select")) - _codes(new.get("extend-select"))
    if lost:
        found.append(Weakening(f"{TABLE_POINTER}/extend-select", f"'extend-select' no longer enables {_short(lost)}"))
    ignored = _codes(new.get("ignore")) - _codes(old.get("ignore"))
    if ignored:
        found.append(Weakening(f"{TABLE_POINTER}/ignore", f"'ignore' now disables {_short(ignored)}"))
    old_per_file = _as_dict(old.get("per-file-ignores"))
    for pattern, codes in sorted(_as_dict(new.get("per-file-ignores")).items()):
        more = _codes(codes) - _codes(old_per_file.get(pattern))
        if more:
            pointer = join_pointer(f"{TABLE_POINTER}/per-file-ignores", pattern)
            found.append(Weakening(pointer, f"'per-file-ignores' now disables {_short(more)} for {pattern!r}"))
    return found


def _list_weakenings(old: Dict[str, Any], new: Dict[str, Any], pointer: str, prefix: str) -> List[Weakening]:
    found: List[Weakening] = []
    for name in LOOSENING_LISTS:
        added = _new_items(old.get(name), new.get(name))
        if added:
            shown = ", ".join(repr(item) for item in added)
            found.append(Weakening(join_pointer(pointer, name), f"'{prefix}{name}' gained {shown}"))
    return found


def _guard_weakenings(old: Dict[str, Any], new: Dict[str, Any]) -> List[Weakening]:
    found: List[Weakening] = []
    base = f"{TABLE_POINTER}/json-guard"
    old_memory = str(old.get("memory-dir", ".claude")).strip().strip("/")
    new_memory = str(new.get("memory-dir", ".claude")).strip().strip("/")
    if old_memory != new_memory:
        found.append(Weakening(f"{base}/memory-dir", f"'json-guard.memory-dir' moved from {old_memory!r} to {new_memory!r}"))
    defaults = default_file_modes(old_memory)
    old_files = _as_dict(old.get("files"))
    for pattern, mode in sorted(_as_dict(new.get("files")).items()):
        before = old_files.get(pattern, defaults.get(pattern, MODE_OFF))
        if MODE_STRENGTH.get(str(mode), 0) < MODE_STRENGTH.get(str(before), 0):
            found.append(Weakening(join_pointer(f"{base}/files", pattern), f"guard mode of {pattern!r} lowered from {before!r} to {mode!r}"))
    old_mutable = _as_dict(old.get("mutable"))
    for pattern, pointers in sorted(_as_dict(new.get("mutable")).items()):
        added = _new_items(old_mutable.get(pattern), pointers)
        if added:
            found.append(Weakening(join_pointer(f"{base}/mutable", pattern), f"{pattern!r} gained mutable pointer(s) {', '.join(added)}"))
    return found


def _short(codes: Iterable[str]) -> str:
    ordered = sorted(codes)
    shown = ", ".join(ordered[:8])
    return shown + (f" and {len(ordered) - 8} more" if len(ordered) > 8 else "")


def config_weakenings(old: Optional[Dict[str, Any]], new: Optional[Dict[str, Any]], default_baseline: str) -> List[Weakening]:
    """Every weakening from the old ``[tool.prefguard]`` table to the new one (None: no table)."""
    old_table = _as_dict(old)
    new_table = _as_dict(new)
    found = _code_weakenings(old_table, new_table)
    found.extend(_list_weakenings(old_table, new_table, TABLE_POINTER, ""))
    for name in ("header", "docstrings", "english", "naming", "integration", "json-guard"):
        pointer = join_pointer(TABLE_POINTER, name)
        found.extend(_list_weakenings(_as_dict(old_table.get(name)), _as_dict(new_table.get(name)), pointer, f"{name}."))
    found.extend(_guard_weakenings(_as_dict(old_table.get("json-guard")), _as_dict(new_table.get("json-guard"))))
    old_baseline = old_table.get("baseline", default_baseline)
    new_baseline = new_table.get("baseline", default_baseline)
    if old_baseline != new_baseline:
        found.append(Weakening(f"{TABLE_POINTER}/baseline", f"the baseline file moved from {old_baseline!r} to {new_baseline!r}"))
    return found
