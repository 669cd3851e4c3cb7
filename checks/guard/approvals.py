# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Approvals of protected-file changes: ``PATH#POINTER`` values from commit trailers or ``--approve``.

An approval names a repository-relative file and an RFC 6901 JSON pointer;
it allows that field (and everything below it) of that file to change in one
commit (docs/guard.md). A percent-encoded pointer stands for its decoded form too.
"""

import re
from typing import Dict, List, Tuple
from urllib.parse import unquote

from checks.guard.strict_json import is_valid_pointer

Approvals = Dict[str, List[str]]


def parse_approval(text: str) -> Tuple[str, List[str]]:
    """``PATH#POINTER`` to a normalized path and the pointer(s) it stands for (ValueError when malformed)."""
    if "#" not in text:
        raise ValueError(f"{text!r} is not PATH#POINTER (an RFC 6901 pointer after '#', e.g. data.json#/3/notes)")
    path, pointer = text.split("#", 1)
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    pointer = pointer.strip()
    if not path:
        raise ValueError(f"{text!r} names no file before '#'")
    pointers: List[str] = []
    for candidate in (pointer, unquote(pointer)):
        if is_valid_pointer(candidate) and candidate not in pointers:
            pointers.append(candidate)
    if not pointers:
        raise ValueError(f"{pointer!r} in {text!r} is not an RFC 6901 JSON pointer (empty or starting with '/')")
    return path, pointers


def trailer_approvals(message: str, trailer: str) -> Approvals:
    """Approvals from ``Trailer: PATH#POINTER`` lines of a commit message (invalid ones ignored)."""
    approvals: Approvals = {}
    pattern = re.compile(rf"^[ \t]*{re.escape(trailer)}[ \t]*:[ \t]*(\S.*?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
    for match in pattern.finditer(message):
        try:
            path, pointers = parse_approval(match.group(1))
        except ValueError:
            continue
        approvals.setdefault(path, []).extend(pointers)
    return approvals


def merge_approvals(*sources: Approvals) -> Approvals:
    """The approvals of several sources together (command line and commit message)."""
    merged: Approvals = {}
    for source in sources:
        for path, pointers in source.items():
            merged.setdefault(path, []).extend(pointers)
    return merged
