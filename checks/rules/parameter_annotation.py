# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ANN001: every function parameter is annotated (``self``/``cls`` of methods exempt)."""

from typing import Optional

import libcst as cst

from checks.analysis.cst_helpers import all_parameters, decorator_names
from checks.engine.rule import Invalid, Rule, Valid


def implicit_first_parameter(enclosing_class: Optional[cst.ClassDef], node: cst.FunctionDef) -> bool:
    """Whether the function is a method whose first parameter is bound implicitly."""
    return enclosing_class is not None and "staticmethod" not in decorator_names(node)


class ParameterAnnotationRule(Rule):
    """Flags parameters without a type annotation."""

    code = "ANN001"
    section = "5"
    summary = "function or method parameter without a type annotation (self/cls exempt; *args and **kwargs included)"
    rationale = "Type annotations are mandatory on all function signatures: they document and let tools verify."
    exemptions = (
        'The implicit first parameter of methods (self, cls; not of @staticmethod functions) and lambda '
        'parameters.'
    )
    valid = (
        Valid("def f(a: int, *args: str, b: bool = True, **kwargs: float) -> None:\n    pass\n"),
        Valid("class A:\n    def m(self, x: int) -> int:\n        return x\n"),
        Valid("class A:\n    @classmethod\n    def make(cls) -> 'A':\n        return cls()\n"),
        Valid("f = lambda x: x\n"),
        Valid("def f(a: int, /, b: int, *, c: int) -> None:\n    pass\n"),
    )
    invalid = (
        Invalid("def f(a) -> None:\n    pass\n", line=1),
        Invalid("def f(*args, **kwargs) -> None:\n    pass\n", count=2, line=1),
        Invalid("class A:\n    @staticmethod\n    def m(x) -> int:\n        return x\n", line=3),
        Invalid("class A:\n    def m(self, x, y: int = 0) -> None:\n        pass\n", line=2),
        Invalid("def outer() -> None:\n    def inner(x):\n        return x\n", line=2),
    )

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check each parameter."""
        parameters = all_parameters(node.params)
        skip_first = implicit_first_parameter(self.context.enclosing_class, node)
        first = (list(node.params.posonly_params) + list(node.params.params))[:1]
        for param in parameters:
            if param.annotation is not None or (skip_first and first and param is first[0]):
                continue
            star = param.star if isinstance(param.star, str) else ""
            self.report(param.name, f"parameter '{star}{param.name.value}' of '{node.name.value}' has no type annotation")
