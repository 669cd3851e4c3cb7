# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ENG003: a string shown to people (print, raise, input, warnings, f-strings) not in English."""

from typing import Any, FrozenSet, Optional, Sequence, Set

import libcst as cst

from checks.analysis.dotted_names import callee_pattern
from checks.english.syntax import allowed_words, imported_names, call_matches, is_exempt, judge_prose, string_text
from checks.engine.rule import FileContext, Invalid, Rule, Valid

STRING_NODES = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
MESSAGE_SHAPES = STRING_NODES + (cst.BinaryOperation, cst.Call)


class EnglishMessage(Rule):
    """Flags user-facing strings in another language.

    Checked: the string arguments of ``print``, ``input``, ``warnings.warn``,
    ``sys.exit`` and the other ``english.message-calls``; the arguments of
    the exception raised by ``raise``; the message of ``assert``; keyword
    arguments named in ``english.message-keywords`` (``help=``, ``description=``);
    and every f-string. A ``"..." % x`` or ``"...".format(x)`` template counts
    as its string. Format fields, paths, status tags such as ``[OK]`` and code
    names inside the text are ignored.
    """

    code = "ENG003"
    summary = "string shown to people not in English"
    rationale = (
        "Policy section 4: everything the code says to people is in English. Messages, exceptions, "
        "prompts and command-line help are artifacts of the code."
    )
    section = "4"
    exemptions = (
        'Paths matched by [english] exempt, strings outside message positions (paths, keys, format templates '
        'used as data), format fields, status tags and code names inside the text.'
    )
    valid = (
        Valid('print(f"[OK] saved checkpoint to {path}")\n'),
        Valid('raise ValueError(f"shape mismatch: {a.shape} vs {b.shape}")\n'),
        Valid('print("[INFO] timezone set to Europe/Bucharest")\nprint("Hello, Ana!")\n'),
        Valid('path = f"{root}/date/{name}.json"\nkey = "salveaza_datele"\n'),
        Valid('print("Step %d | loss %.3f | tok/s %s" % (step, loss, tps))\n'),
        Valid('parser.add_argument("--jobs", help="worker processes (default: cores)")\n'),
    )
    invalid = (
        Invalid('print("[OK] Modelul a fost salvat in {}".format(path))\n', line=1),
        Invalid('raise FileNotFoundError(f"Fișierul {path} nu există")\n', line=1),
        Invalid('message = f"Antrenarea s-a terminat dupa {n} epoci"\n', line=1),
        Invalid('name = input("Introduceti calea catre fisier: ")\n', line=1),
        Invalid('assert ok, "Valoarea este invalida pentru acest parametru"\n', line=1),
        Invalid('print("Entraînement terminé en %d secondes" % secs)\n', line=1),
        Invalid('parser.add_argument("--lr", help="rata de invatare pentru optimizator")\n', line=1),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        table = context.settings.table("english")
        self.allow: FrozenSet[str] = allowed_words(context.settings) | imported_names(context.source)
        self.calls: Sequence[str] = tuple(table.get("message-calls", ()))
        self.keywords: FrozenSet[str] = frozenset(table.get("message-keywords", ()))
        self.done: Set[int] = set()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Skipped for paths listed in ``english.exempt``."""
        return not is_exempt(context.path, context.settings)

    def _template(self, node: Any) -> Optional[cst.CSTNode]:
        if isinstance(node, STRING_NODES):
            return node
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
            return self._template(node.left)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
            return self._template(node.func.value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self._template(node.left) or self._template(node.right)
        return None

    def _check(self, node: Any) -> None:
        target = self._template(node)
        if target is None or id(target) in self.done:
            return
        self.done.add(id(target))
        text = string_text(target)
        if not text:
            return
        verdict = judge_prose(text, self.allow)
        if verdict is not None:
            self.report(target, f"message is not in English: {verdict.describe()}")

    def _check_arguments(self, args: Sequence[cst.Arg], positional: bool) -> None:
        for arg in args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if (keyword is None and positional) or (keyword is not None and keyword in self.keywords):
                self._check(arg.value)

    def visit_Call(self, node: cst.Call) -> None:
        """Message calls get all string arguments checked; any call its message keywords."""
        args = node.args
        if not args:
            return
        keywords = self.keywords
        for arg in args:
            keyword = arg.keyword
            if keyword is not None and keyword.value in keywords:
                break
            if keyword is None and isinstance(arg.value, MESSAGE_SHAPES):
                break
        else:
            return
        name = callee_pattern(node.func)
        self._check_arguments(args, bool(name) and call_matches(name, self.calls))

    def visit_Raise(self, node: cst.Raise) -> None:
        """The arguments of the raised exception."""
        exc = node.exc
        if isinstance(exc, cst.Call):
            self._check_arguments(exc.args, True)

    def visit_Assert(self, node: cst.Assert) -> None:
        """The message of an assertion."""
        if node.msg is not None:
            self._check(node.msg)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        """Every f-string: they exist to be read."""
        self._check(node)
