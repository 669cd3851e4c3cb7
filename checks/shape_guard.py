# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Refuse pathological source shapes before libcst sees them.

libcst's parser slows down sharply (and can overflow its native stack) on
inputs nested thousands of levels deep, which CPython itself rejects or which
no person writes. A cheap scan picks the suspicious files; only those pay for
a CPython parse that measures the real nesting depth.
"""

import ast
from typing import Optional, Tuple

MAX_DEPTH = 400
_SUSPICIOUS_LINE_CHARS = 4000
_SUSPICIOUS_LINES = 20000
_SUSPICIOUS_BRACKETS = 100


def _bracket_depth(text: str) -> int:
    depth = 0
    deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif char in ")]}" and depth:
            depth -= 1
    return deepest


def _is_suspicious(text: str) -> bool:
    lines = text.splitlines()
    if len(lines) > _SUSPICIOUS_LINES:
        return True
    if lines and max(len(line) for line in lines) > _SUSPICIOUS_LINE_CHARS:
        return True
    return text.count("(") + text.count("[") + text.count("{") > _SUSPICIOUS_BRACKETS and _bracket_depth(text) > _SUSPICIOUS_BRACKETS


def _ast_depth(tree: ast.AST) -> int:
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def shape_problem(text: str) -> Optional[Tuple[str, int, int]]:
    """None when the text is safe to give libcst, else (message, line, column)."""
    if not _is_suspicious(text):
        return None
    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        return f"syntax error: {error.msg}", error.lineno or 1, error.offset or 1
    except (RecursionError, MemoryError, ValueError):
        return "nesting too deep to parse", 1, 1
    depth = _ast_depth(tree)
    if depth > MAX_DEPTH:
        return f"syntax tree nested {depth} levels deep (limit {MAX_DEPTH}); not checked", 1, 1
    return None
