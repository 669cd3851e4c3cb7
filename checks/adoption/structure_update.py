# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The structure entries that new and moved modules need (``prefguard memory structure``), as a pure function.

A module (a ``.py`` file outside ``module-exempt``) that no entry of
``project_structure.json`` lists by ``path`` gets a new entry appended, built
from the code like the ones ``prefguard init`` writes. When git reports it as
a rename of a listed module, that module's entry gains ``moved_to`` (the only
change to an existing entry: append-only, what MEM002 asks for a move) and the
new entry carries ``moved_from`` and the old entry's ``status`` and
``critical``. Entries are never removed or reordered.
"""

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List, Mapping, Sequence

from checks.adoption.memory_content import ModuleFacts, module_entry
from checks.guard.memory_rules import normalize_path


@dataclass
class StructureUpdate:
    """The updated structure document and what changed, in words."""

    structure: Dict[str, Any]
    added: List[str] = field(default_factory=list)
    moved: List[str] = field(default_factory=list)
    gone: List[str] = field(default_factory=list)


def _listed(modules: Sequence[Any]) -> Dict[str, int]:
    listed: Dict[str, int] = {}
    for index, entry in enumerate(modules):
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            listed.setdefault(normalize_path(entry["path"]), index)
    return listed


def update_structure(
    structure: Mapping[str, Any],
    facts: Sequence[ModuleFacts],
    on_disk: Sequence[str],  # every Python file of the project, exempt ones included
    renames: Mapping[str, str],
    today: date,
) -> StructureUpdate:
    """Append entries for the modules in ``facts`` that no entry lists; mark moves (``renames``: old path to new)."""
    result = copy.deepcopy(dict(structure))
    modules: List[Any] = result["modules"]
    listed = _listed(modules)
    update = StructureUpdate(structure=result)
    moved_from = {new: old for old, new in renames.items()}
    for fact in sorted(facts, key=lambda item: item.path):
        if fact.path in listed:
            continue
        entry = module_entry(fact, {}, today)
        old = moved_from.get(fact.path)
        index = listed.get(old) if old is not None else None
        if old is not None and index is not None and "moved_to" not in modules[index]:
            previous = modules[index]
            previous["moved_to"] = fact.path
            entry["status"] = previous.get("status", entry["status"])
            if "critical" in previous:
                entry["critical"] = previous["critical"]
            entry["moved_from"] = old
            update.moved.append(f"{old} -> {fact.path}")
        else:
            update.added.append(fact.path)
        modules.append(entry)
        listed[fact.path] = len(modules) - 1
    present = set(on_disk)
    for path, index in sorted(listed.items()):
        entry = modules[index]
        exists = path in present or path.rstrip("/") + "/__init__.py" in present
        if not exists and "moved_to" not in entry and entry.get("status") != "planned":
            update.gone.append(f"{path} (/modules/{index})")
    return update
