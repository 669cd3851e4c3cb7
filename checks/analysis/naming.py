# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Name shapes shared by the naming rules."""

import re
from typing import Optional

SNAKE_CASE = re.compile(r"^_*[a-z][a-z0-9_]*$|^_+$")
DUNDER = re.compile(r"^__[a-zA-Z][a-zA-Z0-9_]*__$")
UPPER_CASE = re.compile(r"^_*[A-Z][A-Z0-9_]*$")
PASCAL_CASE = re.compile(r"^_*[A-Z][A-Za-z0-9]*$")
EXEMPT_BASES = frozenset(
    {
        "object", "ABC", "abc.ABC", "Protocol", "typing.Protocol", "Generic", "typing.Generic",
        "Exception", "BaseException", "ValueError", "TypeError", "RuntimeError", "KeyError",
        "LookupError", "OSError", "NamedTuple", "typing.NamedTuple", "TypedDict", "typing.TypedDict",
        "Enum", "enum.Enum", "IntEnum", "enum.IntEnum", "StrEnum", "enum.StrEnum",
    }
)


def case_shape(name: str) -> Optional[str]:
    """The name with each non-ASCII letter replaced by an ASCII one of the same case, or None.

    ``Модель`` -> ``Aaaaaa`` and ``mărime_lot`` -> ``maarime_lot``, so the case
    rules judge case, not the alphabet. A name holding letters of a script
    without case (Han, Kana, Hangul ...) has no case to judge: None. Such a
    name is one problem, its language, which ENG002 reports.
    """
    if name.isascii():
        return name
    shaped = []
    for char in name:
        if char.isascii() or not char.isalpha():
            shaped.append(char if char.isascii() else "0")
        elif char.isupper():
            shaped.append("A")
        elif char.islower():
            shaped.append("a")
        else:
            return None
    return "".join(shaped)


def is_snake_case(name: str) -> bool:
    """``snake_case`` with optional leading underscores, or a dunder name (any cased alphabet)."""
    shape = case_shape(name)
    return shape is None or bool(SNAKE_CASE.match(shape) or DUNDER.match(shape))
