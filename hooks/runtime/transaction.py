# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Several file writes that happen together or not at all.

Every write is staged first: each new content goes to a temporary file in a
git-ignored staging folder beside its target (:mod:`hooks.runtime.temporary`),
so a read-only folder or a full disk fails before any target changes. Then each temporary file replaces its target with
``os.replace``. If one replacement fails, or the caller calls
:meth:`WriteSet.rollback` after a later step fails, every target gets its
old bytes back (or is removed when it did not exist) and the folders the
set created are removed: the tree is left as it was. A target outside the
root or behind a symbolic link is refused before anything is written.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from hooks.runtime.files import confined_target
from hooks.runtime.temporary import remove_staging, staging_folder


class StaleFileError(Exception):
    """A target changed between planning and writing: ``args[0]`` names it."""


@dataclass(frozen=True)
class PlannedWrite:
    """One file to write: its path relative to the root, new bytes, old bytes (None: new file), what it does."""

    relative: str
    data: bytes
    old: Optional[bytes]
    summary: str


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class WriteSet:
    """The planned writes of one command, committed atomically as a group."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writes: List[PlannedWrite] = []
        self._done: List[Tuple[PlannedWrite, Path]] = []
        self._created_dirs: List[Path] = []

    def add(self, write: PlannedWrite) -> None:
        """Plan one write (a later write of the same path replaces the earlier plan)."""
        self.writes = [w for w in self.writes if w.relative != write.relative] + [write]

    def planned(self, relative: str) -> Optional[PlannedWrite]:
        """The write planned for one path, if any."""
        return next((w for w in self.writes if w.relative == relative), None)

    def _make_parent(self, target: Path) -> None:
        missing: List[Path] = []
        folder = target.parent
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            folder.mkdir()
            self._created_dirs.append(folder)

    def _current(self, target: Path) -> Optional[bytes]:
        return target.read_bytes() if target.exists() else None

    def commit(self) -> None:
        """Stage every write in a temporary file, then replace the targets; all or nothing."""
        staged: List[Tuple[PlannedWrite, Path, Path]] = []
        try:
            for write in self.writes:
                target = confined_target(self.root, self.root / write.relative)
                if self._current(target) != write.old:
                    raise StaleFileError(f"{write.relative} changed while prefguard init ran; nothing was written")
                self._make_parent(target)
                mode = target.stat().st_mode & 0o7777 if target.exists() else _new_file_mode()
                staging = staging_folder(target.parent)
                staged.append((write, target, staging))
                with open(staging / "content", "xb") as stream:
                    stream.write(write.data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(staging / "content", mode)
            for write, target, staging in staged:
                os.replace(staging / "content", target)
                self._done.append((write, target))
        except BaseException:
            for _write, _target, staging in staged:
                remove_staging(staging)
            self.rollback()
            raise
        for _write, _target, staging in staged:
            remove_staging(staging)

    def rollback(self) -> None:
        """Give every written target its old bytes back and remove what the set created."""
        for write, target in reversed(self._done):
            if write.old is None:
                if target.exists():
                    target.unlink()
            else:
                staging = staging_folder(target.parent)
                try:
                    with open(staging / "content", "xb") as stream:
                        stream.write(write.old)
                    os.chmod(staging / "content", target.stat().st_mode & 0o7777)
                    os.replace(staging / "content", target)
                finally:
                    remove_staging(staging)
        self._done = []
        for folder in reversed(self._created_dirs):
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        self._created_dirs = []
