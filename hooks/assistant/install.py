# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Merge the prefguard hooks into a project's ``.claude/settings.json`` (for ``init`` and ``assistant install``).

The file is read strictly (a broken file is reported, never overwritten),
merged by :func:`checks.assistant.settings_merge.merge_hooks` and written
atomically only when something changed.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from checks.assistant.settings_merge import SettingsShapeError, merge_hooks
from checks.guard.strict_json import StrictJsonError, dumps, loads_bytes
from hooks.errors import UsageError
from hooks.runtime.files import write_atomically

SETTINGS_FILE = ".claude/settings.json"
PROJECT_DIR = "$CLAUDE_PROJECT_DIR"


@dataclass(frozen=True)
class InstallResult:
    """What the merge did: the settings file, whether it changed, and the command used."""

    path: Path
    changed: bool
    executable: str
    text: str


def hook_executable(root: Path, script: Optional[str] = None) -> str:
    """How the hooks start prefguard: relative to ``$CLAUDE_PROJECT_DIR`` when it is installed in the project.

    ``script`` is the prefguard console script (default: the one next to this
    interpreter); outside the project the plain ``prefguard`` on PATH is used.
    """
    candidate = Path(script) if script else Path(sys.executable).parent / "prefguard"
    try:
        relative = candidate.absolute().relative_to(root.resolve())
    except ValueError:
        return "prefguard"
    if not candidate.exists():
        return "prefguard"
    return f'"{PROJECT_DIR}/{relative.as_posix()}"'


def plan_hooks(root: Path, executable: Optional[str] = None) -> InstallResult:
    """The settings with the three hooks merged, nothing written; UsageError when the file cannot be merged."""
    path = root / SETTINGS_FILE
    chosen = executable or hook_executable(root)
    settings: object = {}
    if path.exists():
        try:
            settings = loads_bytes(path.read_bytes())
        except StrictJsonError as error:
            raise UsageError(f"{path} cannot be read safely: {error}; fix it, then run this again (nothing was changed)") from None
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error}") from None
    try:
        merged, changed = merge_hooks(settings, chosen)
    except SettingsShapeError as error:
        raise UsageError(f"{path}: {error}; nothing was changed") from None
    return InstallResult(path=path, changed=changed, executable=chosen, text=dumps(merged))


def install_hooks(root: Path, dry_run: bool = False, executable: Optional[str] = None) -> InstallResult:
    """Merge the three hooks into ``root/.claude/settings.json`` and write it atomically when it changed."""
    result = plan_hooks(root, executable)
    if result.changed and not dry_run:
        try:
            write_atomically(result.path, result.text.encode("utf-8"))
        except OSError as error:
            raise UsageError(f"cannot write {result.path}: {error}") from None
    return result


def describe(result: InstallResult, root: Path, dry_run: bool) -> str:
    """One status line for the user."""
    shown = os.path.relpath(result.path, root)
    if not result.changed:
        return f"[OK] {shown} already has the prefguard hooks"
    if dry_run:
        return f"[INFO] would add the prefguard hooks (PreToolUse, PostToolUse, Stop) to {shown}"
    return f"[OK] added the prefguard hooks (PreToolUse, PostToolUse, Stop) to {shown}"
