# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Parsed YAML and TOML values converted into the JSON data model the append-only diff reads.

Mappings get string keys (a collision once written as text is an error),
sequences become lists, numbers exact (integers ``int``, other numbers the
``Decimal`` of their written digits: the readers never go through a binary
float, so ``0.1`` and ``0.1000000000000000055511151231257827`` differ, as in
JSON). Values JSON has no type for keep their own type as a :class:`TypedScalar`
of a kind and a canonical text: dates, times and timestamps (``date``, ``time``,
``local datetime``, ``datetime``), infinities and not-a-number (kind ``number``,
text ``+inf``, ``-inf``, ``nan``, ``-nan``) and binary data (``binary``, its
base64 text). A typed value never equals a string or a number, so rewriting
``2025-01-02`` as ``"2025-01-02"`` or ``.inf`` as ``"inf"`` is a change. A budget
of converted values stops an alias bomb.
"""

import base64
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from checks.guard.strict_json import StrictJsonError

MAX_NODES = 1_000_000
SPECIAL_NUMBERS = {"inf": "+inf", "+inf": "+inf", "-inf": "-inf", "nan": "nan", "+nan": "nan", "-nan": "-nan"}


@dataclass(frozen=True)
class TypedScalar:
    """A YAML or TOML value JSON has no type for: its kind and its canonical text (compared exactly)."""

    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


def special_number(text: str) -> TypedScalar:
    """An infinity or not-a-number from its written form (``inf``, ``-inf``, ``nan`` ...; YAML's dots dropped)."""
    return TypedScalar("number", SPECIAL_NUMBERS[text.lower().replace(".", "")])


def clock_text(hour: int, minute: int, second: int, fraction: str) -> str:
    """``HH:MM:SS`` with the fraction's digits as written, trailing zeros dropped."""
    digits = fraction.rstrip("0")
    return f"{hour:02d}:{minute:02d}:{second:02d}" + (f".{digits}" if digits else "")


def offset_text(offset: Optional[datetime.timedelta]) -> str:
    """``+HH:MM`` of a UTC offset (``Z`` is ``+00:00``)."""
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _temporal(value: Any) -> TypedScalar:
    """A date, time or datetime object (TOML's, kept to the microsecond its reader keeps) as a typed value."""
    if isinstance(value, datetime.datetime):
        clock = clock_text(value.hour, value.minute, value.second, f"{value.microsecond:06d}")
        offset = value.utcoffset()
        kind = "local datetime" if offset is None else "datetime"
        return TypedScalar(kind, f"{value.date().isoformat()}T{clock}{offset_text(offset)}")
    if isinstance(value, datetime.date):
        return TypedScalar("date", value.isoformat())
    clock = clock_text(value.hour, value.minute, value.second, f"{value.microsecond:06d}")
    return TypedScalar("time", clock + offset_text(value.utcoffset()))


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return key
    scalar = _scalar(key)
    if isinstance(scalar, bool):
        return "true" if scalar else "false"
    if scalar is None:
        return "null"
    return str(scalar)


def _scalar(value: Any) -> Any:
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return special_number(repr(value))
        return Decimal(repr(value))
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return _temporal(value)
    if isinstance(value, bytes):
        return TypedScalar("binary", base64.b64encode(value).decode("ascii"))
    if isinstance(value, set):
        return sorted(_key_text(item) for item in value)
    return value


def to_json_model(value: Any, max_nodes: int = MAX_NODES) -> Any:
    """Convert a parsed document into the JSON data model, iteratively, within ``max_nodes`` values."""
    root: List[Any] = [None]
    stack: List[Tuple[Any, Any, Any]] = [(value, root, 0)]
    used = 0
    while stack:
        item, container, slot = stack.pop()
        used += 1
        if used > max_nodes:
            raise StrictJsonError(f"the document expands past {max_nodes} values (aliases); refusing to read it", 1, 1)
        if isinstance(item, dict):
            converted: Dict[str, Any] = {}
            for key, child in item.items():
                text = _key_text(key)
                if text in converted:
                    raise StrictJsonError(f"keys {text!r} collide once written as text", 1, 1)
                converted[text] = None
                stack.append((child, converted, text))
            container[slot] = converted
        elif isinstance(item, (list, tuple)):
            items: List[Any] = [None] * len(item)
            stack.extend((child, items, index) for index, child in enumerate(item))
            container[slot] = items
        else:
            container[slot] = _scalar(item)
    return root[0]
