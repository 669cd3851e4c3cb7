# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The file header of the policy: reading it from text and inserting it into a tree."""

import datetime
import re
from typing import Any, Dict, List, Optional, Pattern

import libcst as cst

from checks.config.paths import matches_any
from checks.engine.rule import FileContext

CODING_LINE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")
HEADER_SCAN_LINES = 12


def header_applies(context: FileContext) -> bool:
    """Headers are required on new files that the exempt globs do not cover."""
    return context.is_new and not matches_any(context.path, context.settings.table("header")["exempt"])


def leading_comment_lines(lines: List[str]) -> List[str]:
    """The comment block at the very top of a file (blank lines allowed inside)."""
    block = []
    for line in lines[:HEADER_SCAN_LINES]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        block.append(line)
    return block


def has_shebang(lines: List[str]) -> bool:
    """Whether the first line is a ``#!`` line."""
    return bool(lines) and lines[0].startswith("#!")


def coding_line_index(lines: List[str]) -> Optional[int]:
    """0-based index of the PEP 263 line when it sits where Python reads it."""
    for index in range(min(2, len(lines))):
        if CODING_LINE.match(lines[index]):
            return index
        if index == 0 and not has_shebang(lines):
            break
    return None


def required_year(header: Dict[str, Any]) -> int:
    """The year a copyright range must reach: configured, else the current year."""
    return header["year"] or datetime.date.today().year


def copyright_pattern(template: str) -> Pattern[str]:
    """A regex for the copyright template, ``{years}`` capturing ``first`` and ``last``."""
    before, _, after = template.strip().partition("{years}")
    years = r"(?P<first>\d{4})(?:\s*[-\u2013]\s*(?P<last>\d{4}))?"
    body = re.escape(before.lstrip("#").lstrip()) + years + re.escape(after)
    body = body.replace(r"\ ", r"\s+")
    return re.compile(r"^\s*#\s*" + body + r"\s*$", re.IGNORECASE)


def comment_text(text: str) -> str:
    """A configured header line normalised to a comment (``#`` added when missing)."""
    text = text.strip()
    return text if text.startswith("#") else f"# {text}"


def tree_header_lines(module: cst.Module) -> List[str]:
    """The module header as text lines (comments, or empty strings for blank lines)."""
    return [line.comment.value if line.comment is not None else "" for line in module.header]


def after_coding_position(module: cst.Module) -> int:
    """Index in the module header just after the coding line (or shebang, or 0)."""
    lines = tree_header_lines(module)
    index = coding_line_index(lines)
    if index is not None:
        return index + 1
    return 1 if has_shebang(lines) else 0


def insert_header_lines(module: cst.Module, position: int, texts: List[str]) -> cst.Module:
    """Insert comment lines into the module header at a line index of the header."""
    header = list(module.header)
    new_lines = [cst.EmptyLine(comment=cst.Comment(text)) for text in texts]
    return module.with_changes(header=header[:position] + new_lines + header[position:])


def replace_header_line(module: cst.Module, position: int, text: str) -> cst.Module:
    """Replace the comment of one header line."""
    header = list(module.header)
    if position >= len(header):
        return module
    header[position] = header[position].with_changes(comment=cst.Comment(text))
    return module.with_changes(header=header)
