# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""NAM002: function and method names are snake_case."""

import re
from typing import List, Pattern, Set

import libcst as cst

from checks.analysis.cst_helpers import base_names, decorator_names
from checks.analysis.naming import EXEMPT_BASES, is_snake_case
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class FunctionNameRule(Rule):
    """Flags function and method names that are not snake_case.

    Methods of a class that derives from a base defined outside the file may be
    overrides of a third-party API (``mouseMoveEvent``), so they are left alone.
    """

    code = "NAM002"
    section = "5"
    summary = "function or method name not snake_case (dunders and configured override patterns exempt)"
    rationale = "snake_case functions and PascalCase classes keep the kind of every name visible."
    exemptions = (
        'Dunder names, names matching [naming] allow-function-patterns (visit_*, leave_*, setUp*, tearDown*, '
        'test*), [naming] allow-names, @override methods, and methods of a class with a base defined outside '
        'the file (they may override a third-party API such as mouseMoveEvent).'
    )
    valid = (
        Valid("def load_data() -> None:\n    pass\n"),
        Valid("class A:\n    def __repr__(self) -> str:\n        return ''\n"),
        Valid("class V(cst.CSTVisitor):\n    def visit_FunctionDef(self, node: object) -> None:\n        pass\n"),
        Valid("class W(QWidget):\n    def mouseMoveEvent(self, event: object) -> None:\n        pass\n"),
        Valid("class T(unittest.TestCase):\n    def setUp(self) -> None:\n        pass\n"),
        Valid("def _helper2() -> None:\n    pass\n"),
    )
    invalid = (
        Invalid("def loadData() -> None:\n    pass\n", line=1),
        Invalid("def LoadData() -> None:\n    pass\n", line=1),
        Invalid("class A:\n    def getValue(self) -> int:\n        return 1\n", line=2),
        Invalid("class Base:\n    pass\nclass A(Base):\n    def getValue(self) -> int:\n        return 1\n", line=4),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.local_classes: Set[str] = set()
        naming = context.settings.table("naming")
        self.allowed: List[Pattern[str]] = [re.compile(p) for p in naming["allow-function-patterns"]]
        self.allowed_names = set(naming["allow-names"])

    def visit_Module(self, node: cst.Module) -> None:
        """Collect the classes defined in this file (their bases are the project's)."""
        for statement in node.body:
            if isinstance(statement, cst.ClassDef):
                self.local_classes.add(statement.name.value)

    def _may_override_foreign_api(self) -> bool:
        owner = self.context.enclosing_class
        if owner is None:
            return False
        foreign = [name for name in base_names(owner) if name not in EXEMPT_BASES and name not in self.local_classes]
        return bool(foreign)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check the name."""
        name = node.name.value
        exempt = (
            is_snake_case(name)
            or name in self.allowed_names
            or any(p.match(name) for p in self.allowed)
            or self._may_override_foreign_api()
            or "override" in {d.rsplit(".", 1)[-1] for d in decorator_names(node)}
        )
        if not exempt:
            self.report(node.name, f"function name '{name}' is not snake_case")
