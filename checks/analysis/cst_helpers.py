# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Small, shared questions about libcst nodes that several rules ask."""

from typing import Iterator, List, Optional, Sequence, Tuple, Union

import libcst as cst

Body = Union[cst.IndentedBlock, cst.SimpleStatementSuite]


def dotted_name(node: Optional[cst.BaseExpression]) -> str:
    """``a.b.c`` for Name/Attribute chains, else an empty string."""
    parts: List[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return ""


def bound_names(target: Optional[cst.BaseExpression]) -> Iterator[Tuple[cst.Name, bool]]:
    """(name node, is ``self``/``cls`` attribute) for each name an assignment target binds, unpacking followed."""
    if isinstance(target, cst.Name):
        yield target, False
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from bound_names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from bound_names(target.value)
    elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value in ("self", "cls"):
        yield target.attr, True


def first_statement_expression(body: Body) -> Optional[cst.BaseExpression]:
    """The expression of the first statement of a block, when it is an expression statement."""
    if isinstance(body, cst.SimpleStatementSuite):
        statements: Sequence[cst.CSTNode] = body.body
        first = statements[0] if statements else None
    else:
        block = body.body
        if not block or not isinstance(block[0], cst.SimpleStatementLine) or not block[0].body:
            return None
        first = block[0].body[0]
    if isinstance(first, cst.Expr):
        return first.value
    return None


def docstring_node(body: Union[Body, cst.Module]) -> Optional[cst.BaseExpression]:
    """The docstring literal of a module, class or function body, if any."""
    if isinstance(body, cst.Module):
        if not body.body or not isinstance(body.body[0], cst.SimpleStatementLine) or not body.body[0].body:
            return None
        first = body.body[0].body[0]
        value = first.value if isinstance(first, cst.Expr) else None
    else:
        value = first_statement_expression(body)
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return value
    return None


def decorator_names(node: Union[cst.FunctionDef, cst.ClassDef]) -> List[str]:
    """Dotted names of the decorators (the callee for decorator calls)."""
    names = []
    for decorator in node.decorators:
        expression = decorator.decorator
        if isinstance(expression, cst.Call):
            expression = expression.func
        names.append(dotted_name(expression))
    return names


def base_names(node: cst.ClassDef) -> List[str]:
    """Dotted names of a class's positional bases (keyword arguments excluded)."""
    return [dotted_name(arg.value) for arg in node.bases if arg.keyword is None]


class ScopeTracker:
    """Tracks whether the traversal is inside classes and functions.

    Rules own one and call ``enter``/``leave`` from their ClassDef and
    FunctionDef handlers; the stack holds the nodes themselves.
    """

    def __init__(self) -> None:
        self.stack: List[Union[cst.ClassDef, cst.FunctionDef]] = []

    def enter(self, node: Union[cst.ClassDef, cst.FunctionDef]) -> None:
        """Push a class or function scope."""
        self.stack.append(node)

    def leave(self) -> None:
        """Pop the innermost scope."""
        self.stack.pop()

    @property
    def in_function(self) -> bool:
        """Whether any enclosing scope is a function."""
        return any(isinstance(node, cst.FunctionDef) for node in self.stack)

    @property
    def innermost(self) -> Optional[Union[cst.ClassDef, cst.FunctionDef]]:
        """The innermost enclosing scope, or None at module level."""
        return self.stack[-1] if self.stack else None

    def enclosing_class(self) -> Optional[cst.ClassDef]:
        """The class whose body directly holds the current node, if any."""
        scope = self.innermost
        return scope if isinstance(scope, cst.ClassDef) else None
