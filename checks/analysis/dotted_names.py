# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Dotted names of ``Name``/``Attribute`` chains, in the two spellings the rules need.

``dotted_name`` answers "which name is this?": ``a.b.c``, or nothing when the
chain does not start at a plain name (``f().x``). ``callee_pattern`` answers
"does this call match a configured pattern such as ``*.error``?": a chain
that starts at something other than a name keeps its attribute part behind a
``*`` receiver (``get_logger().error`` is ``*.error``).
"""

from typing import Any, List, Tuple

import libcst as cst


def _attribute_parts(node: Any) -> Tuple[List[str], Any]:
    """The attribute names of a chain, innermost first, and the node the chain starts at."""
    parts: List[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    return parts, node


def dotted_name(node: Any) -> str:
    """``a.b.c`` for a chain of names and attributes, else an empty string."""
    parts, root = _attribute_parts(node)
    if isinstance(root, cst.Name):
        parts.append(root.value)
        return ".".join(reversed(parts))
    return ""


def callee_pattern(node: Any) -> str:
    """Like :func:`dotted_name`, but ``*.attr`` when the chain starts at a call, subscript or literal."""
    parts, root = _attribute_parts(node)
    if isinstance(root, cst.Name):
        parts.append(root.value)
    elif parts:
        parts.append("*")
    return ".".join(reversed(parts))
