# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ENG002: an identifier made of non-English words, at the place where it is bound."""

from typing import Any, Set

import libcst as cst

from checks.english.detector import detect_identifier
from checks.analysis.cst_helpers import bound_names
from checks.english.syntax import allowed_words, imported_names, is_exempt
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class EnglishIdentifier(Rule):
    """Flags names that the code defines (functions, classes, parameters, variables, attributes).

    Names are split into words (``snake_case``, ``camelCase``) and each word
    is looked up; one word that clearly belongs to another language is enough.
    Only binding sites are checked, once per name and file: a name used but
    defined elsewhere (an imported library's API) is not this file's choice.
    """

    code = "ENG002"
    summary = "identifier is a non-English word"
    rationale = (
        "Policy section 4: variables and names are written in English only. ASCII-folded Romanian "
        "(`salveaza_datele`) counts as Romanian; abbreviations and technical words (`cfg`, `kv_cache`, "
        "`cu_seqlens`) are English."
    )
    section = "4"
    exemptions = (
        'Paths matched by [english] exempt, names of [english] allow-names and allow-words, dunders, and '
        'names the detector cannot judge (abbreviations, single letters).'
    )
    valid = (
        Valid("def load_checkpoint(ckpt_dir: str, strict: bool = True) -> None:\n    kv_cache = {}\n"),
        Valid("cu_seqlens = 0\nsa_layer = 1\nmedia_type = 'json'\ndate_str = ''\n"),
        Valid("class HFTokenizer:\n    def visit_FunctionDef(self) -> None:\n        self.tok_ids = []\n"),
        Valid("from training.data import fisier_util\n"),
        Valid("bucharest_tz = 'Europe/Bucharest'\nmatcher = None\nopname = 'LOAD'\n"),
    )
    invalid = (
        Invalid("def salveaza_datele(cale: str) -> None:\n    return None\n", line=1),
        Invalid("rata_invatare = 3e-4\n", line=1),
        Invalid("class IncarcatorDate:\n    pass\n", line=1),
        Invalid("def load(fisier_intrare: str) -> None:\n    return None\n", line=1),
        Invalid("class Model:\n    def build(self) -> None:\n        self.straturi_ascunse = []\n", line=3),
        Invalid("for rezultat in []:\n    print(rezultat)\n", line=1),
        Invalid("mărime_lot = 32\n", line=1),
        Invalid("def charger_donnees() -> None:\n    return None\n", line=1),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.allow = allowed_words(context.settings) | imported_names(context.source)
        self.seen: Set[str] = set()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Skipped for paths listed in ``english.exempt``."""
        return not is_exempt(context.path, context.settings)

    def _check(self, node: Any) -> None:
        if not isinstance(node, cst.Name):
            return
        name = node.value
        if name in self.seen or (name.startswith("__") and name.endswith("__")):
            return
        self.seen.add(name)
        verdict = detect_identifier(name, self.allow)
        if verdict is not None:
            self.report(node, f"identifier `{name}` is not English: {verdict.describe()}")

    def _check_target(self, target: Any) -> None:
        for name, _ in bound_names(target):
            self._check(name)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """A function or method name."""
        self._check(node.name)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A class name."""
        self._check(node.name)

    def visit_Param(self, node: cst.Param) -> None:
        """A parameter of a function or lambda."""
        self._check(node.name)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        """A target of ``=``."""
        self._check_target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """An annotated assignment or declaration."""
        self._check_target(node.target)

    def visit_For(self, node: cst.For) -> None:
        """A ``for`` loop target."""
        self._check_target(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        """A comprehension target."""
        self._check_target(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        """A walrus target."""
        self._check_target(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        """``import x as name``, ``with f() as name``, ``except E as name``."""
        self._check_target(node.name)
