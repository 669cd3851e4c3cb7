# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""DUPLICATE modules: same code, same import name, or a copied function body.

Code is compared after normalisation (indentation, blank lines and full-line
comments removed), so a copy that only gained a header or was re-indented is
still a copy. Files without code (an empty ``__init__.py``) are never
duplicates of each other, and function bodies shorter than
:data:`checks.integration.summary.MIN_FUNCTION_LINES` are ignored.
"""

import sys
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Tuple

from checks.integration.layout import ModuleIndex
from checks.integration.summary import FunctionPrint, ModuleSummary

KIND_CONTENT = "identical content"
KIND_NAME = "same module name"
KIND_STDLIB = "shadows the standard library"
KIND_FUNCTION = "copied function body"


@dataclass(frozen=True)
class Duplicate:
    """One duplicate: ``path`` (and ``line``) repeats ``original`` (at ``original_line``).

    ``message`` is said on the copy's row; ``original_message`` on the
    original's row, pointing at the copy (empty: the same as ``message``).
    """

    kind: str
    path: str
    line: int
    original: str
    original_line: int
    message: str
    original_message: str = ""

    def message_for(self, path: str) -> str:
        """What the row of ``path`` (the copy or the original) says about this duplicate."""
        if path == self.original and path != self.path and self.original_message:
            return self.original_message
        return self.message


def _content_duplicates(paths: Iterable[str], summaries: Dict[str, ModuleSummary]) -> List[Duplicate]:
    groups: Dict[str, List[str]] = {}
    for path in paths:
        summary = summaries[path]
        if summary.parse_error is None and summary.has_code:
            groups.setdefault(summary.content_digest, []).append(path)
    found = []
    for members in groups.values():
        members.sort()
        for copy in members[1:]:
            found.append(
                Duplicate(
                    KIND_CONTENT, copy, 1, members[0], 1, f"{copy} has the same code as {members[0]}", f"copied as {copy} (the same code)"
                )
            )
    return found


def _name_duplicates(paths: FrozenSet[str], index: ModuleIndex, stdlib_names: FrozenSet[str]) -> List[Duplicate]:
    found = []
    for name, claimants in sorted(index.collisions.items()):
        members = [path for path in claimants if path in paths]
        for other in members[1:]:
            found.append(
                Duplicate(
                    KIND_NAME,
                    other,
                    1,
                    members[0],
                    1,
                    f"module name {name!r} is defined twice on the import path: {members[0]} and {other}",
                )
            )
    for path in sorted(paths):
        module = index.by_path[path]
        if module.importable and "." not in module.name and module.name in stdlib_names:
            found.append(
                Duplicate(
                    KIND_STDLIB,
                    path,
                    1,
                    path,
                    1,
                    f"module {module.name!r} ({path}) shadows the standard library module of the same name",
                )
            )
    return found


def _inside(inner: FunctionPrint, outer: FunctionPrint) -> bool:
    return inner is not outer and outer.line <= inner.line and inner.end_line <= outer.end_line


def _function_duplicates(paths: Iterable[str], summaries: Dict[str, ModuleSummary]) -> List[Duplicate]:
    groups: Dict[str, List[Tuple[str, FunctionPrint]]] = {}
    for path in sorted(paths):
        for printed in summaries[path].functions:
            groups.setdefault(printed.digest, []).append((path, printed))
    reported: Dict[str, List[FunctionPrint]] = {}
    found = []
    for digest in sorted(groups, key=lambda d: (groups[d][0][0], groups[d][0][1].line)):
        members = groups[digest]
        if len({path for path, _printed in members}) < 2:
            continue
        origin_path, origin = members[0]
        for path, printed in members[1:]:
            if path == origin_path:
                continue
            if summaries[path].content_digest == summaries[origin_path].content_digest:
                continue
            if any(_inside(printed, outer) for outer in reported.get(path, [])):
                continue
            reported.setdefault(path, []).append(printed)
            found.append(
                Duplicate(
                    KIND_FUNCTION,
                    path,
                    printed.line,
                    origin_path,
                    origin.line,
                    f"body of {printed.name}() ({printed.size} lines) is a copy of {origin.name}() "
                    f"in {origin_path} line {origin.line}",
                    f"body of {origin.name}() (line {origin.line}) is copied as {printed.name}() in {path} line {printed.line}",
                )
            )
    return found


def find_duplicates(
    paths: Iterable[str],
    summaries: Dict[str, ModuleSummary],
    index: ModuleIndex,
    stdlib_names: FrozenSet[str] = frozenset(sys.stdlib_module_names),
) -> List[Duplicate]:
    """Every duplicate among the given files, sorted by path and line."""
    chosen = frozenset(paths)
    found = _content_duplicates(sorted(chosen), summaries)
    found += _name_duplicates(chosen, index, stdlib_names)
    found += _function_duplicates(chosen, summaries)
    return sorted(found, key=lambda d: (d.path, d.line, d.kind, d.original))
