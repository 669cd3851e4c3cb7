# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The data the guard judges: two trees and the file changes between them.

``hooks.vcs.changes`` builds these from git (a commit against its parent, the
index against HEAD, a whole range); the judgement in ``checks.guard`` reads
them through the :class:`Tree` interface only, so it stays a pure function of
the base and head snapshots.
"""

from dataclasses import dataclass, field
from typing import List, Optional, Protocol, Set, Tuple



REGULAR_MODES = ("100644", "100755")
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"


class Tree(Protocol):
    """One side of a comparison: blobs by path."""

    label: str
    commit: Optional[str]

    def blob_sha(self, path: str) -> Optional[str]:
        """The blob id of a regular file at a path, or None when there is none."""

    def read(self, path: str) -> Optional[bytes]:
        """The content of a regular file at a path, or None."""

    def blob(self, sha: str) -> bytes:
        """The content of a blob by id."""


def mode_name(mode: str) -> str:
    """What a git file mode stands for, in words."""
    if mode == SYMLINK_MODE:
        return "a symbolic link"
    if mode == SUBMODULE_MODE:
        return "a submodule (gitlink)"
    return f"an entry of mode {mode}"


@dataclass(frozen=True)
class FileChange:
    """One changed path: status ``A``, ``M``, ``D`` or ``R`` with blob ids per side.

    ``became`` is set when a regular file was replaced by something that is not
    one (a symbolic link, a gitlink): the change is then a deletion of the file.
    """

    status: str
    old_path: Optional[str]
    new_path: Optional[str]
    old_sha: Optional[str]
    new_sha: Optional[str]
    became: str = ""

    @property
    def path(self) -> str:
        """The path the change is reported under (the new one, or the deleted one)."""
        return self.new_path if self.new_path is not None else str(self.old_path)


@dataclass
class ChangeSet:
    """Everything one commit (or the staged index, or a whole range) changed, with both sides readable."""

    commit: Optional[str]
    message: str
    changes: List[FileChange]
    old: Tree
    new: Tree
    other_parents: List[Tuple[str, Tree, List[FileChange]]] = field(default_factory=list)
    combined: Optional[Set[str]] = None

    @property
    def is_merge(self) -> bool:
        """Whether the commit has more than one parent."""
        return bool(self.other_parents)

    def touched(self) -> Set[str]:
        """Every path the change names, on either side."""
        return {path for change in self.changes for path in (change.old_path, change.new_path) if path}
