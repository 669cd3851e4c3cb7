# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Name shapes shared by the naming rules."""

import re

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


def is_snake_case(name: str) -> bool:
    """``snake_case`` with optional leading underscores, or a dunder name."""
    return bool(SNAKE_CASE.match(name) or DUNDER.match(name))
