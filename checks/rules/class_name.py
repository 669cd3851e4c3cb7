# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""NAM001: class names are PascalCase."""

import re

import libcst as cst

from checks.engine.rule import Invalid, Rule, Valid

PASCAL_CASE = re.compile(r"^_*[A-Z][A-Za-z0-9]*$")


class ClassNameRule(Rule):
    """Flags class names that are not PascalCase."""

    code = "NAM001"
    section = "5"
    summary = "class name not PascalCase"
    rationale = "PascalCase classes and snake_case functions make the kind of a name visible at a glance."
    exemptions = 'Names that are already PascalCase, with or without leading underscores (_Private, GPT2Model).'
    valid = (
        Valid("class DataLoader:\n    pass\n"),
        Valid("class HTTPError(Exception):\n    pass\n"),
        Valid("class _Private:\n    pass\n"),
        Valid("class GPT2Model:\n    pass\n"),
    )
    invalid = (
        Invalid("class data_loader:\n    pass\n", line=1),
        Invalid("class dataLoader:\n    pass\n", line=1),
        Invalid("class Data_Loader:\n    pass\n", line=1),
    )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Report at the class name."""
        name = node.name.value
        if not PASCAL_CASE.match(name):
            self.report(node.name, f"class name '{name}' is not PascalCase")
