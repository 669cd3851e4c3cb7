# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard memory structure``: append the structure entries of new and moved modules, from the code.

What MEM002 asks for, so that ``project_structure.json`` is never edited by
hand: every module on disk that no entry lists gets one (see
:mod:`checks.adoption.structure_update`); a module git reports as renamed
since the structure file last changed marks its old entry ``moved_to``.
Entries of modules that are gone without a rename are only named: removing
one needs an approval, so that stays a decision.
"""

import sys
from datetime import date
from pathlib import Path
from typing import Any, Dict, List

from checks.adoption.memory_content import module_facts
from checks.adoption.structure_update import update_structure
from checks.config.paths import matches_any
from checks.config.settings import Settings
from checks.guard.memory_rules import KIND_STRUCTURE, memory_path
from checks.guard.strict_json import StrictJsonError, dumps, loads_bytes
from hooks.errors import UsageError
from hooks.runtime.files import write_atomically


def _read_structure(target: Path, relative: str) -> Dict[str, Any]:
    if not target.is_file():
        raise UsageError(f"{relative} does not exist; run `prefguard memory init` (or `prefguard init`) first")
    try:
        value = loads_bytes(target.read_bytes())
    except StrictJsonError as error:
        raise UsageError(f"{relative} cannot be read safely: {error.message} (line {error.line}, column {error.column}); fix it first") from None
    except OSError as error:
        raise UsageError(f"{relative} cannot be read: {error.strerror}") from None
    if not isinstance(value, dict) or not isinstance(value.get("modules"), list):
        raise UsageError(f"{relative} must be a JSON object with a \"modules\" array")
    return value


def _python_files(settings: Settings, root: Path) -> List[str]:
    """Root-relative paths of every Python file of the project (git-aware, as verify finds them)."""
    from hooks.commands.verify import python_files

    try:
        prefix = Path(settings.root).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"the configuration's project {settings.root} lies outside the work tree {root}") from None
    prefix = "" if prefix in ("", ".") else prefix + "/"
    return [prefix + path for path in python_files(settings)]


def command_structure(settings: Settings, root: Path, memory_dir: str, stage: Any) -> int:
    """Append the entries of new and moved modules; ``stage(relative)`` stages the written file."""
    from hooks.commands.verify import summarize_files
    from hooks.vcs.changed_lines import renames_since

    relative = memory_path(memory_dir, KIND_STRUCTURE)
    target = root / relative
    structure = _read_structure(target, relative)
    files = _python_files(settings, root)
    exempt = tuple(settings.table("json-guard")["module-exempt"])
    on_disk = [path for path in files if not matches_any(path, exempt)]
    facts, _ = module_facts(summarize_files(str(root), files), on_disk)
    update = update_structure(structure, facts, files, renames_since(root, target), date.today())
    for gone in update.gone:
        print(
            f"[WARN] {relative}: module {gone} no longer exists; if it moved, `git mv` it and run this again, "
            "else remove or update that entry (removing needs an approval trailer)",
            file=sys.stderr,
            flush=True,
        )
    if not update.added and not update.moved:
        print(f"[OK] {relative}: every module is listed; nothing appended", flush=True)
        return 0
    write_atomically(target, dumps(update.structure).encode("utf-8"), inside=root)
    parts = [f"appended {len(update.added)} module(s)" + (f" ({', '.join(update.added)})" if update.added else "")]
    if update.moved:
        parts.append(f"recorded {len(update.moved)} move(s) ({', '.join(update.moved)})")
    print(f"[OK] {relative}: {'; '.join(parts)}", flush=True)
    stage(relative)
    return 0
