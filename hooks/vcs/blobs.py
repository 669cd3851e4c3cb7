# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""File contents straight from git: the index (``--staged``) or a commit (``--to-ref``).

Plain ``git`` subprocesses: one NUL-separated listing with object ids and one
``cat-file --batch`` per run, so checking never pays for importing GitPython
and any path (spaces, non-ASCII, even a newline) is read correctly.
"""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from hooks.errors import UsageError
from hooks.runtime.files import git_toplevel
from hooks.vcs.raw_diff import parse_raw_records

REGULAR_FILE_MODES = frozenset({"100644", "100755"})


@dataclass(frozen=True)
class Blob:
    """One changed file as git stores it."""

    absolute: Path
    relative: str
    display: str
    data: bytes
    is_new: bool


def run_git(top: Path, *args: str) -> bytes:
    """Raw stdout of one git command run at ``top``; a failure is a UsageError with git's message."""
    result = subprocess.run(["git", *args], cwd=top, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git {' '.join(args)} failed: {message}")
    return result.stdout


def _has_commit(top: Path, ref: str) -> bool:
    result = subprocess.run(["git", "rev-parse", "--verify", "-q", f"{ref}^{{commit}}"], cwd=top, capture_output=True, check=False)
    return result.returncode == 0


def read_objects(top: Path, names: List[str]) -> Dict[str, bytes]:
    """Contents of git objects named by full object id, via one ``cat-file --batch`` process.

    Callers pass object ids, never ``<rev>:<path>`` names: the batch protocol
    is line based, and a path may contain a newline.
    """
    if not names:
        return {}
    for name in names:
        if "\n" in name:
            raise UsageError(f"not an object id: {name!r}")
    payload = "".join(f"{name}\n" for name in names).encode("ascii")
    result = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input=payload, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git cat-file --batch failed: {message}")
    data = result.stdout
    contents: Dict[str, bytes] = {}
    position = 0
    for name in names:
        end = data.find(b"\n", position)
        if end == -1:
            raise UsageError("git cat-file --batch ended early")
        header = data[position:end].split()
        position = end + 1
        if len(header) != 3:
            continue
        size = int(header[2])
        if header[1] == b"blob":
            contents[name] = data[position:position + size]
        position += size + 1
    return contents


@dataclass(frozen=True)
class _Entry:
    """One changed path and the object id of its new content."""

    name: str
    mode: str
    object_id: str
    renamed_from: Optional[str] = None


def _raw_diff(top: Path, *revisions: str) -> List[_Entry]:
    """Added, copied, modified and renamed regular files of a ``git diff --raw -z`` listing.

    Renames are detected (``-M``) so that a renamed file is not taken for a new one.
    """
    output = run_git(top, "diff", "--raw", "-z", "--no-abbrev", "-M", "--diff-filter=ACMRT", *revisions)
    try:
        records = parse_raw_records(output)
    except ValueError as error:
        raise UsageError(str(error)) from None
    return [
        _Entry(record.final_path, record.new_mode, record.new_id, record.path if record.letter == "R" else None)
        for record in records
    ]


def _index_entries(top: Path) -> List[_Entry]:
    """Every stage-0 entry of the index (a repository without commits: all of it is new)."""
    entries = []
    for record in run_git(top, "ls-files", "-s", "-z").split(b"\0"):
        if not record:
            continue
        meta, _, raw_name = record.partition(b"\t")
        mode, object_id, stage = meta.decode("ascii", "replace").split()
        if stage == "0":
            entries.append(_Entry(os.fsdecode(raw_name), mode, object_id))
    return entries


def changed_blobs(root: Path, staged: bool, from_ref: Optional[str], to_ref: Optional[str]) -> List[Blob]:
    """Added, copied, modified and renamed files of the staged change or the ref range.

    Only regular files count: symbolic links (mode 120000) and submodules
    (mode 160000) have no source text of their own to check.
    """
    top = git_toplevel(root)
    if top is None:
        raise UsageError(f"{root} is not inside a git work tree (needed by --staged and --from-ref)")
    if staged:
        base = "HEAD" if _has_commit(top, "HEAD") else None
        entries = _index_entries(top) if base is None else _raw_diff(top, "--cached", base)
    else:
        for ref in (from_ref, to_ref):
            if not _has_commit(top, ref):
                raise UsageError(f"unknown ref {ref!r}: in a shallow clone, fetch more history (fetch-depth: 0)")
        entries = _raw_diff(top, f"{from_ref}...{to_ref}")
        base = from_ref
    entries = [entry for entry in entries if entry.mode in REGULAR_FILE_MODES]
    contents = read_objects(top, sorted({entry.object_id for entry in entries}))
    present = set()
    if base is not None:
        present = set(os.fsdecode(raw) for raw in run_git(top, "ls-tree", "-r", "-z", "--name-only", base).split(b"\0") if raw)
    cwd = Path.cwd()
    resolved_root = Path(root).resolve()
    blobs = []
    for entry in entries:
        if entry.object_id not in contents:
            continue
        absolute = top / entry.name
        try:
            display = Path(os.path.relpath(absolute, cwd)).as_posix()
        except ValueError:
            display = absolute.as_posix()
        try:
            relative = absolute.relative_to(resolved_root).as_posix()
        except ValueError:
            relative = entry.name
        is_new = entry.name not in present and entry.renamed_from not in present
        blobs.append(Blob(absolute, relative, display, contents[entry.object_id], is_new))
    return blobs
