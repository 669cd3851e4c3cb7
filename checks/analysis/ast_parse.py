# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Parsing checked files with the standard library's ``ast``, quietly and safely.

A checked file is data, not code of prefguard's: its escape sequences make
``ast.parse`` emit SyntaxWarning (``'\\d'``, Python 3.12 and later) and
DeprecationWarning, which belong to the file's author, not to prefguard's
output; they are silenced. Deep expressions make ``ast`` raise
RecursionError (``a.b.b.b...``) or MemoryError (``-----...1``): such a file is
unparsable like one with a syntax error, never an internal error.
"""

import ast
import warnings
from typing import Tuple, Type

PARSE_FAILURES: Tuple[Type[BaseException], ...] = (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError)


def parse_python(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse`` with the file's warnings silenced; raises only one of :data:`PARSE_FAILURES`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename)


def failure_text(error: BaseException) -> str:
    """A one-line reason for a parse failure, with the line when the error knows it."""
    if isinstance(error, RecursionError):
        return "nested too deeply for Python's parser (RecursionError)"
    if isinstance(error, MemoryError):
        return "nested too deeply for Python's parser (MemoryError)"
    line = getattr(error, "lineno", None)
    where = f" (line {line})" if line else ""
    return f"{type(error).__name__}: {getattr(error, 'msg', error)}{where}"
