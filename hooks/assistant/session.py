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
clone is not missed; PostToolUse on Bash judges a protected file once per
state of that file instead of after every command. A state that cannot be read or
written is treated as empty: the hooks then check only the current tree.
"""

from __future__ import annotations

import json
import os

from hooks.assistant.project import project_directory, work_tree_of

STATE_SUFFIX = ".prefguard-assistant.json"
ARRAYS_KEPT = 32
SAFE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def common_git_dir(tree: str) -> str | None:
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


def state_path(session_id: str | None, transcript_path: str | None, folder: str) -> str | None:
    """Where the session's state lives, or None without a usable session id."""
    if not session_id or not set(session_id) <= SAFE_CHARACTERS or session_id.strip(".") == "":
        return None
    if transcript_path and os.path.isdir(os.path.dirname(transcript_path)):
        return os.path.join(os.path.dirname(transcript_path), session_id + STATE_SUFFIX)
    anchor = work_tree_of(project_directory() or folder) or work_tree_of(folder)
    git_dir = common_git_dir(anchor) if anchor else None
    return os.path.join(git_dir, "prefguard", session_id + STATE_SUFFIX) if git_dir else None


class SessionState:
    """The recorded work trees of one session, and the protected-file states already judged."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.trees: list[str] = []
        self.judged: dict[str, str] = {}
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
            judged = value.get("judged", {})
            if isinstance(judged, dict):
                self.judged = {str(key): str(item) for key, item in judged.items()}

    def touch(self, tree: str) -> None:
        """Record a work tree the session worked in."""
        if tree not in self.trees:
            self.trees.append(tree)
            self.changed = True

    def is_new(self, key: str, fingerprint: str) -> bool:
        """Whether ``key`` (a tree and path) was not judged in this state yet; records the state."""
        if self.judged.get(key) == fingerprint:
            return False
        self.judged[key] = fingerprint
        self.changed = True
        return True

    def save(self) -> None:
        """Write the state atomically when it changed (silently kept in memory when it cannot be written)."""
        if not self.changed or self.path is None:
            return
        if write_json(self.path, {"trees": self.trees, "judged": self.judged}):
            self.changed = False


def write_json(path: str, value: object) -> bool:
    """Write a small JSON file atomically (temporary file, then ``os.replace``); False when it cannot be written."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump(value, stream)
        os.replace(temporary, path)
    except OSError:
        if os.path.exists(temporary):
            os.remove(temporary)
        return False
    return True


class CommittedArrays:
    """How many elements committed JSON array blobs hold, cached per repository by blob id (a blob never changes).

    Kept in ``<common git dir>/prefguard/committed-arrays.json`` (the newest
    :data:`ARRAYS_KEPT` blobs), so a long committed log is read in full once,
    not at every judgement of an append.
    """

    def __init__(self, tree: str) -> None:
        git_dir = common_git_dir(tree)
        self.path = os.path.join(git_dir, "prefguard", "committed-arrays.json") if git_dir else None
        self.lengths: dict[str, int] = {}
        if self.path is None:
            return
        try:
            with open(self.path, "r", encoding="utf-8") as handle:
                value = json.load(handle)
        except (OSError, ValueError):
            return
        if isinstance(value, dict):
            self.lengths = {str(key): item for key, item in value.items() if isinstance(item, int)}

    def length_of(self, sha: str, text: str) -> int | None:
        """How many elements the blob ``sha`` (whose text is ``text``) holds; None when it is not a readable array."""
        from checks.guard.strict_json import StrictJsonError, loads

        if sha in self.lengths:
            return self.lengths[sha]
        try:
            value = loads(text)
        except StrictJsonError:
            return None
        if not isinstance(value, list):
            return None
        self.lengths[sha] = len(value)
        if self.path is not None:
            write_json(self.path, dict(list(self.lengths.items())[-ARRAYS_KEPT:]))
        return len(value)
