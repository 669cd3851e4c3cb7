# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""DOC002: public functions and methods have docstrings."""

import libcst as cst

from checks.analysis.cst_helpers import decorator_names
from checks.analysis.docstrings import docstring_node
from checks.config.paths import matches_any
from checks.engine.rule import FileContext, Invalid, Rule, Valid

EXEMPT_DECORATORS = frozenset({"overload", "override"})


class FunctionDocstringRule(Rule):
    """Flags public functions and methods without a docstring.

    Public means: no leading underscore, not nested in a function, and (for
    methods) in a public class. ``@overload`` signatures, ``@override``
    methods and property setters and deleters are exempt.
    """

    code = "DOC002"
    section = "5"
    summary = "public function or method without docstring (@overload stubs and property setters exempt)"
    rationale = "Docstrings on all public functions say what a function promises without reading its body."
    exemptions = (
        'Private functions and methods (leading underscore) and methods of private classes, functions nested '
        'in functions, @overload signatures, @override methods, property setters and deleters, and files '
        'matched by [docstrings] exempt (tests by default).'
    )
    valid = (
        Valid('def load() -> None:\n    """Load the data."""\n'),
        Valid("def _helper() -> None:\n    pass\n"),
        Valid("class A:\n    def __init__(self) -> None:\n        pass\n"),
        Valid("@overload\ndef f(x: int) -> int: ...\n"),
        Valid(
            'class A:\n    """A."""\n    @property\n    def x(self) -> int:\n        """X."""\n        return 1\n'
            "    @x.setter\n    def x(self, value: int) -> None:\n        pass\n"
        ),
        Valid('def outer() -> None:\n    """Outer."""\n    def inner() -> None:\n        pass\n'),
        Valid("class _Hidden:\n    def run(self) -> None:\n        pass\n"),
        Valid("def test_load() -> None:\n    pass\n", path="tests/test_load.py"),
    )
    invalid = (
        Invalid("def load() -> None:\n    pass\n", line=1),
        Invalid('class A:\n    """A."""\n    def run(self) -> None:\n        pass\n', line=3),
        Invalid("async def fetch() -> None:\n    return None\n", line=1),
        Invalid("def load() -> None:\n    x = 'not a docstring'\n", line=1),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Test files are exempt by default."""
        return not matches_any(context.path, context.settings.table("docstrings")["exempt"])

    def _is_public(self, node: cst.FunctionDef) -> bool:
        if node.name.value.startswith("_") or self.context.in_function:
            return False
        if any(isinstance(scope, cst.ClassDef) and scope.name.value.startswith("_") for scope in self.context.scopes):
            return False
        decorators = decorator_names(node)
        if any(name.rsplit(".", 1)[-1] in EXEMPT_DECORATORS for name in decorators):
            return False
        return not any(name.endswith((".setter", ".deleter")) for name in decorators)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check a function or method."""
        if self._is_public(node) and docstring_node(node.body) is None:
            kind = "method" if self.context.enclosing_class is not None else "function"
            self.report(node.name, f"public {kind} '{node.name.value}' has no docstring")
