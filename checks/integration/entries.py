# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which files the analysis starts from, and where that choice came from.

In order: ``--entry`` on the command line, the ``entry`` list of
``[tool.prefguard.integration]``, the ``[project.scripts]`` table of
pyproject.toml, and finally a ``main.py``, ``train.py`` or ``__main__.py`` at
the project root. The first source that names anything wins; entries that
point at files the project does not have are reported, never dropped silently.
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from checks.integration.layout import ModuleIndex

ROOT_SCRIPTS: Tuple[str, ...] = ("main.py", "train.py", "__main__.py")

SOURCE_COMMAND_LINE = "--entry"
SOURCE_CONFIGURATION = "[tool.prefguard.integration] entry"
SOURCE_SCRIPTS = "[project.scripts]"
SOURCE_ROOT = "script at the project root"


@dataclass(frozen=True)
class EntrySelection:
    """The entry files found, the source they came from, and the ones that are missing."""

    source: str
    entries: Tuple[str, ...]
    missing: Tuple[str, ...]
    notes: Tuple[str, ...] = ()


def _entry_file(spec: str, index: ModuleIndex) -> Optional[str]:
    """A path, or a dotted module or package name (``training`` means its ``__main__``)."""
    path = spec.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if path in index.by_path:
        return path
    if path.endswith(".py"):
        return None
    for candidate in (f"{path}.__main__", path):
        found = index.path_of(candidate)
        if found is not None:
            return found
    return None


def _script_module(value: str) -> str:
    """``pkg.mod:func [extra]`` -> ``pkg.mod``."""
    return value.split("[")[0].split(":")[0].strip()


def select_entries(
    index: ModuleIndex,
    command_line: Sequence[str] = (),
    configured: Sequence[str] = (),
    scripts: Optional[Dict[str, str]] = None,
) -> EntrySelection:
    """Pick the entry points of a project from the first source that names any."""
    for source, specs in ((SOURCE_COMMAND_LINE, command_line), (SOURCE_CONFIGURATION, configured)):
        if specs:
            found: List[str] = []
            missing: List[str] = []
            for spec in specs:
                path = _entry_file(spec, index)
                if path is None:
                    missing.append(spec)
                elif path not in found:
                    found.append(path)
            return EntrySelection(source, tuple(found), tuple(missing))
    if scripts:
        found = []
        missing = []
        notes: List[str] = []
        for script, value in sorted(scripts.items()):
            module = _script_module(str(value))
            path = index.path_of(module)
            if path is not None:
                if path not in found:
                    found.append(path)
            elif module.split(".")[0] in index.top_level:
                missing.append(f"{script} = {value}")
            else:
                notes.append(f"{script} = {value} runs a module outside this project")
        if found or missing:
            return EntrySelection(SOURCE_SCRIPTS, tuple(found), tuple(missing), tuple(notes))
    found = [name for name in ROOT_SCRIPTS if name in index.by_path]
    return EntrySelection(SOURCE_ROOT, tuple(found), ())
