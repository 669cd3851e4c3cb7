# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Strict YAML reading for guarded configuration and state files (policy section 2).

``yaml.safe_load`` never runs code, but it keeps the last of duplicate keys and
expands aliases without limit. Here a duplicate key, a second document, a
non-string key that collides with a string key, or an alias expansion past
:data:`MAX_NODES` is a :class:`~checks.guard.strict_json.StrictJsonError` with
its 1-based line and column. Values come back in the JSON data model the
append-only diff works on (:mod:`checks.guard.json_model`): mappings with string
keys, lists, strings, numbers, booleans and null. Floats are read from their
written digits into exact decimals (as the JSON reader gives them), never
through a binary float; dates, timestamps (fraction as written), ``.inf``,
``.nan`` and binary data become typed values that equal only their own kind.

PyYAML is imported only when a YAML file is read.
"""

import datetime
from decimal import Decimal, localcontext
from typing import Any, Dict, Iterable, List, Tuple

from checks.guard.json_model import TypedScalar, clock_text, offset_text, special_number, to_json_model
from checks.guard.strict_json import StrictJsonError

MAX_NODES = 1_000_000


def _loader_class() -> Any:
    """A SafeLoader subclass whose mappings refuse duplicate keys."""
    import yaml

    class DuplicateKeyLoader(yaml.SafeLoader):
        """Safe loading that reports a repeated key where it stands."""

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: Dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    repeated = key in seen
                except TypeError:
                    repeated = False
                if repeated:
                    mark = key_node.start_mark
                    raise StrictJsonError(f"duplicate key {key!r}", mark.line + 1, mark.column + 1)
                try:
                    seen[key] = key_node
                except TypeError:
                    mark = key_node.start_mark
                    raise StrictJsonError("a mapping key that is not a scalar", mark.line + 1, mark.column + 1) from None
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_float(self, node: Any) -> Any:
            """A float as written: the exact Decimal of its digits (never a binary float)."""
            return exact_yaml_float(str(self.construct_scalar(node)))

        def construct_yaml_timestamp(self, node: Any) -> Any:
            """A date or timestamp as a typed value with every written digit of its fraction."""
            return yaml_timestamp(str(self.construct_scalar(node)), self.timestamp_regexp)

    DuplicateKeyLoader.add_constructor("tag:yaml.org,2002:float", DuplicateKeyLoader.construct_yaml_float)
    DuplicateKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", DuplicateKeyLoader.construct_yaml_timestamp)
    return DuplicateKeyLoader


def exact_yaml_float(text: str) -> Any:
    """A YAML 1.1 float (``1_000.5``, ``6.8e+5``, ``190:20:30.15``, ``.inf``, ``.NaN``) exactly."""
    value = text.replace("_", "").lower()
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    if digits in (".inf", ".nan"):
        return special_number(("-" if sign < 0 else "") + digits)
    if ":" in digits:
        # Exact base-60 arithmetic: a context wide enough that nothing rounds.
        with localcontext() as context:
            context.prec = 4 * len(digits) + 8
            total = Decimal(0)
            for part in digits.split(":"):
                total = total * 60 + Decimal(part)
    else:
        total = Decimal(digits)
    return total.copy_negate() if sign < 0 else total


def yaml_timestamp(text: str, pattern: Any) -> TypedScalar:
    """A YAML timestamp as ``date`` or ``datetime`` (no zone is UTC, as YAML 1.1 says), fraction as written."""
    match = pattern.match(text.strip())
    if match is None:
        return TypedScalar("datetime", text.strip())
    parts = match.groupdict()
    day = f"{int(parts['year']):04d}-{int(parts['month']):02d}-{int(parts['day']):02d}"
    if not parts.get("hour"):
        return TypedScalar("date", day)
    clock = clock_text(int(parts["hour"]), int(parts["minute"]), int(parts["second"]), parts.get("fraction") or "")
    offset = datetime.timedelta(0)
    if parts.get("tz_sign"):
        minutes = int(parts["tz_hour"]) * 60 + int(parts.get("tz_minute") or 0)
        offset = datetime.timedelta(minutes=-minutes if parts["tz_sign"] == "-" else minutes)
    return TypedScalar("datetime", f"{day}T{clock}{offset_text(offset)}")


def loads_yaml(text: str) -> Any:
    """Strictly parse one YAML document into the JSON data model (see the module docstring)."""
    import yaml

    if text.startswith("\ufeff"):
        raise StrictJsonError("the text starts with a byte order mark; save it as UTF-8 without BOM", 1, 1)
    try:
        value = yaml.load(text, Loader=_loader_class())
    except StrictJsonError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = str(error.problem or error.context)
        if "another document" in problem:
            problem = "the file holds more than one document; a guarded file must hold exactly one"
        raise StrictJsonError(f"malformed YAML: {problem}", line, column) from None
    except yaml.YAMLError as error:
        raise StrictJsonError(f"malformed YAML: {error}", 1, 1) from None
    except RecursionError:
        raise StrictJsonError("nesting too deep to read safely", 1, 1) from None
    return to_json_model(value, MAX_NODES)


def locate_yaml(text: str, pointers: Iterable[str]) -> Dict[str, Tuple[int, int]]:
    """1-based positions of JSON pointers in YAML text (deepest existing ancestor when absent)."""
    import yaml

    from checks.guard.strict_json import join_pointer

    wanted = set(pointers)
    found: Dict[str, Tuple[int, int]] = {"": (1, 1)}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return {pointer: (1, 1) for pointer in wanted}
    stack: List[Tuple[Any, str]] = [(root, "")] if root is not None else []
    visited = 0
    while stack and visited < MAX_NODES:
        node, pointer = stack.pop()
        visited += 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = join_pointer(pointer, str(key_node.value))
                found.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = join_pointer(pointer, index)
                found.setdefault(child, (item.start_mark.line + 1, item.start_mark.column + 1))
                stack.append((item, child))
    result: Dict[str, Tuple[int, int]] = {}
    for pointer in wanted:
        current = pointer
        while current not in found and current:
            current = current[: current.rfind("/")]
        result[pointer] = found.get(current, (1, 1))
    return result
