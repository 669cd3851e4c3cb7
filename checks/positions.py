# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Positions for the few nodes that are reported, never for the whole tree.

libcst's PositionProvider records a range for every node of the module, which
costs more than the parse itself. Here one code-generation pass records ranges
only for the requested nodes, counts lines lazily between them, and stops as
soon as the last requested node has been closed.
"""

from typing import Any, Dict, Iterable, List, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState

Range = Tuple[int, int, int, int]


class _AllPositioned(Exception):
    """Raised inside code generation once every requested node has a range."""


class _TargetedCodegenState(CodegenState):
    """A codegen state that measures positions only at requested nodes."""

    def __init__(self, module: cst.Module, targets: Dict[int, Any]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.targets = targets
        self.remaining = len(targets)
        self.found: Dict[int, Range] = {}
        self.open_starts: Dict[int, List[Tuple[int, int]]] = {}
        self.line = 1
        self.column = 0
        self.counted = 0

    def _position(self) -> Tuple[int, int]:
        tokens = self.tokens
        if self.counted < len(tokens):
            text = "".join(tokens[self.counted:])
            self.counted = len(tokens)
            newlines = text.count("\n") + text.count("\r") - text.count("\r\n")
            if newlines:
                self.line += newlines
                last = max(text.rfind("\n"), text.rfind("\r"))
                self.column = len(text) - last - 1
            else:
                self.column += len(text)
        return self.line, self.column

    def before_codegen(self, node: cst.CSTNode) -> None:
        """Remember where a requested node starts."""
        key = id(node)
        if key in self.targets:
            self.open_starts.setdefault(key, []).append(self._position())

    def after_codegen(self, node: cst.CSTNode) -> None:
        """Close a requested node's range; stop once all are known."""
        key = id(node)
        if key in self.targets and self.open_starts.get(key):
            start = self.open_starts[key].pop()
            if key not in self.found:
                end = self._position()
                self.found[key] = (start[0], start[1] + 1, end[0], end[1] + 1)
                self.remaining -= 1
                if self.remaining == 0:
                    raise _AllPositioned()


def locate(module: cst.Module, nodes: Iterable[Any]) -> Dict[int, Range]:
    """Map ``id(node)`` to a 1-based (line, column, end_line, end_column) range."""
    targets = {id(node): node for node in nodes if node is not None}
    if not targets:
        return {}
    state = _TargetedCodegenState(module, targets)
    try:
        module._codegen(state)
    except _AllPositioned:
        pass
    return state.found
