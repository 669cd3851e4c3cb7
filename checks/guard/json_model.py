# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Parsed YAML and TOML values converted into the JSON data model the append-only diff reads.

Mappings get string keys (a collision once written as text is an error),
sequences become lists, floats exact decimals, dates and times their ISO text,
binary data its base64 text. A budget of converted values stops an alias bomb.
"""

import base64
import datetime
from decimal import Decimal
from typing import Any, Dict, List, Tuple

from checks.guard.strict_json import StrictJsonError

MAX_NODES = 1_000_000


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
            return str(value)
        return Decimal(repr(value))
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
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
