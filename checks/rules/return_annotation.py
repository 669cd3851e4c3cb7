# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ANN002: every function declares its return type, ``__init__`` included."""

import libcst as cst

from checks.engine.rule import Invalid, Rule, Valid


class ReturnAnnotationRule(Rule):
    """Flags functions and methods without a return annotation."""

    code = "ANN002"
    section = "5"
    summary = "function or method without a return annotation (__init__ too)"
    rationale = "Type annotations are mandatory on all function signatures, return types included."
    exemptions = 'Lambdas (they cannot be annotated).'
    valid = (
        Valid("def f() -> None:\n    pass\n"),
        Valid("class A:\n    def __init__(self) -> None:\n        self.x = 1\n"),
        Valid("async def f() -> int:\n    return 1\n"),
        Valid("g = lambda: 1\n"),
    )
    invalid = (
        Invalid("def f():\n    pass\n", line=1),
        Invalid("class A:\n    def __init__(self):\n        self.x = 1\n", line=2),
        Invalid("async def fetch(url: str):\n    return url\n", line=1),
    )

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Report at the function name when ``-> T`` is missing."""
        if node.returns is None:
            self.report(node.name, f"function '{node.name.value}' has no return type annotation")
