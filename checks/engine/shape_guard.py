# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Refuse pathological source shapes before libcst sees them.

libcst's native parser overflows its stack (the process dies with SIGSEGV) on
expressions nested a few thousand levels deep, and its Python code generator
and visitors recurse once per level, so a few hundred levels already exhaust
Python's recursion limit. CPython's own tree is flatter than libcst's: a chain
``a and b and c`` is one ``BoolOp`` but nested ``BooleanOperation`` nodes in
libcst, and implicitly concatenated strings are one constant but nested
``ConcatenatedString`` nodes. The estimate below counts those levels the way
libcst builds them.

Nesting deep enough to matter needs a long logical line (every level costs at
least one character outside string literals, or one string literal) or a long
``elif`` chain, so a cheap scan of the text picks the suspicious files; only
those pay for a CPython parse that measures the depth.
"""

import ast
import io
import re
import tokenize
from typing import List, Optional, Tuple

from checks.analysis.ast_parse import PARSE_FAILURES, parse_python

MAX_DEPTH = 400
_SUSPICIOUS_UNITS = 1000
_SUSPICIOUS_BRACKETS = 100
_SUSPICIOUS_ELIFS = 100
_LONG_STRING_CHARS = 64

_SCAN = re.compile(
    r"(?P<string>[rRbBuUfF]{0,2}(?:'''|\"\"\"|'|\"))"
    r"|(?P<comment>#[^\r\n]*)"
    r"|(?P<open>[(\[{])"
    r"|(?P<close>[)\]}])"
    r"|(?P<continuation>\\(?:\r\n|\r|\n))"
    r"|(?P<newline>\r\n|\r|\n)"
)
_STRING_END = {
    "'''": re.compile(r"(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)", re.DOTALL),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)', re.DOTALL),
    "'": re.compile(r"(?:[^'\\\r\n]|\\(?:\r\n|.))*(?:'|(?=[\r\n])|\Z)", re.DOTALL),
    '"': re.compile(r'(?:[^"\\\r\n]|\\(?:\r\n|.))*(?:"|(?=[\r\n])|\Z)', re.DOTALL),
}
_ELIF = re.compile(r"^[ \t\f]*elif\b", re.MULTILINE)
_STRING_TOKENS = frozenset(
    kind for kind in (tokenize.STRING, getattr(tokenize, "FSTRING_START", None)) if kind is not None
)


def _scan(text: str) -> Tuple[int, int]:
    """(the most nesting units on one logical line, the deepest bracket nesting).

    A unit is one character outside string literals and comments, or one
    string literal; an f-string counts all its characters, since replacement
    fields hold expressions. Brackets inside strings and comments are skipped.
    """
    longest = 0
    deepest = 0
    depth = 0
    start = 0
    skipped = 0
    position = 0
    while True:
        match = _SCAN.search(text, position)
        if match is None:
            break
        kind = match.lastgroup
        position = match.end()
        if kind == "string":
            opener = match.group()
            quote = opener.lstrip("rRbBuUfF")
            end = _STRING_END[quote].match(text, position)
            position = end.end() if end is not None else len(text)
            if "f" not in opener[: len(opener) - len(quote)].lower():
                skipped += position - match.start() - 1
        elif kind == "comment":
            skipped += position - match.start()
        elif kind == "open":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif kind == "close":
            if depth:
                depth -= 1
        elif kind == "newline" and depth == 0:
            units = match.start() - start - skipped
            if units > longest:
                longest = units
            start = position
            skipped = 0
    units = len(text) - start - skipped
    return max(longest, units), deepest


def _is_suspicious(text: str) -> bool:
    if len(text) < _SUSPICIOUS_UNITS and "elif" not in text:
        return False
    if len(_ELIF.findall(text)) > _SUSPICIOUS_ELIFS:
        return True
    longest, deepest = _scan(text)
    return longest > _SUSPICIOUS_UNITS or deepest > _SUSPICIOUS_BRACKETS


class _Segments:
    """Source text of nodes from CPython positions (columns are UTF-8 byte offsets)."""

    def __init__(self, text: str) -> None:
        self.lines: List[str] = text.splitlines(keepends=True)

    def of(self, node: ast.AST) -> str:
        """The text a node spans, or an empty string when its position is unknown."""
        first = getattr(node, "lineno", None)
        last = getattr(node, "end_lineno", None)
        begin = getattr(node, "col_offset", None)
        finish = getattr(node, "end_col_offset", None)
        if None in (first, last, begin, finish) or first < 1 or last > len(self.lines):
            return ""
        if first == last:
            return self.lines[first - 1].encode("utf-8")[begin:finish].decode("utf-8", "replace")
        head = self.lines[first - 1].encode("utf-8")[begin:].decode("utf-8", "replace")
        tail = self.lines[last - 1].encode("utf-8")[:finish].decode("utf-8", "replace")
        return head + "".join(self.lines[first:last - 1]) + tail


def _string_parts(segment: str) -> int:
    """How many literals an implicitly concatenated string is made of."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO("(" + segment + ")").readline)
        return max(1, sum(1 for token in tokens if token.type in _STRING_TOKENS))
    except (tokenize.TokenError, SyntaxError):
        return max(1, segment.count("'") // 2 + segment.count('"') // 2)


def libcst_depth(tree: ast.AST, text: str) -> int:
    """An estimate of how deep libcst nests the tree CPython parsed from ``text``."""
    segments = _Segments(text)
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
        for child in ast.iter_child_nodes(node):
            step = 1
            if isinstance(child, ast.stmt):
                step = 2
            elif isinstance(child, ast.BoolOp):
                step = max(1, len(child.values) - 1)
            elif isinstance(child, (ast.Constant, ast.JoinedStr)) and not isinstance(node, ast.JoinedStr):
                if isinstance(child, ast.JoinedStr) or isinstance(child.value, (str, bytes)):
                    segment = segments.of(child)
                    if len(segment) >= _LONG_STRING_CHARS:
                        step = _string_parts(segment)
            stack.append((child, depth + step))
    return deepest


def shape_problem(text: str) -> Optional[Tuple[str, int, int]]:
    """None when the text is safe to give libcst, else (message, line, column)."""
    if not _is_suspicious(text):
        return None
    try:
        tree = parse_python(text)
    except SyntaxError as error:
        return f"syntax error: {error.msg}", max(1, error.lineno or 1), max(1, error.offset or 1)
    except PARSE_FAILURES:
        return "nesting too deep to parse", 1, 1
    depth = libcst_depth(tree, text)
    if depth > MAX_DEPTH:
        return f"syntax tree nested {depth} levels deep (limit {MAX_DEPTH}); not checked", 1, 1
    return None
