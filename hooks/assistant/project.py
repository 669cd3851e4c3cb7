# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Where a hook event happens: the git work tree holding a file, the file relative to it, its committed text.

Every path is resolved against the work tree that contains it, found as
``git rev-parse --show-toplevel`` finds it: the nearest folder upwards with a
``.git`` entry (a folder for a clone, a file for a linked worktree such as
``.claude/worktrees/<name>/`` or a submodule). ``$CLAUDE_PROJECT_DIR`` only
anchors relative paths and files outside every git work tree, because Claude
Code keeps it at the main checkout while ``cwd`` follows the session into a
worktree.

Only ``os`` is imported up front (``subprocess`` when git is asked), so that the
pre-tool-use path for an ordinary file stays as fast as the interpreter's
start-up; annotations are not evaluated. Lookups are cached per process.
"""

from __future__ import annotations

import os

PROJECT_DIR_VARIABLE = "CLAUDE_PROJECT_DIR"
CONFIG_NAMES = ("prefguard.toml", "pyproject.toml")
_TREES: dict[str, str | None] = {}
_CASE_INSENSITIVE: dict[str, bool] = {}


class ProjectFile:
    """A file a tool names: absolute, and relative to its work tree's root (POSIX separators)."""

    __slots__ = ("root", "absolute", "relative")

    def __init__(self, root: str, absolute: str, relative: str) -> None:
        self.root = root
        self.absolute = absolute
        self.relative = relative


def start_folder(cwd: str | None) -> str:
    """The folder an event is judged from: the payload's ``cwd``, else ``$CLAUDE_PROJECT_DIR``, else ours."""
    for candidate in (cwd, os.environ.get(PROJECT_DIR_VARIABLE), os.getcwd()):
        if candidate and os.path.isdir(candidate):
            return os.path.realpath(candidate)
    return os.path.realpath(os.getcwd())


def project_directory() -> str | None:
    """``$CLAUDE_PROJECT_DIR`` as a real folder, or None when it is unset or not a folder."""
    value = os.environ.get(PROJECT_DIR_VARIABLE)
    return os.path.realpath(value) if value and os.path.isdir(value) else None


def work_tree_of(path: str) -> str | None:
    """The git work tree holding ``path`` (a file or folder, existing or not), or None outside git."""
    folder = path
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    if folder in _TREES:
        return _TREES[folder]
    visited = []
    found: str | None = None
    current = folder
    while True:
        if current in _TREES:
            found = _TREES[current]
            break
        visited.append(current)
        if os.path.exists(os.path.join(current, ".git")):
            found = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for seen in visited:
        _TREES[seen] = found
    return found


def is_case_insensitive(folder: str) -> bool:
    """Whether names in ``folder``'s file system match regardless of case (probed once per folder).

    The probe stats the folder under a case-swapped spelling of its deepest
    name with letters: the same folder answering means the file system folds
    case (macOS and Windows defaults).
    """
    if folder in _CASE_INSENSITIVE:
        return _CASE_INSENSITIVE[folder]
    answer = False
    current = folder
    while True:
        parent, name = os.path.split(current)
        if not name or parent == current:
            break
        swapped = name.swapcase()
        if swapped != name:
            try:
                answer = os.path.samestat(os.stat(current), os.stat(os.path.join(parent, swapped)))
            except OSError:
                answer = False
            break
        current = parent
    _CASE_INSENSITIVE[folder] = answer
    return answer


def true_spelling(root: str, relative: str) -> str:
    """``relative`` with each existing component spelled as on disk (case-insensitive file systems)."""
    parts = relative.split("/")
    folder = root
    spelled = []
    for index, part in enumerate(parts):
        try:
            names = os.listdir(folder)
        except OSError:
            spelled.extend(parts[index:])
            break
        if part not in names:
            folded = part.casefold()
            part = next((name for name in names if name.casefold() == folded), part)
        spelled.append(part)
        folder = os.path.join(folder, part)
    return "/".join(spelled)


def locate(path: str, cwd: str | None) -> ProjectFile | None:
    """The tool's file relative to the work tree holding it, or None when no project reaches it.

    Outside every git work tree the file counts when it lies inside the event's
    start folder (``cwd`` or ``$CLAUDE_PROJECT_DIR``).
    """
    start = start_folder(cwd)
    absolute = os.path.realpath(os.path.join(start, os.path.expanduser(path)))
    root = work_tree_of(absolute) or start
    relative = os.path.relpath(absolute, root)
    if relative == os.curdir or relative.startswith(os.pardir + os.sep) or relative == os.pardir or os.path.isabs(relative):
        return None
    relative = relative.replace(os.sep, "/")
    if is_case_insensitive(os.path.dirname(absolute) if os.path.isdir(os.path.dirname(absolute)) else root):
        relative = true_spelling(root, relative)
        absolute = os.path.join(root, *relative.split("/"))
    return ProjectFile(root=root, absolute=absolute, relative=relative)


def configures_guard(root: str) -> bool:
    """Whether the project's configuration (at its root, where the guard reads it) may protect more files."""
    for name in CONFIG_NAMES:
        try:
            with open(os.path.join(root, name), "rb") as handle:
                if b"json-guard" in handle.read():
                    return True
        except OSError:
            continue
    return False


def read_bytes(path: str) -> bytes | None:
    """The file's bytes, or None when it does not exist or is not a regular file."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def committed_bytes(project_file: ProjectFile) -> bytes | None:
    """The file as of HEAD, or None (no git, no commit yet, or not tracked at HEAD)."""
    if not os.path.exists(os.path.join(project_file.root, ".git")):
        return None
    import subprocess

    try:
        result = subprocess.run(
            ["git", "show", f"HEAD:{project_file.relative}"],
            cwd=project_file.root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
