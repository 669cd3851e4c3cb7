# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Temporary files of atomic writes: where they live, and removing those a killed run left.

A new file's bytes are written in a staging folder beside the target,
``.prefguard-tmp-<pid>-<random>/``, that holds its own ``.gitignore`` (``*``)
first: whatever a killed run leaves there, ``git add -A`` never picks it up.
The finished file then replaces its target with ``os.replace`` (same file
system, so atomic) and the folder is removed.

:func:`remove_stale` deletes, in the folders it is given, the staging folders
of processes that no longer run (or older than :data:`STALE_SECONDS`), and
the ``.<name>.<random>.prefguard-tmp`` files earlier versions wrote beside
their targets.
"""

import os
import secrets
import shutil
import time
from pathlib import Path
from typing import Iterable, List, Optional

STAGING_PREFIX = ".prefguard-tmp-"
LEGACY_SUFFIX = ".prefguard-tmp"
STALE_SECONDS = 24 * 3600
IGNORE_ALL = b"# prefguard's temporary files, removed when the write ends: never commit them.\n*\n"


def staging_folder(folder: Path) -> Path:
    """Create a private staging folder in ``folder`` (git-ignored by its own ``.gitignore``)."""
    staging = folder / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
    staging.mkdir(mode=0o700)
    try:
        with open(staging / ".gitignore", "wb") as stream:
            stream.write(IGNORE_ALL)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def remove_staging(staging: Path) -> None:
    """Remove a staging folder and whatever is left in it."""
    shutil.rmtree(staging, ignore_errors=True)


def _owner_pid(name: str) -> Optional[int]:
    """The process id in a staging folder's name, or None when the name is not one."""
    parts = name[len(STAGING_PREFIX):].split("-")
    if len(parts) != 2 or not parts[0].isdigit():
        return None
    return int(parts[0])


def _running(pid: int) -> bool:
    """Whether a process with this id exists (a process of another user counts as running).

    On Windows ``os.kill`` would end the process, so there every owner counts as
    running and only age makes a staging folder stale.
    """
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _is_stale(entry: "os.DirEntry[str]") -> bool:
    name = entry.name
    if name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
        pid = _owner_pid(name)
        if pid is None:
            return False
        try:
            age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            return False
        return not _running(pid) or age > STALE_SECONDS
    return name.startswith(".") and name.endswith(LEGACY_SUFFIX) and entry.is_file(follow_symlinks=False)


def remove_stale(folders: Iterable[Path]) -> List[Path]:
    """Remove the temporary files and staging folders killed runs left in ``folders``; returns what was removed."""
    removed: List[Path] = []
    for folder in sorted(set(folders)):
        try:
            entries = [entry for entry in os.scandir(folder) if _is_stale(entry)]
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
