# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What one assistant session has touched: its work trees, and the protected-file findings already shown.

The state is a small JSON file per session, next to the session's transcript
(``transcript_path``'s folder) when that folder exists, else in the git
directory shared by the project's work trees
(``<common git dir>/prefguard/``). It is written atomically (temporary file,
then ``os.replace``). Stop checks every work tree recorded here besides the
one it runs in, so work done in ``.claude/worktrees/<name>/`` or a nested
clone is not missed; PostToolUse on Bash shows a finding once per state of
its file instead of after every command. A state that cannot be read or
written is treated as empty: the hooks then check only the current tree.
"""

import json
import os
import tempfile
from typing import Dict, List, Optional

from hooks.assistant.project import project_directory, work_tree_of

STATE_SUFFIX = ".prefguard-assistant.json"
SAFE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def common_git_dir(tree: str) -> Optional[str]:
    """The git directory a work tree shares with its linked worktrees (its own for a clone or submodule)."""
    entry = os.path.join(tree, ".git")
    if os.path.isdir(entry):
        return entry
    try:
        with open(entry, "r", encoding="utf-8") as handle:
            line = handle.readline().strip()
    except OSError:
        return None
    if not line.startswith("gitdir:"):
        return None
    git_dir = os.path.normpath(os.path.join(tree, line[len("gitdir:"):].strip()))
    try:
        with open(os.path.join(git_dir, "commondir"), "r", encoding="utf-8") as handle:
            return os.path.normpath(os.path.join(git_dir, handle.read().strip()))
    except OSError:
        return git_dir


def state_path(session_id: Optional[str], transcript_path: Optional[str], folder: str) -> Optional[str]:
    """Where the session's state lives, or None without a usable session id."""
    if not session_id or not set(session_id) <= SAFE_CHARACTERS or session_id.strip(".") == "":
        return None
    if transcript_path and os.path.isdir(os.path.dirname(transcript_path)):
        return os.path.join(os.path.dirname(transcript_path), session_id + STATE_SUFFIX)
    anchor = work_tree_of(project_directory() or folder) or work_tree_of(folder)
    git_dir = common_git_dir(anchor) if anchor else None
    return os.path.join(git_dir, "prefguard", session_id + STATE_SUFFIX) if git_dir else None


class SessionState:
    """The recorded work trees and reported findings of one session."""

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self.trees: List[str] = []
        self.reported: Dict[str, str] = {}
        self.changed = False
        if path is None:
            return
        try:
            with open(path, "r", encoding="utf-8") as handle:
                value = json.load(handle)
        except (OSError, ValueError):
            return
        if isinstance(value, dict):
            self.trees = [tree for tree in value.get("trees", []) if isinstance(tree, str)]
            reported = value.get("reported", {})
            if isinstance(reported, dict):
                self.reported = {str(key): str(item) for key, item in reported.items()}

    def touch(self, tree: str) -> None:
        """Record a work tree the session worked in."""
        if tree not in self.trees:
            self.trees.append(tree)
            self.changed = True

    def first_report(self, key: str, fingerprint: str) -> bool:
        """Whether ``key`` (a tree and path) in this state was not reported yet; records it."""
        if self.reported.get(key) == fingerprint:
            return False
        self.reported[key] = fingerprint
        self.changed = True
        return True

    def save(self) -> None:
        """Write the state atomically when it changed (silently kept in memory when it cannot be written)."""
        if not self.changed or self.path is None:
            return
        folder = os.path.dirname(self.path)
        try:
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".prefguard-state.", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"trees": self.trees, "reported": self.reported}, stream)
            os.replace(temporary, self.path)
        except OSError:
            return
        self.changed = False
