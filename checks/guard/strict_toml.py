# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Strict TOML reading for guarded configuration and state files (policy section 2).

TOML already refuses duplicate keys; ``tomllib`` (``tomli`` before Python 3.11)
reads it without running anything. Values come back in the JSON data model of
the append-only diff (:mod:`checks.guard.json_model`): floats are the exact
``Decimal`` of their digits (never a binary float), ``inf`` and ``nan`` and
dates and times typed values of their own. Errors are :class:`~checks.guard.strict_json.StrictJsonError` with the
line and column the parser names.
"""

import re
import sys
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Tuple

from checks.guard.json_model import special_number, to_json_model
from checks.guard.strict_json import StrictJsonError, split_pointer

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_module() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli

    return tomli


def _exact_float(text: str) -> Any:
    """A TOML float as written: the Decimal of its digits, or a typed infinity or not-a-number."""
    if text.lower().lstrip("+-") in ("inf", "nan"):
        return special_number(text)
    return Decimal(text.replace("_", ""))


def loads_toml(text: str) -> Any:
    """Strictly parse TOML text into the JSON data model."""
    toml = _toml_module()
    if text.startswith("\ufeff"):
        raise StrictJsonError("the text starts with a byte order mark; save it as UTF-8 without BOM", 1, 1)
    try:
        value = toml.loads(text, parse_float=_exact_float)
    except toml.TOMLDecodeError as error:
        match = _POSITION.search(str(error))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = _POSITION.sub("", str(error)).strip()
        raise StrictJsonError(f"malformed TOML: {message}", line, column) from None
    except RecursionError:
        raise StrictJsonError("nesting too deep to read safely", 1, 1) from None
    return to_json_model(value)


def _key_pattern(key: str) -> "re.Pattern[str]":
    quoted = re.escape(key)
    return re.compile(rf'^\s*(?:"{quoted}"|\'{quoted}\'|{quoted})\s*=' if re.fullmatch(r"[A-Za-z0-9_-]+", key) else rf'^\s*["\']{quoted}["\']\s*=')


def locate_toml(text: str, pointers: Iterable[str]) -> Dict[str, Tuple[int, int]]:
    """Approximate 1-based positions of JSON pointers in TOML text.

    ``tomllib`` keeps no positions, so a pointer is placed at the line that
    defines its last object key (``key =`` after the table header of its
    parent, or the header ``[parent.key]`` itself), else at line 1.
    """
    lines = text.splitlines()
    result: Dict[str, Tuple[int, int]] = {}
    for pointer in pointers:
        tokens = [token for token in split_pointer(pointer) if not token.isdigit()]
        result[pointer] = _find_key(lines, tokens)
    return result


def _find_key(lines: List[str], tokens: List[str]) -> Tuple[int, int]:
    if not tokens:
        return (1, 1)
    header = "[" + ".".join(tokens) + "]"
    parent_header = "[" + ".".join(tokens[:-1]) + "]" if len(tokens) > 1 else None
    start = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped in (header, "[" + header + "]"):
            return (number + 1, line.index("[") + 1)
        if parent_header is not None and stripped in (parent_header, "[" + parent_header + "]"):
            start = number + 1
    pattern = _key_pattern(tokens[-1])
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return (number + 1, len(lines[number]) - len(lines[number].lstrip()) + 1)
    return (1, 1)
