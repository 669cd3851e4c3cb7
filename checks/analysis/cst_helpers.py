# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Small, shared questions about libcst nodes that several rules ask."""

from typing import Iterator, List, Optional, Tuple, Union

import libcst as cst

from checks.analysis.dotted_names import dotted_name

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


def all_parameters(params: cst.Parameters) -> List[cst.Param]:
    """Every parameter of a signature in source order, stars included."""
    result: List[cst.Param] = list(params.posonly_params) + list(params.params)
    if isinstance(params.star_arg, cst.Param):
        result.append(params.star_arg)
    result.extend(params.kwonly_params)
    if params.star_kwarg is not None:
        result.append(params.star_kwarg)
    return result
