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
from both. The final-state checks (the missing-memory-file and archive-due
codes) are left out: they judge the tree, not a change; the module checks
of the same family cannot arise, as no Python file is part of the change.

Git objects are read through one ``git cat-file --batch`` process; the work
tree's files are read from disk. Only changed files with a data suffix are
judged (any changed file when the configuration protects more names), so a
Bash call that touched no protected file costs one ``git status``.
"""

from __future__ import annotations

import os
import subprocess

from hooks.assistant.project import configures_guard

DATA_SUFFIXES = ("json", ".yaml", ".yml", ".toml", ".ipynb")
WORK_TREE = "<work tree>"
INDEX = "<index>"
TOKEN = "work-tree:"
FINAL_STATE_PREFIX = "MEM"
ZERO = frozenset("0")


class StatusEntry:
    """One path ``git status`` reports: index and work tree letters, HEAD and index blob ids."""

    __slots__ = ("index_letter", "tree_letter", "head_sha", "index_sha", "path", "original")

    def __init__(self, index_letter: str, tree_letter: str, head_sha: str | None, index_sha: str | None, path: str, original: str | None = None) -> None:
        self.index_letter = index_letter
        self.tree_letter = tree_letter
        self.head_sha = head_sha
        self.index_sha = index_sha
        self.path = path
        self.original = original


class ProtectedFinding:
    """A finding of the guard on one protected file, and how to undo the change that caused it."""

    __slots__ = ("code", "path", "message", "restore")

    def __init__(self, code: str, path: str, message: str, restore: str) -> None:
        self.code = code
        self.path = path
        self.message = message
        self.restore = restore


def _blob_id(text: str) -> str | None:
    return None if set(text) <= ZERO else text


def parse_status(output: bytes) -> list[StatusEntry]:
    """Entries of ``git status --porcelain=v2 -z`` (ordinary, renamed and unmerged; untracked skipped)."""
    records = output.split(b"\0")
    entries: list[StatusEntry] = []
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


def _git(root: str, *args: str) -> bytes | None:
    try:
        result = subprocess.run(["git", "--no-optional-locks", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def changed_entries(root: str) -> list[StatusEntry]:
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
        self._process: subprocess.Popen | None = None
        self._contents: dict[str, bytes] = {}

    def _query(self, name: str) -> tuple[str, bytes] | None:
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

    def tree_blob(self, tree: str | None, path: str) -> str | None:
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


def _candidates(root: str, entries: list[StatusEntry]) -> list[StatusEntry]:
    if configures_guard(root):
        return entries
    return [entry for entry in entries if any(path.lower().endswith(DATA_SUFFIXES) for path in (entry.path, entry.original) if path)]


def restore_command(entry: StatusEntry) -> str:
    """The git command that puts the file back as HEAD has it (or says there is nothing to restore)."""
    import shlex

    quoted = shlex.quote(entry.original or entry.path)
    if entry.head_sha is None:
        return f"`git rm --cached --quiet -- {shlex.quote(entry.path)}` and fix the file (it is not in HEAD, so there is nothing to restore)"
    if entry.index_letter == "." and entry.original is None:
        return f"`git checkout -- {quoted}`"
    return f"`git restore --source=HEAD --staged --worktree -- {quoted}`"


def fingerprint(root: str, entry: StatusEntry) -> str:
    """What the file is now (size and time on disk, index and HEAD blobs): it is judged once per state."""
    try:
        status = os.stat(os.path.join(root, entry.path))
        on_disk = f"{status.st_size}:{status.st_mtime_ns}"
    except OSError:
        on_disk = "absent"
    return f"{on_disk}:{entry.index_sha or '-'}:{entry.head_sha or '-'}:{entry.original or ''}"


def _changes(entries: list[StatusEntry], root: str, side: str) -> list[object]:
    from hooks.vcs.changes import FileChange

    changes: list[object] = []
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


class AppendContext:
    """What the append reading needs of the guard's context (policies, enabled codes, memory folder), without loading the guard.

    The baseline is never read this way: the guard leaves it to its own gate.
    """

    def __init__(self, settings: object) -> None:
        from checks.guard.json_guard import build_policies

        table = settings.table("json-guard")
        self.settings = settings
        self.memory_dir = str(table["memory-dir"]).strip().strip("/")
        self.policies = build_policies(table, self.memory_dir, settings.source)
        self.baseline_name = str(settings.value("baseline")).rsplit("/", 1)[-1]

    def policy_for(self, path: str) -> object:
        """The guard policy of a path (None for the baseline and unguarded paths)."""
        if path.rsplit("/", 1)[-1] == self.baseline_name:
            return None
        return self.policies.policy_for(path)

    def enabled(self, code: str, path: str) -> bool:
        """Whether a code is reported for a path, as the guard decides it."""
        return code in self.settings.codes_for(path) and not self.settings.is_excluded(path)


def judged_as_append(entry: StatusEntry, context: object, objects: GitObjects) -> list[object] | None:
    """The guard's findings on a work-tree change that only appends to a JSON array, or None to judge it whole.

    Exactly what :func:`hooks.commands.guard.guard` reports for such a change
    (no JSN001, since every committed element is unchanged; JSN005 for the
    appended entries of a memory file), without reading the committed
    elements again: see :mod:`checks.assistant.appended`.
    """
    from checks.assistant.appended import appended_elements_text
    from checks.guard.documents import document_format
    from checks.guard.json_guard import MODE_APPEND_ONLY
    from checks.guard.memory_rules import memory_kind, schema_findings
    from checks.guard.strict_json import StrictJsonError, decode_bytes, loads

    if entry.index_letter != "." or entry.tree_letter != "M" or entry.original is not None or entry.head_sha is None:
        return None
    policy = context.policy_for(entry.path)
    if policy is None or policy.mode != MODE_APPEND_ONLY or document_format(entry.path) != "json":
        return None
    try:
        new_text = decode_bytes(objects.blob(TOKEN + entry.path))
        old_text = decode_bytes(objects.blob(entry.head_sha))
    except (OSError, StrictJsonError):
        return None
    appended = appended_elements_text(old_text, new_text)
    from hooks.assistant.session import CommittedArrays

    count = CommittedArrays(objects.root).length_of(entry.head_sha, old_text) if appended is not None else None
    if appended is None or count is None:
        return None
    try:
        elements = loads(appended)
    except StrictJsonError:
        return None
    if not isinstance(elements, list) or not elements:
        return None
    kind = memory_kind(entry.path, context.memory_dir)
    if kind is None or not context.enabled("JSN005", entry.path):
        return []
    return schema_findings(kind, [None] * count + elements, entry.path, new_text, None, count)


def protected_findings(root: str, state: object = None) -> list[ProtectedFinding]:
    """What the commit-time guard would refuse in the protected files of ``root``'s work tree and index.

    With a session ``state`` (:class:`hooks.assistant.session.SessionState`),
    files whose state was judged before are skipped and the others recorded.
    """
    entries = _candidates(root, changed_entries(root))
    if state is not None:
        entries = [entry for entry in entries if state.is_new(f"{root}\0{entry.path}", fingerprint(root, entry))]
    if not entries:
        return []
    from pathlib import Path

    from hooks.config_loader import load_settings

    settings = load_settings(start=Path(root))
    objects = GitObjects(root)
    found: dict[tuple[str, str, str], tuple[object, str]] = {}
    by_path = {path: entry for entry in entries for path in (entry.path, entry.original) if path}
    try:
        light = AppendContext(settings)
        whole = []
        for entry in entries:
            shortcut = judged_as_append(entry, light, objects)
            if shortcut is None:
                whole.append(entry)
            for finding in shortcut or []:
                found.setdefault((finding.code, finding.path, finding.message), (finding, restore_command(entry)))
        if whole:
            _judge_whole(root, settings, whole, objects, by_path, found)
    finally:
        objects.close()
    ordered = sorted(found.values(), key=lambda pair: pair[0].sort_key())
    return [ProtectedFinding(finding.code, finding.path, finding.message, restore) for finding, restore in ordered]


def _judge_whole(
    root: str,
    settings: object,
    entries: list[StatusEntry],
    objects: GitObjects,
    by_path: dict[str, StatusEntry],
    found: dict[tuple[str, str, str], tuple[object, str]],
) -> None:
    """Judge changed protected files with :func:`hooks.commands.guard.guard`, work tree and index as new sides."""
    from hooks.commands.gate import GatePaths
    from hooks.commands.guard import build_context, guard
    from hooks.vcs.changes import ChangeSet, Snapshot

    context = build_context(settings, [])
    context.unguarded = (GatePaths(settings, root).baseline,)
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
            if finding.code.startswith(FINAL_STATE_PREFIX) or entry is None:
                continue
            found.setdefault((finding.code, finding.path, finding.message), (finding, restore_command(entry)))
