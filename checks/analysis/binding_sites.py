# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Where each name of a file is bound, and to what, scope by scope.

Recorded by the walker (see :meth:`checks.engine.context.TreeContext.binding_sites`)
for the rules that ask for it. Scopes are functions and lambdas, keyed by the
id of their node (the module is ``MODULE_SCOPE``); class bodies are not scopes
for lookup, but ``self.<attribute>`` assignments in a method are recorded for
its class, and annotated names in a class body are its fields.

Each binding is an :class:`Entry`: ``kind`` says what ``value`` is (``value``:
the assigned expression; ``iter``: the iterable a loop target takes items of;
``annotation``: the annotation of a name declared without a value; ``item``:
the expression a ``with ... as name`` binds the result of; ``unknown``: no
usable value, such as an unpacked target), ``source`` which statement bound it.
"""

from typing import Dict, List, NamedTuple, Optional, Tuple

import libcst as cst

from checks.analysis.name_resolution import target_names

MODULE_SCOPE = 0


class Entry(NamedTuple):
    """One binding of a name: what kind of value, the value, the scope, the binding statement."""

    kind: str
    value: Optional[cst.CSTNode]
    scope: int
    source: str


class Parameter(NamedTuple):
    """A parameter: its annotation (None when unannotated) and whether it has a default."""

    annotation: Optional[cst.BaseExpression]
    has_default: bool


class BindingSites:
    """The bindings of one file (see the module docstring)."""

    def __init__(self) -> None:
        self.parent: Dict[int, int] = {}
        self.method_class: Dict[int, int] = {}
        self.params: Dict[Tuple[int, str], Parameter] = {}
        self.assignments: Dict[Tuple[int, str], List[Entry]] = {}
        self.self_attributes: Dict[Tuple[int, str], List[Entry]] = {}
        self.class_fields: Dict[Tuple[int, str], cst.BaseExpression] = {}

    def enter_scope(self, node: cst.CSTNode, enclosing: int, class_body: Optional[cst.ClassDef]) -> None:
        """A function or lambda opens a scope inside ``enclosing``; a function directly in a class body is its method."""
        self.parent[id(node)] = enclosing
        if isinstance(node, cst.FunctionDef) and class_body is not None:
            self.method_class[id(node)] = id(class_body)

    def chain(self, scope: int) -> List[int]:
        """The scope and the scopes around it, innermost first, the module last."""
        chain = [scope]
        while chain[-1] != MODULE_SCOPE:
            chain.append(self.parent.get(chain[-1], MODULE_SCOPE))
        return chain

    def owner_class(self, scope: int) -> Optional[int]:
        """The class whose method encloses ``scope`` (lambdas and nested functions included), if any."""
        for key in self.chain(scope):
            owner = self.method_class.get(key)
            if owner is not None:
                return owner
        return None

    def _record(self, scope: int, name: str, kind: str, value: Optional[cst.CSTNode], source: str) -> None:
        self.assignments.setdefault((scope, name), []).append(Entry(kind, value, scope, source))

    def _assign(self, scope: int, target: cst.BaseExpression, value: Optional[cst.BaseExpression], source: str) -> None:
        if isinstance(target, cst.Name):
            self._record(scope, target.value, "value", value, source)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            owner = self.method_class.get(scope)
            if owner is not None:
                self.self_attributes.setdefault((owner, target.attr.value), []).append(Entry("value", value, scope, source))
        else:
            for name in target_names(target):
                self._record(scope, name, "unknown", None, source)

    def _loop_target(self, scope: int, target: cst.BaseExpression, iterable: cst.BaseExpression, source: str) -> None:
        if isinstance(target, cst.Name):
            self._record(scope, target.value, "iter", iterable, source)
        else:
            for name in target_names(target):
                self._record(scope, name, "unknown", None, source)

    def note(self, node: cst.CSTNode, scope: int, class_body: Optional[cst.ClassDef]) -> None:
        """Record what one binding node binds, in ``scope``; ``class_body`` is the class whose body holds it."""
        if isinstance(node, cst.Param):
            annotation = node.annotation.annotation if node.annotation is not None else None
            self.params[(scope, node.name.value)] = Parameter(annotation, node.default is not None)
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                self._assign(scope, target.target, node.value, "assign")
        elif isinstance(node, cst.AnnAssign):
            if class_body is not None and isinstance(node.target, cst.Name):
                self.class_fields[(id(class_body), node.target.value)] = node.annotation.annotation
            elif node.value is not None:
                self._assign(scope, node.target, node.value, "annassign")
            elif isinstance(node.target, cst.Name):
                self._record(scope, node.target.value, "annotation", node.annotation.annotation, "annassign")
        elif isinstance(node, cst.AugAssign):
            if not isinstance(node.operator, cst.DivideAssign):
                for name in target_names(node.target):
                    self._record(scope, name, "unknown", None, "augassign")
        elif isinstance(node, cst.For):
            self._loop_target(scope, node.target, node.iter, "for")
        elif isinstance(node, cst.CompFor):
            self._loop_target(scope, node.target, node.iter, "comprehension")
        elif isinstance(node, cst.WithItem):
            if node.asname is not None:
                target = node.asname.name
                if isinstance(target, cst.Name):
                    self._record(scope, target.value, "item", node.item, "with")
                else:
                    for name in target_names(target):
                        self._record(scope, name, "unknown", None, "with")
        elif isinstance(node, cst.NamedExpr):
            self._assign(scope, node.target, node.value, "walrus")

    def entries(self, scope: int, name: str) -> List[Entry]:
        """The bindings of ``name`` made directly in ``scope``."""
        return self.assignments.get((scope, name), [])
