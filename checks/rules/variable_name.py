# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""NAM003: variables, parameters and attributes are bound with snake_case names."""

from typing import Optional

import libcst as cst

from checks.analysis.cst_helpers import ScopeTracker, base_names, bound_names, dotted_name
from checks.analysis.naming import PASCAL_CASE, UPPER_CASE, is_snake_case
from checks.engine.rule import FileContext, Invalid, Rule, Valid
from checks.rules.parameter_annotation import all_parameters


TYPE_FACTORIES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "NewType", "TypeAliasType"})


class VariableNameRule(Rule):
    """Flags bindings whose names are not snake_case.

    Module- and class-level UPPER_CASE constants are allowed, and so are
    PascalCase names there (type aliases and class aliases).
    """

    code = "NAM003"
    section = "5"
    summary = "variable, parameter or attribute binding not snake_case (module-level UPPER_CASE constants allowed)"
    rationale = "One naming convention for values makes code read the same everywhere in the project."
    valid = (
        Valid("MAX_STEPS = 10\nlearning_rate = 0.1\n"),
        Valid("Vector = list\n"),
        Valid("class A:\n    LIMIT = 3\n    def __init__(self) -> None:\n        self.total_count = 0\n"),
        Valid("for index, (key, value) in enumerate(items):\n    pass\n"),
        Valid("def f(batch_size: int) -> None:\n    _ = batch_size\n"),
        Valid("__all__ = ['x']\n"),
        Valid("other.someAttr = 1\n"),
        Valid("from typing import TypeVar\nVT_co = TypeVar('VT_co', covariant=True)\n"),
        Valid("class Payload(TypedDict):\n    userId: int\n"),
    )
    invalid = (
        Invalid("learningRate = 0.1\n"),
        Invalid("def f() -> None:\n    totalCount = 0\n"),
        Invalid("def f(batchSize: int) -> None:\n    pass\n"),
        Invalid("class A:\n    def __init__(self) -> None:\n        self.totalCount = 0\n"),
        Invalid("for myItem in items:\n    pass\n"),
        Invalid("with open('f', encoding='utf-8') as fileHandle:\n    pass\n"),
        Invalid("def f() -> None:\n    MAX = 3\n"),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.scopes = ScopeTracker()
        self.allowed_names = set(context.settings.table("naming")["allow-names"])

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Enter a class scope."""
        self.scopes.enter(node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        """Leave a class scope."""
        self.scopes.leave()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check parameter names, then enter the function scope."""
        for param in all_parameters(node.params):
            self._check(param.name, in_function=True)
        self.scopes.enter(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Leave the function scope."""
        self.scopes.leave()

    def _check(self, node: cst.CSTNode, in_function: Optional[bool] = None) -> None:
        if not isinstance(node, cst.Name) or self._in_typed_dict():
            return
        name = node.value
        if is_snake_case(name) or name in self.allowed_names:
            return
        local = self.scopes.in_function if in_function is None else in_function
        if not local and (UPPER_CASE.match(name) or PASCAL_CASE.match(name)):
            return
        self.report(node, f"name '{name}' is not snake_case")

    def _check_target(self, target: cst.BaseExpression) -> None:
        for name_node, is_attribute in bound_names(target):
            self._check(name_node, in_function=True if is_attribute else None)

    def _in_typed_dict(self) -> bool:
        owner = self.scopes.enclosing_class()
        return owner is not None and any(name.rsplit(".", 1)[-1] == "TypedDict" for name in base_names(owner))

    def visit_Assign(self, node: cst.Assign) -> None:
        """Plain and chained assignments (type variables keep their conventional names)."""
        if isinstance(node.value, cst.Call) and dotted_name(node.value.func).rsplit(".", 1)[-1] in TYPE_FACTORIES:
            return
        for target in node.targets:
            self._check_target(target.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """Annotated assignments."""
        self._check_target(node.target)

    def visit_For(self, node: cst.For) -> None:
        """Loop variables."""
        self._check_target(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        """Comprehension variables."""
        self._check_target(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        """``with … as name``."""
        if node.asname is not None:
            self._check_target(node.asname.name)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """``except … as name``."""
        if node.name is not None:
            self._check_target(node.name.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        """Walrus targets."""
        self._check_target(node.target)
