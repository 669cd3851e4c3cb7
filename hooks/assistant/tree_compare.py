# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The protected files of one work tree against HEAD, judged by ``prefguard guard`` itself.

After a Bash call (and at Stop) nobody knows what the command wrote, so the
protected files are compared with git: ``git status`` names what differs
from HEAD, and every changed memory file, configured protected file,
baseline or prefguard configuration is judged by :func:`hooks.commands.guard.guard`
exactly as the commit-time guard judges the staged change, once with the
work tree as the new side and once with the index where the index differs
from both. The final-state checks (MEM003, MEM004) are left out: they judge
the tree, not a change.

Git objects are read through one ``git cat-file --batch`` process; the work
tree's files are read from disk. Only changed files with a data suffix are
judged (any changed file when the configuration protects more names), so a
Bash call that touched no protected file costs one ``git status``.
"""

import os
import shlex
import subprocess
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from hooks.assistant.project import configures_guard

DATA_SUFFIXES = ("json", ".yaml", ".yml", ".toml", ".ipynb")
WORK_TREE = "<work tree>"
INDEX = "<index>"
TOKEN = "work-tree:"
FINAL_STATE_CODES = frozenset({"MEM003", "MEM004"})
ZERO = frozenset("0")


@dataclass(frozen=True)
class StatusEntry:
    """One path ``git status`` reports: index and work tree letters, HEAD and index blob ids."""

    index_letter: str
    tree_letter: str
    head_sha: Optional[str]
    index_sha: Optional[str]
    path: str
    original: Optional[str] = None


@dataclass(frozen=True)
class ProtectedFinding:
    """A finding of the guard on one protected file, and how to undo the change that caused it."""

    code: str
    path: str
    message: str
    restore: str
    fingerprint: str


def _blob_id(text: str) -> Optional[str]:
    return None if set(text) <= ZERO else text


def parse_status(output: bytes) -> List[StatusEntry]:
    """Entries of ``git status --porcelain=v2 -z`` (ordinary, renamed and unmerged; untracked skipped)."""
    records = output.split(b"\0")
    entries: List[StatusEntry] = []
    index = 0
    while index < len(records):
        record = os.fsdecode(records[index])
        index += 1
        if record.startswith("1 "):
            fields = record.split(" ", 8)
            entries.append(StatusEntry(fields[1][0], fields[1][1], _blob_id(fields[6]), _blob_id(fields[7]), fields[8]))
        elif record.startswith("2 "):
            fields = record.split(" ", 9)
            original = os.fsdecode(records[index]) if index < len(records) else None
            index += 1
            entries.append(StatusEntry(fields[1][0], fields[1][1], _blob_id(fields[6]), _blob_id(fields[7]), fields[9], original))
        elif record.startswith("u "):
            fields = record.split(" ", 10)
            entries.append(StatusEntry("U", "U", _blob_id(fields[7]), None, fields[10]))
    return entries


def _git(root: str, *args: str) -> Optional[bytes]:
    try:
        result = subprocess.run(["git", "--no-optional-locks", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def changed_entries(root: str) -> List[StatusEntry]:
    """What differs from HEAD in the index or the tracked files of the work tree."""
    output = _git(root, "-c", "core.quotepath=off", "status", "--porcelain=v2", "-z", "--untracked-files=no", "--ignore-submodules=all")
    return parse_status(output) if output else []


class GitObjects:
    """The part of :class:`hooks.vcs.changes.GitHistory` the guard reads, over one ``cat-file`` process.

    Trees are named ``HEAD``, :data:`INDEX` (the staged blobs) or
    :data:`WORK_TREE` (files on disk, given ids of their own).
    """

    def __init__(self, root: str) -> None:
        self.root = root
        self._process: Optional[subprocess.Popen] = None
        self._contents: Dict[str, bytes] = {}

    def _query(self, name: str) -> Optional[Tuple[str, bytes]]:
        if "\n" in name:
            return None
        if self._process is None:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(os.fsencode(name) + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:
            return None
        sha, kind, size = header[0].decode("ascii"), header[1], int(header[2])
        data = process.stdout.read(size + 1)[:size]
        if kind != b"blob":
            return None
        self._contents[sha] = data
        return sha, data

    def tree_blob(self, tree: Optional[str], path: str) -> Optional[str]:
        """The id of ``path`` in a tree, or None when it is absent there."""
        if tree is None:
            return None
        if tree == WORK_TREE:
            return TOKEN + path if os.path.isfile(os.path.join(self.root, path)) else None
        found = self._query(f":{path}" if tree == INDEX else f"{tree}:{path}")
        return found[0] if found else None

    def blob(self, sha: str) -> bytes:
        """The content of an id from :meth:`tree_blob` (a git blob or a work tree file)."""
        if sha.startswith(TOKEN):
            with open(os.path.join(self.root, sha[len(TOKEN):]), "rb") as handle:
                return handle.read()
        if sha not in self._contents:
            found = self._query(sha)
            if found is None:
                raise OSError(f"git has no blob {sha}")
        return self._contents[sha]

    def close(self) -> None:
        """End the ``cat-file`` process."""
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait()
            self._process = None


def _candidates(root: str, entries: List[StatusEntry]) -> List[StatusEntry]:
    if configures_guard(root):
        return entries
    return [entry for entry in entries if any(path.lower().endswith(DATA_SUFFIXES) for path in (entry.path, entry.original) if path)]


def restore_command(entry: StatusEntry) -> str:
    """The git command that puts the file back as HEAD has it (or says there is nothing to restore)."""
    quoted = shlex.quote(entry.original or entry.path)
    if entry.head_sha is None:
        return f"`git rm --cached --quiet -- {shlex.quote(entry.path)}` and fix the file (it is not in HEAD, so there is nothing to restore)"
    if entry.index_letter == "." and entry.original is None:
        return f"`git checkout -- {quoted}`"
    return f"`git restore --source=HEAD --staged --worktree -- {quoted}`"


def fingerprint(root: str, entry: StatusEntry) -> str:
    """What the file is now (size and time on disk, index blob): a finding is reported once per state."""
    try:
        status = os.stat(os.path.join(root, entry.path))
        on_disk = f"{status.st_size}:{status.st_mtime_ns}"
    except OSError:
        on_disk = "absent"
    return f"{on_disk}:{entry.index_sha or '-'}"


def _changes(entries: List[StatusEntry], root: str, side: str) -> List[object]:
    from hooks.vcs.changes import FileChange

    changes: List[object] = []
    for entry in entries:
        if side == INDEX:
            if entry.index_letter in (".", "U") or entry.tree_letter == ".":
                continue
            new_sha = entry.index_sha if entry.index_letter != "D" else None
        else:
            new_sha = TOKEN + entry.path if os.path.isfile(os.path.join(root, entry.path)) else None
        old_path = entry.original or entry.path
        if entry.head_sha is None and new_sha is None:
            continue
        if entry.head_sha is None:
            changes.append(FileChange("A", None, entry.path, None, new_sha))
        elif new_sha is None:
            changes.append(FileChange("D", old_path, None, entry.head_sha, None))
        elif entry.original is not None:
            changes.append(FileChange("R", old_path, entry.path, entry.head_sha, new_sha))
        else:
            changes.append(FileChange("M", entry.path, entry.path, entry.head_sha, new_sha))
    return changes


def protected_findings(root: str) -> List[ProtectedFinding]:
    """What the commit-time guard would refuse in the protected files of ``root``'s work tree and index."""
    entries = _candidates(root, changed_entries(root))
    if not entries:
        return []
    from pathlib import Path

    from hooks.commands.gate import GatePaths
    from hooks.commands.guard import build_context, guard
    from hooks.config_loader import load_settings
    from hooks.vcs.changes import ChangeSet, Snapshot

    settings = load_settings(start=Path(root))
    context = build_context(settings, [])
    context.unguarded = (GatePaths(settings, root).baseline,)
    objects = GitObjects(root)
    found: Dict[Tuple[str, str, str], ProtectedFinding] = {}
    by_path = {path: entry for entry in entries for path in (entry.path, entry.original) if path}
    try:
        for side, label in ((WORK_TREE, "the work tree"), (INDEX, "the index")):
            changes = _changes(entries, root, side)
            if not changes:
                continue
            changeset = ChangeSet(
                commit=None,
                message="",
                changes=changes,
                old=Snapshot(objects, "HEAD", label="HEAD"),
                new=Snapshot(objects, side, label=label),
            )
            for finding in guard(objects, [changeset], Snapshot(objects, None), context):
                entry = by_path.get(finding.path)
                if finding.code in FINAL_STATE_CODES or entry is None:
                    continue
                key = (finding.code, finding.path, finding.pointer or "")
                found.setdefault(
                    key,
                    ProtectedFinding(finding.code, finding.path, finding.message, restore_command(entry), fingerprint(root, entry)),
                )
    finally:
        objects.close()
    return list(found.values())
