# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""NAM003: variables, parameters and attributes are bound with snake_case names.

Names that are not variables are exempt: module- and class-level UPPER_CASE
constants; PascalCase names bound to a class anywhere (class aliases such as
``CustomError = SystemExit``, ``Accuracy = namedtuple(...)``, ``Pair = tuple[int, int]``,
``Number = int | float``); members of Enum classes and keys of TypedDict classes
(names dictated by the data); type variables (``VT_co = TypeVar(...)``); and
the names of the ``[naming] allow-names`` setting.
"""

from typing import Optional

import libcst as cst

from checks.analysis.cst_helpers import all_parameters, base_names, bound_names
from checks.analysis.dotted_names import dotted_name
from checks.analysis.naming import PASCAL_CASE, UPPER_CASE, case_shape, is_snake_case
from checks.engine.rule import FileContext, Invalid, Rule, Valid


TYPE_FACTORIES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "NewType", "TypeAliasType"})
CLASS_FACTORIES = frozenset(
    {"namedtuple", "NamedTuple", "TypedDict", "type", "make_dataclass", "Enum", "IntEnum", "StrEnum", "Flag",
     "IntFlag", "NewType", "declarative_base"}
)
BUILTIN_TYPES = frozenset(
    {"int", "float", "complex", "str", "bytes", "bytearray", "bool", "list", "tuple", "dict", "set", "frozenset",
     "object", "type", "range", "slice", "memoryview"}
)
DATA_NAMED_BASES = frozenset({"TypedDict", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum"})


def is_class_expression(value: Optional[cst.BaseExpression]) -> bool:
    """Whether an assigned value is a class: a PascalCase or builtin type name, a generic alias, a class factory call."""
    if isinstance(value, (cst.Name, cst.Attribute)):
        last = dotted_name(value).rsplit(".", 1)[-1]
        return last in BUILTIN_TYPES or bool(PASCAL_CASE.match(last) and not UPPER_CASE.match(last))
    if isinstance(value, cst.Subscript):
        return is_class_expression(value.value)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.BitOr):
        return is_class_expression(value.left) and (
            is_class_expression(value.right) or (isinstance(value.right, cst.Name) and value.right.value == "None")
        )
    if isinstance(value, cst.Call):
        return dotted_name(value.func).rsplit(".", 1)[-1] in CLASS_FACTORIES
    return False


class VariableNameRule(Rule):
    """Flags bindings whose names are not snake_case (see the module docstring for what is exempt)."""

    code = "NAM003"
    section = "5"
    summary = "variable, parameter or attribute binding not snake_case (module-level UPPER_CASE constants allowed)"
    rationale = "One naming convention for values makes code read the same everywhere in the project."
    exemptions = (
        'Module- and class-level UPPER_CASE constants; PascalCase names bound to a class anywhere '
        '(CustomError = SystemExit, Accuracy = namedtuple(...), Pair = tuple[int, int]); members of Enum '
        'classes and keys of TypedDict classes; type variables (TypeVar, ParamSpec, NewType); dunders; '
        '[naming] allow-names.'
    )
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
        Valid("from enum import Enum\n\nclass Mode(Enum):\n    FOO = 'foo-value'\n    bFloat16 = 'bf16'\n"),
        Valid("import enum\n\ndef test_modes() -> None:\n    class Mode(enum.Enum):\n        FOO = 'foo-value'\n"),
        Valid("def main() -> None:\n    CustomError = SystemExit\n    raise CustomError(1)\n"),
        Valid("from collections import namedtuple\n\ndef score() -> None:\n    Accuracy = namedtuple('Accuracy', 'top1 top5')\n"),
        Valid("def pairs() -> None:\n    Pair = tuple[int, int]\n    Number = int | None\n"),
        Valid("def test_config() -> None:\n    class Config:\n        LIMIT = 3\n"),
        Valid("class FakeContext:\n    def __init__(self) -> None:\n        self.Queue = FakeQueue\n"),
    )
    invalid = (
        Invalid("learningRate = 0.1\n", line=1),
        Invalid("def f() -> None:\n    totalCount = 0\n", line=2),
        Invalid("def f(batchSize: int) -> None:\n    pass\n", line=1),
        Invalid("class A:\n    def __init__(self) -> None:\n        self.totalCount = 0\n", line=3),
        Invalid("for myItem in items:\n    pass\n", line=1),
        Invalid("with open('f', encoding='utf-8') as fileHandle:\n    pass\n", line=1),
        Invalid("def f() -> None:\n    MAX = 3\n", line=2),
        Invalid("def f() -> None:\n    Total = compute()\n", line=2),
        Invalid("def f() -> None:\n    Limit = MAX_STEPS\n", line=2),
        Invalid("class Mode:\n    def __init__(self) -> None:\n        self.fooBar = 1\n", line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.allowed_names = set(context.settings.table("naming")["allow-names"])

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check parameter names."""
        for param in all_parameters(node.params):
            self._check(param.name, local=True)

    def _check(self, node: cst.CSTNode, local: bool, value: Optional[cst.BaseExpression] = None) -> None:
        """Report a bound name; ``local`` is False at module and class level, where constants live."""
        if not isinstance(node, cst.Name):
            return
        name = node.value
        if is_snake_case(name) or name in self.allowed_names:
            return
        shape = case_shape(name) or name
        if not local and (UPPER_CASE.match(shape) or PASCAL_CASE.match(shape)):
            return
        if PASCAL_CASE.match(shape) and not UPPER_CASE.match(shape) and is_class_expression(value):
            return
        self.report(node, f"name '{name}' is not snake_case")

    def _check_target(self, target: cst.BaseExpression, value: Optional[cst.BaseExpression] = None) -> None:
        owner = self.context.enclosing_class
        in_class_body = owner is not None
        if in_class_body and any(name.rsplit(".", 1)[-1] in DATA_NAMED_BASES for name in base_names(owner)):
            return
        plain_value = value if isinstance(target, (cst.Name, cst.Attribute)) else None
        for name_node, is_attribute in bound_names(target):
            local = is_attribute or (self.context.in_function and not in_class_body)
            self._check(name_node, local, plain_value)

    def visit_Assign(self, node: cst.Assign) -> None:
        """Plain and chained assignments (type variables keep their conventional names)."""
        if isinstance(node.value, cst.Call) and dotted_name(node.value.func).rsplit(".", 1)[-1] in TYPE_FACTORIES:
            return
        for target in node.targets:
            self._check_target(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """Annotated assignments."""
        self._check_target(node.target, node.value)

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
