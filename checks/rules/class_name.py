# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""NAM001: class names are PascalCase."""

import re

import libcst as cst

from checks.analysis.naming import case_shape
from checks.engine.rule import Invalid, Rule, Valid

PASCAL_CASE = re.compile(r"^_*[A-Z][A-Za-z0-9]*$")


class ClassNameRule(Rule):
    """Flags class names that are not PascalCase."""

    code = "NAM001"
    section = "5"
    summary = "class name not PascalCase"
    rationale = "PascalCase classes and snake_case functions make the kind of a name visible at a glance."
    exemptions = (
        'Names that are already PascalCase, with or without leading underscores (_Private, GPT2Model), in any '
        'cased alphabet (Модель), and names in a script without case (Hangul, Han, Kana), whose one problem, '
        'the language, is ENG002\'s.'
    )
    valid = (
        Valid("class DataLoader:\n    pass\n"),
        Valid("class HTTPError(Exception):\n    pass\n"),
        Valid("class _Private:\n    pass\n"),
        Valid("class GPT2Model:\n    pass\n"),
        Valid('class 주가데이터:\n    """Daily prices of one ticker."""\n'),
        Valid('class Модель:\n    """A model."""\n'),
    )
    invalid = (
        Invalid("class data_loader:\n    pass\n", line=1),
        Invalid("class dataLoader:\n    pass\n", line=1),
        Invalid("class Data_Loader:\n    pass\n", line=1),
    )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Report at the class name."""
        name = node.name.value
        shape = case_shape(name)
        if shape is not None and not PASCAL_CASE.match(shape):
            self.report(node.name, f"class name '{name}' is not PascalCase")
