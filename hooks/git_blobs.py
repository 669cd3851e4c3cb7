# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""File contents straight from git: the index (``--staged``) or a commit (``--to-ref``).

Plain ``git`` subprocesses: one listing and one ``cat-file --batch`` per run,
so checking never pays for importing GitPython.
"""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from hooks.errors import UsageError
from hooks.files import git_toplevel


@dataclass(frozen=True)
class Blob:
    """One changed file as git stores it."""

    absolute: Path
    relative: str
    display: str
    data: bytes
    is_new: bool


def _git(top: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=top, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git {' '.join(args)} failed: {message}")
    return result.stdout


def _has_commit(top: Path, ref: str) -> bool:
    result = subprocess.run(["git", "rev-parse", "--verify", "-q", f"{ref}^{{commit}}"], cwd=top, capture_output=True, check=False)
    return result.returncode == 0


def read_objects(top: Path, specs: List[str]) -> Dict[str, bytes]:
    """Contents of ``<rev>:<path>`` or ``:<path>`` object names, via one cat-file process."""
    if not specs:
        return {}
    payload = "".join(f"{spec}\n" for spec in specs).encode("utf-8", "surrogateescape")
    result = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input=payload, capture_output=True, check=False)
    data = result.stdout
    contents: Dict[str, bytes] = {}
    position = 0
    for spec in specs:
        end = data.index(b"\n", position)
        header = data[position:end].split()
        position = end + 1
        if len(header) == 2 and header[1] == b"missing":
            continue
        size = int(header[2])
        contents[spec] = data[position:position + size]
        position += size + 1
    return contents


def changed_blobs(root: Path, staged: bool, from_ref: Optional[str], to_ref: Optional[str]) -> List[Blob]:
    """Added, copied, modified and renamed files of the staged change or the ref range."""
    top = git_toplevel(root)
    if top is None:
        raise UsageError(f"{root} is not inside a git work tree (needed by --staged and --from-ref)")
    if staged:
        base = "HEAD" if _has_commit(top, "HEAD") else None
        if base is None:
            listing = _git(top, "ls-files", "-z", "--cached")
        else:
            listing = _git(top, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", base)
        prefix = ":"
    else:
        for ref in (from_ref, to_ref):
            if not _has_commit(top, ref):
                raise UsageError(f"unknown ref {ref!r}: in a shallow clone, fetch more history (fetch-depth: 0)")
        listing = _git(top, "diff", "--name-only", "--diff-filter=ACMR", "-z", f"{from_ref}...{to_ref}")
        base = from_ref
        prefix = f"{to_ref}:"
    names = [os.fsdecode(raw) for raw in listing.split(b"\0") if raw]
    contents = read_objects(top, [prefix + name for name in names])
    present = set()
    if base is not None:
        present = set(os.fsdecode(raw) for raw in _git(top, "ls-tree", "-r", "-z", "--name-only", base).split(b"\0") if raw)
    cwd = Path.cwd()
    blobs = []
    for name in names:
        spec = prefix + name
        if spec not in contents:
            continue
        absolute = top / name
        try:
            display = Path(os.path.relpath(absolute, cwd)).as_posix()
        except ValueError:
            display = absolute.as_posix()
        try:
            relative = absolute.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            relative = name
        blobs.append(Blob(absolute, relative, display, contents[spec], name not in present))
    return blobs
