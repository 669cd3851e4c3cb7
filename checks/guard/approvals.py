# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Approvals of protected-file changes: ``PATH#POINTER`` values from commit trailers or ``--approve``.

An approval names a repository-relative file and an RFC 6901 JSON pointer;
it allows that field (and everything below it) of that file to change in one
commit (docs/guard.md). A percent-encoded pointer stands for its decoded form too.

Commit trailers are read with git's own rules (``git interpret-trailers --parse``,
trailer.c): only the last paragraph of the message can be the trailer block,
never the first one (the subject); a ``---`` line starts the patch part; a line
is a trailer when it is ``TOKEN: value`` with a token of letters, digits and
``-``; indented lines continue the trailer above them; the paragraph is a
trailer block when every line is a trailer, or when a git-generated trailer
(``Signed-off-by: ``, ``(cherry picked from commit ``) is present and at least
a quarter of its lines are trailers. The approval key must match exactly.
"""

from typing import Dict, List, Optional, Tuple
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


GIT_GENERATED_PREFIXES: Tuple[str, ...] = ("Signed-off-by: ", "(cherry picked from commit ")
COMMENT_CHAR = "#"


def _separator_at(line: str) -> int:
    """Where the ``:`` of a ``TOKEN: value`` line is (git's ``find_separator``), or -1."""
    spaced = False
    for index, char in enumerate(line):
        if char == ":":
            return index
        if not spaced and (char.isascii() and char.isalnum() or char == "-"):
            continue
        if index > 0 and char in " \t":
            spaced = True
            continue
        break
    return -1


def _is_blank(line: str) -> bool:
    return not line.strip()


def _message_lines(message: str) -> List[str]:
    """The lines git considers: the patch part (from a ``---`` line) and trailing comments/blanks dropped."""
    lines: List[str] = []
    for line in message.replace("\r\n", "\n").split("\n"):
        if line.startswith("---") and (len(line) == 3 or line[3].isspace()):
            break
        lines.append(line)
    while lines and (_is_blank(lines[-1]) or lines[-1].startswith(COMMENT_CHAR)):
        lines.pop()
    return lines


def _end_of_title(lines: List[str]) -> int:
    """Index of the first line after the subject paragraph (the title cannot hold trailers)."""
    for index, line in enumerate(lines):
        if line.startswith(COMMENT_CHAR):
            continue
        if _is_blank(line):
            return index
    return len(lines)


def _trailer_block_start(lines: List[str]) -> Optional[int]:
    """The first line of the trailer block (git's ``find_trailer_block_start``), or None when there is none."""
    title_end = _end_of_title(lines)
    trailer_lines = non_trailer_lines = continuation_lines = 0
    recognized = False
    for index in range(len(lines) - 1, title_end - 1, -1):
        line = lines[index]
        if line.startswith(COMMENT_CHAR):
            non_trailer_lines += continuation_lines
            continuation_lines = 0
            continue
        if _is_blank(line):
            non_trailer_lines += continuation_lines
            if (recognized and trailer_lines * 3 >= non_trailer_lines) or (trailer_lines and not non_trailer_lines):
                return index + 1
            return None
        if line.startswith(GIT_GENERATED_PREFIXES):
            trailer_lines += 1
            continuation_lines = 0
            recognized = True
        elif _separator_at(line) >= 1 and not line[0].isspace():
            trailer_lines += 1
            continuation_lines = 0
        elif line[0].isspace():
            continuation_lines += 1
        else:
            non_trailer_lines += 1 + continuation_lines
            continuation_lines = 0
    return None


def parse_trailers(message: str) -> List[Tuple[str, str]]:
    """``(key, value)`` of every trailer of a message, as ``git interpret-trailers --parse`` prints them.

    Continuation lines are unfolded into their trailer; lines of the block that
    are not trailers (and comments) are skipped.
    """
    lines = _message_lines(message)
    start = _trailer_block_start(lines)
    if start is None:
        return []
    trailers: List[Tuple[str, str]] = []
    for line in lines[start:]:
        if line.startswith(COMMENT_CHAR):
            continue
        if line[:1].isspace() and trailers:
            key, value = trailers[-1]
            trailers[-1] = (key, f"{value} {line.strip()}".strip())
            continue
        separator = _separator_at(line)
        if separator >= 1 and not line[0].isspace():
            trailers.append((line[:separator].strip(), line[separator + 1:].strip()))
    return trailers


def trailer_approvals(message: str, trailer: str) -> Approvals:
    """Approvals from the ``Trailer: PATH#POINTER`` trailers of a commit message (exact key; invalid values ignored)."""
    approvals: Approvals = {}
    for key, value in parse_trailers(message):
        if key != trailer:
            continue
        try:
            path, pointers = parse_approval(value)
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
