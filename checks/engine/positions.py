# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Positions for the few nodes that are reported, never for the whole tree.

libcst's PositionProvider records a range for every node of the module, which
costs more than the parse itself. Here the code generation state of libcst's
``WhitespaceInclusivePositionProvider`` (from the public
``libcst.metadata.position_provider`` module) is specialised to record ranges
only for the requested nodes: it counts lines lazily between them, skips
libcst's per-node position context managers elsewhere, and stops as soon as
the last requested node has been closed. Nothing in libcst is patched and no
private libcst module is imported.
"""

import sys
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import WhitespaceInclusivePositionProvider
from libcst.metadata.position_provider import WhitespaceInclusivePositionProvidingCodegenState

Range = Tuple[int, int, int, int]
DEEP_RECURSION_LIMIT = 100_000


class _AllPositioned(Exception):
    """Raised inside code generation once every requested node has a range."""


class _NoRecording:
    """A reusable, do-nothing context manager.

    libcst's ``record_syntactic_position`` builds a generator-based context
    manager for most nodes it generates, only to do nothing with it outside
    its own position provider; one shared object does the same for less.
    """

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: Any) -> None:
        return None


_NO_RECORDING = _NoRecording()
# The state class keeps a provider for its own recording, which this state replaces.
_NO_PROVIDER = WhitespaceInclusivePositionProvider()


class _SyntacticRecording:
    """Records where a requested node's syntax starts and ends.

    libcst generates a statement's leading blank and comment lines (and an
    expression's parentheses) inside the node, so the range between
    ``before_codegen`` and ``after_codegen`` starts on the first comment line
    above ``except:``. The nodes call ``record_syntactic_position`` around
    their own syntax (or name the child whose syntax starts or ends theirs);
    the range measured there is the one ``ast`` and editors report.
    """

    __slots__ = ("state", "key", "start_node", "end_node")

    def __init__(self, state: "_TargetedCodegenState", key: int, start_node: Any, end_node: Any) -> None:
        self.state = state
        self.key = key
        self.start_node = start_node
        self.end_node = end_node

    def __enter__(self) -> None:
        if self.start_node is None:
            self.state.syntactic_starts.setdefault(self.key, self.state._position())

    def __exit__(self, *exc_info: Any) -> None:
        state = self.state
        if self.start_node is not None:
            found = state.found.get(id(self.start_node))
            if found is not None:
                state.syntactic_starts.setdefault(self.key, (found[0], found[1] - 1))
        if self.end_node is None:
            state.syntactic_ends.setdefault(self.key, state._position())
            return
        found = state.found.get(id(self.end_node))
        if found is not None:
            state.syntactic_ends.setdefault(self.key, (found[2], found[3] - 1))


class _TargetedCodegenState(WhitespaceInclusivePositionProvidingCodegenState):
    """A codegen state that measures positions only at requested nodes, counting lines lazily."""

    def __init__(self, module: cst.Module, targets: Dict[int, Any]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline, provider=_NO_PROVIDER)
        self.targets = targets
        self.remaining = len(targets)
        self.found: Dict[int, Range] = {}
        self.open_starts: Dict[int, List[Tuple[int, int]]] = {}
        self.line = 1
        self.column = 0
        self.counted = 0
        self.syntactic_starts: Dict[int, Tuple[int, int]] = {}
        self.syntactic_ends: Dict[int, Tuple[int, int]] = {}
        self.helpers: Set[int] = set()

    def add_indent_tokens(self) -> None:
        """Write the indentation; lines and columns are counted only when a position is asked for."""
        self.tokens.extend(self.indent_tokens)

    def add_token(self, value: str) -> None:
        """Write a token; lines and columns are counted only when a position is asked for."""
        self.tokens.append(value)

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

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: Any = None, end_node: Any = None) -> Any:
        """At a requested node, measure where its syntax starts and ends; elsewhere do nothing."""
        key = id(node)
        if key not in self.targets:
            return _NO_RECORDING
        for child in (start_node, end_node):
            if child is not None and id(child) not in self.targets:
                # The syntax starts or ends with a child's (a block's last statement): measure that child too.
                self.targets[id(child)] = child
                self.helpers.add(id(child))
        return _SyntacticRecording(self, key, start_node, end_node)

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
                end = self.syntactic_ends.pop(key, None) or self._position()
                start = self.syntactic_starts.pop(key, start)
                self.found[key] = (start[0], start[1] + 1, end[0], end[1] + 1)
                if key in self.helpers:
                    return
                self.remaining -= 1
                if self.remaining == 0:
                    raise _AllPositioned()


def locate(module: cst.Module, nodes: Iterable[Any], text: Optional[str] = None) -> Dict[int, Range]:
    """Map ``id(node)`` to a 1-based (line, column, end_line, end_column) range.

    ``text`` (the module's source) is accepted for callers that have it and
    not needed.
    Code generation recurses once per nesting level, and libcst nests long
    implicit string concatenations one level per part (``pydoc_data/topics.py``
    of the standard library goes past the default recursion limit). Such a
    module is generated again under a higher limit; the calls made here are
    Python-to-Python calls, which take no C stack. Nodes still out of reach
    are left out of the result (the engine then reports them at 1:1).
    """
    targets = {id(node): node for node in nodes if node is not None}
    if not targets:
        return {}
    try:
        return _generate(module, targets)
    except RecursionError:
        pass
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, DEEP_RECURSION_LIMIT))
    try:
        return _generate(module, targets)
    except RecursionError:
        return {}
    finally:
        sys.setrecursionlimit(limit)


def _generate(module: cst.Module, targets: Dict[int, Any]) -> Dict[int, Range]:
    """One code generation of the module that measures the requested nodes.

    The module generates its code into our state the way libcst's own
    position providers have it do (``Module._codegen``); libcst's
    ``MetadataWrapper`` is not used because it first visits the whole tree.
    """
    state = _TargetedCodegenState(module, dict(targets))
    try:
        module._codegen(state)
    except _AllPositioned:
        pass
    return {key: found for key, found in state.found.items() if key not in state.helpers}
