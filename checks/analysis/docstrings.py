# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The docstring of a module, class or function: its first statement, when that is a string literal."""

from typing import Optional, Sequence, Union

import libcst as cst

Body = Union[cst.IndentedBlock, cst.SimpleStatementSuite]
DocumentedNode = Union[cst.Module, cst.ClassDef, cst.FunctionDef, cst.IndentedBlock, cst.SimpleStatementSuite]


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


def docstring_node(owner: DocumentedNode) -> Optional[cst.BaseExpression]:
    """The docstring literal of a module, class or function (or of a class or function body), if any."""
    if isinstance(owner, (cst.ClassDef, cst.FunctionDef)):
        owner = owner.body
    if isinstance(owner, cst.Module):
        statements = owner.body
        if not statements or not isinstance(statements[0], cst.SimpleStatementLine) or not statements[0].body:
            return None
        first = statements[0].body[0]
        value = first.value if isinstance(first, cst.Expr) else None
    else:
        value = first_statement_expression(owner)
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return value
    return None
