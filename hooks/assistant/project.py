# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Where a hook event happens: the project root, a tool's file relative to it, and its committed text.

Only ``os`` is imported up front (``subprocess`` when git is asked), so that the
pre-tool-use path for an ordinary file stays as fast as the interpreter's
start-up; annotations are not evaluated.
"""

from __future__ import annotations

import os

PROJECT_DIR_VARIABLE = "CLAUDE_PROJECT_DIR"
CONFIG_NAMES = ("prefguard.toml", "pyproject.toml")


class ProjectFile:
    """A file a tool names: absolute, and relative to the project root (POSIX separators)."""

    __slots__ = ("root", "absolute", "relative")

    def __init__(self, root: str, absolute: str, relative: str) -> None:
        self.root = root
        self.absolute = absolute
        self.relative = relative


def start_folder(cwd: str | None) -> str:
    """The folder the event is judged from: ``$CLAUDE_PROJECT_DIR``, else the payload's ``cwd``, else ours."""
    for candidate in (os.environ.get(PROJECT_DIR_VARIABLE), cwd, os.getcwd()):
        if candidate and os.path.isdir(candidate):
            return os.path.realpath(candidate)
    return os.path.realpath(os.getcwd())


def project_root(start: str) -> str:
    """The git work tree holding ``start`` (a ``.git`` entry upwards), else ``start`` itself."""
    folder = start
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def locate(path: str, cwd: str | None) -> ProjectFile | None:
    """The tool's file inside the project, or None when it lies outside (the policy does not reach there)."""
    start = start_folder(cwd)
    root = project_root(start)
    base = cwd if cwd and os.path.isdir(cwd) else start
    absolute = os.path.realpath(os.path.join(base, os.path.expanduser(path)))
    relative = os.path.relpath(absolute, root)
    if relative == os.curdir or relative.startswith(os.pardir + os.sep) or relative == os.pardir or os.path.isabs(relative):
        return None
    return ProjectFile(root=root, absolute=absolute, relative=relative.replace(os.sep, "/"))


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


def surely_unprotected(raw: bytes) -> bool:
    """Whether a complete PreToolUse payload cannot name a protected file, judged on its bytes alone.

    A protected file's name ends in ``json`` or ``.ipynb`` unless the
    configuration protects other names; the file path is a JSON string, so
    its end is followed by a quote. Payloads with ``\\u`` escapes, payloads
    that do not look like one complete object, and any payload mentioning
    those endings (in the path or the content) are left to the full
    judgement. Nothing is imported and nothing is parsed.
    """
    text = raw.strip()
    if not (text.startswith(b"{") and text.endswith(b"}")) or b"\\u" in text:
        return False
    lowered = text.lower()
    if b'json"' in lowered or b'.ipynb"' in lowered:
        return False
    return not configures_guard(project_root(start_folder(None)))


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
