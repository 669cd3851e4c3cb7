# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""One read-only traversal of a libcst tree that feeds every rule at once.

libcst's own ``visit`` rebuilds every node while it walks, even for read-only
visitors; this walker reads child fields directly, keeps its own stack (deep
nesting cannot exhaust the interpreter's recursion limit) and calls, for each
node, only the rule methods registered for that node type.

It also never enters a subtree that cannot hold a node any rule listens to.
libcst's field annotations say which node classes each field may hold; from
them the walker derives, once per set of listened-to classes, which fields of
which node classes can lead to one of them. Whitespace, names, operators and
literals (about three nodes in four) are then skipped without being touched,
while the handlers still run in exactly the order of a full traversal.
"""

import dataclasses
import typing
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Set, Tuple, Type

import libcst as cst

from checks.engine.context import TreeContext

Handlers = Dict[Type[cst.CSTNode], List[Callable[[Any], Any]]]
Plan = Dict[type, Tuple[str, ...]]

_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}
_FIELD_TYPES: Dict[type, Dict[str, FrozenSet[type]]] = {}
_PLANS: Dict[FrozenSet[type], Tuple[Plan, FrozenSet[type], FrozenSet[type]]] = {}
_SUBCLASSES: Dict[type, FrozenSet[type]] = {}
_NOT_NODES: FrozenSet[type] = frozenset({type(None), cst.MaybeSentinel, str, bool, int})


class _Leave:
    """A stack entry asking for the leave handlers of a node already visited."""

    __slots__ = ("node", "depth")

    def __init__(self, node: cst.CSTNode, depth: int) -> None:
        self.node = node
        self.depth = depth


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


def _concrete_subclasses(base: type) -> FrozenSet[type]:
    cached = _SUBCLASSES.get(base)
    if cached is None:
        cached = frozenset(_find_concrete_subclasses(base))
        _SUBCLASSES[base] = cached
    return cached


def _find_concrete_subclasses(base: type) -> Set[type]:
    found: Set[type] = set()
    pending = [base]
    seen: Set[type] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        if not getattr(current, "__abstractmethods__", None):
            found.add(current)
        pending.extend(current.__subclasses__())
    return found


def _node_atoms(annotation: Any) -> Optional[Set[type]]:
    """Node classes an annotation admits; None when it admits something not understood."""
    origin = typing.get_origin(annotation)
    if origin is None:
        if isinstance(annotation, type):
            return set(_concrete_subclasses(annotation)) if issubclass(annotation, cst.CSTNode) else set()
        return set() if isinstance(annotation, str) else None
    if origin is typing.Literal:
        return set()
    found: Set[type] = set()
    for argument in typing.get_args(annotation):
        atoms = _node_atoms(argument)
        if atoms is None:
            return None
        found |= atoms
    return found


def _has_forward_reference(annotation: Any) -> bool:
    if isinstance(annotation, (str, typing.ForwardRef)):
        return True
    return any(_has_forward_reference(argument) for argument in typing.get_args(annotation))


def _field_types(node_type: type) -> Optional[Dict[str, FrozenSet[type]]]:
    """For each child field, the node classes it may hold; None when unknown.

    The dataclass fields carry their annotations as objects; ``get_type_hints``
    (slow) is asked only for the few classes whose annotations hold a string.
    """
    if node_type in _FIELD_TYPES:
        return _FIELD_TYPES[node_type]
    hints: Dict[str, Any] = {f.name: f.type for f in dataclasses.fields(node_type)}
    if any(_has_forward_reference(annotation) for annotation in hints.values()):
        try:
            hints = typing.get_type_hints(node_type)
        except (NameError, TypeError, AttributeError):
            return None
    result: Dict[str, FrozenSet[type]] = {}
    for name in _child_fields(node_type):
        atoms = _node_atoms(hints.get(name))
        if atoms is None:
            return None
        result[name] = frozenset(atoms)
    _FIELD_TYPES[node_type] = result
    return result


def _build_plan(listened: FrozenSet[type]) -> Tuple[Plan, FrozenSet[type], FrozenSet[type]]:
    """Fields worth entering per node class, the classes worth entering, and those never worth it."""
    known = _concrete_subclasses(cst.CSTNode)
    graph: Dict[type, Optional[Dict[str, FrozenSet[type]]]] = {t: _field_types(t) for t in known}
    reaches: Set[type] = set(listened)
    changed = True
    while changed:
        changed = False
        for node_type, fields in graph.items():
            if node_type in reaches:
                continue
            if fields is None or any(not atoms.isdisjoint(reaches) for atoms in fields.values()):
                reaches.add(node_type)
                changed = True
    plan: Plan = {}
    for node_type, fields in graph.items():
        if fields is None:
            plan[node_type] = _child_fields(node_type)
        else:
            plan[node_type] = tuple(name for name in reversed(_child_fields(node_type)) if not fields[name].isdisjoint(reaches))
    barren = frozenset(t for t in known if t not in reaches) | _NOT_NODES
    return plan, frozenset(reaches), barren


def _plan_for(listened: FrozenSet[type]) -> Tuple[Plan, FrozenSet[type], FrozenSet[type]]:
    cached = _PLANS.get(listened)
    if cached is None:
        cached = _build_plan(listened)
        _PLANS[listened] = cached
    return cached


def walk(
    root: cst.CSTNode,
    on_visit: Handlers,
    on_leave: Handlers,
    context: Optional[TreeContext] = None,
    ancestors: Optional[List[cst.CSTNode]] = None,
) -> None:
    """Depth-first traversal calling visit handlers before and leave handlers after children.

    Handlers run in the order of a full traversal in field order; subtrees that
    cannot contain a listened-to node class are not entered. When a context is
    given, the walker keeps it describing the surroundings of the node whose
    handlers run: its trackers run after a node's visit handlers, and what a
    node opened is closed (by depth) before its leave handlers run. Without a
    context, a given ``ancestors`` list is kept as the parent chain alone.
    """
    trackers = context.trackers() if context is not None else {}
    plan, wanted, barren = _plan_for(frozenset(on_visit) | frozenset(on_leave) | frozenset(trackers))
    if context is not None:
        ancestors = context.ancestors
    elif ancestors is None:
        ancestors = []
    frames: List[Any] = context.frames if context is not None else []
    node_class = cst.CSTNode
    leave_entry = _Leave
    stack: List[Any] = [root]
    depths: List[int] = [0]
    pop = stack.pop
    push = stack.append
    pop_depth = depths.pop
    push_depth = depths.append
    add_ancestor = ancestors.append
    while stack:
        node = pop()
        depth = pop_depth()
        del ancestors[depth:]
        while frames and frames[-1].depth >= depth:
            frames.pop()
        node_type = type(node)
        if node_type is leave_entry:
            node = node.node
            for handler in on_leave[type(node)]:
                handler(node)
            continue
        handlers = on_visit.get(node_type)
        if handlers is not None:
            for handler in handlers:
                handler(node)
        tracker = trackers.get(node_type)
        if tracker is not None:
            tracker(node, depth)
        if node_type in on_leave:
            push(leave_entry(node, depth))
            push_depth(depth)
        add_ancestor(node)
        names = plan.get(node_type)
        if names is None:
            names = tuple(reversed(_child_fields(node_type)))
            plan[node_type] = names
        child_depth = depth + 1
        for name in names:
            value = getattr(node, name)
            value_type = type(value)
            if value_type is tuple or value_type is list:
                for item in reversed(value):
                    item_type = type(item)
                    if item_type in wanted or (item_type not in barren and isinstance(item, node_class)):
                        push(item)
                        push_depth(child_depth)
            elif value_type in wanted or (value_type not in barren and isinstance(value, node_class)):
                push(value)
                push_depth(child_depth)
