# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""DOC001: public classes have docstrings."""

import libcst as cst

from checks.analysis.docstrings import docstring_node
from checks.config.paths import matches_any
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class ClassDocstringRule(Rule):
    """Flags public classes (no leading underscore, not inside a function) without a docstring."""

    code = "DOC001"
    section = "5"
    summary = "public class without docstring"
    rationale = "Docstrings on all public classes say what a class is for without reading its code."
    exemptions = (
        'Private classes (leading underscore), classes defined inside functions, and files matched by '
        '[docstrings] exempt (tests, test_*.py, *_test.py, conftest.py by default).'
    )
    valid = (
        Valid('class Loader:\n    """Loads batches."""\n'),
        Valid("class _Internal:\n    pass\n"),
        Valid("def factory() -> type:\n    class Local:\n        pass\n    return Local\n"),
        Valid("class TestLoader:\n    pass\n", path="tests/test_loader.py"),
    )
    invalid = (
        Invalid("class Loader:\n    pass\n", line=1),
        Invalid('class Outer:\n    """Outer."""\n    class Inner:\n        x = 1\n', line=3),
        Invalid("class Loader:\n    x: int = 1\n", line=1),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Test files are exempt by default."""
        return not matches_any(context.path, context.settings.table("docstrings")["exempt"])

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Check a class that is not nested in a function."""
        public = not node.name.value.startswith("_") and not self.context.in_function
        if public and docstring_node(node.body) is None:
            self.report(node.name, f"public class '{node.name.value}' has no docstring")
