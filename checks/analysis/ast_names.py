# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Names bound by assignment targets in the standard library's ``ast`` trees."""

import ast
from typing import Set


def add_target_names(target: ast.AST, into: Set[str]) -> None:
    """Add the plain names an ``ast`` assignment target binds (unpacking followed) to ``into``."""
    if isinstance(target, ast.Name):
        into.add(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            add_target_names(element, into)
    elif isinstance(target, ast.Starred):
        add_target_names(target.value, into)
