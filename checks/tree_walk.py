# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""One read-only traversal of a libcst tree that feeds every rule at once.

libcst's own ``visit`` rebuilds every node while it walks, even for read-only
visitors; this walker reads child fields directly, keeps its own stack (deep
nesting cannot exhaust the interpreter's recursion limit) and calls, for each
node, only the rule methods registered for that node type.
"""

import dataclasses
from typing import Any, Callable, Dict, List, Tuple, Type

import libcst as cst

Handlers = Dict[Type[cst.CSTNode], List[Callable[[Any], Any]]]

_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _child_fields(node_type: type) -> Tuple[str, ...]:
    fields = _CHILD_FIELDS.get(node_type)
    if fields is None:
        fields = tuple(f.name for f in dataclasses.fields(node_type) if not f.name.startswith("_"))
        _CHILD_FIELDS[node_type] = fields
    return fields


def children(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The direct child nodes of a node, in field order."""
    result: List[cst.CSTNode] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            result.append(value)
        elif isinstance(value, (tuple, list)):
            result.extend(item for item in value if isinstance(item, cst.CSTNode))
    return result


def walk(root: cst.CSTNode, on_visit: Handlers, on_leave: Handlers) -> None:
    """Depth-first traversal calling visit handlers before and leave handlers after children."""
    stack: List[Tuple[cst.CSTNode, bool]] = [(root, False)]
    pop = stack.pop
    push = stack.append
    while stack:
        node, leaving = pop()
        node_type = type(node)
        if leaving:
            for handler in on_leave.get(node_type, ()):
                handler(node)
            continue
        for handler in on_visit.get(node_type, ()):
            handler(node)
        if node_type in on_leave:
            push((node, True))
        kids = children(node)
        for child in reversed(kids):
            push((child, False))
