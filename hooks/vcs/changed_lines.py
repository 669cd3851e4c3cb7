# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which lines a change touched: the work tree against HEAD, the staged change, or a ref range.

The list of changed paths (with renames, ``-M``) comes from ``git diff --raw``
read by :func:`hooks.vcs.changes.parse_raw_diff`; old versions come from one
``git cat-file --batch``. Line numbers are computed here with ``difflib``
from the two versions, so paths with any character work and no patch text is
parsed. Renames are followed: a renamed file's old version is its old path's.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Optional, Set

from checks.baseline.changed_scope import NEW_FILE, FileChangeLines, changed_line_numbers
from checks.baseline.fingerprint import split_lines
from hooks.errors import UsageError
from hooks.runtime.files import git_toplevel
from hooks.vcs.blobs import read_objects, run_git
from hooks.vcs.changes import FETCH_HINT, GitError, parse_raw_diff


@dataclass
class ChangedLines:
    """The changed files of one comparison, their old versions, and a lazy line diff per file."""

    top: Path
    old_blobs: Dict[str, bytes]
    old_sha_of: Dict[str, Optional[str]]
    renamed_from: Dict[str, str]
    base_paths: Optional[FrozenSet[str]]
    _computed: Dict[str, Optional[FileChangeLines]] = field(default_factory=dict)

    def relative(self, absolute: Path) -> Optional[str]:
        """The path relative to the work tree root (None outside it)."""
        try:
            return absolute.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None

    def for_file(self, absolute: Path, new_data: Callable[[], bytes]) -> Optional[FileChangeLines]:
        """How the file changed (None: not at all); ``new_data`` gives its checked version."""
        relative = self.relative(absolute)
        if relative is None:
            return None
        if relative not in self._computed:
            self._computed[relative] = self._compute(relative, new_data)
        return self._computed[relative]

    def _compute(self, relative: str, new_data: Callable[[], bytes]) -> Optional[FileChangeLines]:
        if self.base_paths is None:
            return NEW_FILE
        if relative not in self.old_sha_of:
            return None if relative in self.base_paths else NEW_FILE
        sha = self.old_sha_of[relative]
        if sha is None or sha not in self.old_blobs:
            return NEW_FILE
        lines = changed_line_numbers(split_lines(self.old_blobs[sha]), split_lines(new_data()))
        return FileChangeLines(is_new=False, lines=lines)


def _has_commit(top: Path, ref: str) -> bool:
    try:
        run_git(top, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
    except UsageError:
        return False
    return True


def _is_shallow(top: Path) -> bool:
    try:
        return run_git(top, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except UsageError:
        return False


def changed_lines(root: Path, staged: bool = False, from_ref: Optional[str] = None, to_ref: Optional[str] = None) -> ChangedLines:
    """The changed lines of the staged change, of ``from_ref...to_ref``, or of the work tree against HEAD."""
    top = git_toplevel(root)
    if top is None:
        raise UsageError(f"--changed needs a git work tree and {root} is not inside one; run it in the repository or drop --changed")
    if from_ref is not None and to_ref is not None:
        for ref in (from_ref, to_ref):
            if not _has_commit(top, ref):
                hint = FETCH_HINT if _is_shallow(top) else "check the ref name"
                raise UsageError(f"--changed: {ref!r} is not a commit here; {hint}")
        try:
            base = run_git(top, "merge-base", from_ref, to_ref).decode("ascii").strip()
        except UsageError:
            raise UsageError(f"--changed: {from_ref!r} and {to_ref!r} share no history here; {FETCH_HINT}") from None
        revisions = [base, to_ref]
    elif not _has_commit(top, "HEAD"):
        return ChangedLines(top, {}, {}, {}, None)
    else:
        base = "HEAD"
        revisions = ["--cached", "HEAD"] if staged else ["HEAD"]
    try:
        raw = run_git(top, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff", "--ignore-submodules=all", *revisions)
        changes = parse_raw_diff(raw)
    except GitError as error:
        raise UsageError(str(error)) from None
    old_sha_of: Dict[str, Optional[str]] = {}
    renamed_from: Dict[str, str] = {}
    for change in changes:
        if change.new_path is None:
            continue
        old_sha_of[change.new_path] = change.old_sha
        if change.status == "R" and change.old_path is not None:
            renamed_from[change.new_path] = change.old_path
    old_blobs = read_objects(top, sorted({sha for sha in old_sha_of.values() if sha}))
    listing = run_git(top, "ls-tree", "-r", "-z", "--name-only", "--full-tree", base)
    base_paths = frozenset(raw_name.decode("utf-8", "surrogateescape") for raw_name in listing.split(b"\0") if raw_name)
    return ChangedLines(top, old_blobs, old_sha_of, renamed_from, base_paths)


def renames_since(root: Path, tracked_file: Path) -> Dict[str, str]:
    """Files renamed (old path to new path, relative to ``root``) since ``tracked_file`` last changed in git.

    The comparison is the work tree against the last commit that touched
    ``tracked_file`` (HEAD when it never was committed); empty outside git or
    before the first commit.
    """
    top = git_toplevel(root)
    if top is None or not _has_commit(top, "HEAD"):
        return {}
    try:
        relative_file = tracked_file.resolve().relative_to(top).as_posix()
        last = run_git(top, "log", "-1", "--format=%H", "--", relative_file).decode("ascii").strip() or "HEAD"
        changes = parse_raw_diff(run_git(top, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff", "--ignore-submodules=all", last))
    except (UsageError, GitError, ValueError):
        return {}
    resolved_root = root.resolve()
    renames: Dict[str, str] = {}
    for change in changes:
        if change.status != "R" or change.old_path is None or change.new_path is None:
            continue
        try:
            old = (top / change.old_path).relative_to(resolved_root).as_posix()
            new = (top / change.new_path).relative_to(resolved_root).as_posix()
        except ValueError:
            continue
        renames[old] = new
    return renames


def rename_targets(root: Path) -> Set[str]:
    """Paths (relative to ``root``) that the work tree renamed from a file of HEAD, as git records it."""
    top = git_toplevel(root)
    if top is None or not _has_commit(top, "HEAD"):
        return set()
    try:
        changes = parse_raw_diff(run_git(top, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff", "--ignore-submodules=all", "HEAD"))
    except (UsageError, GitError):
        return set()
    resolved_root = root.resolve()
    targets: Set[str] = set()
    for change in changes:
        if change.status == "R" and change.new_path is not None:
            try:
                targets.add((top / change.new_path).relative_to(resolved_root).as_posix())
            except ValueError:
                continue
    return targets
