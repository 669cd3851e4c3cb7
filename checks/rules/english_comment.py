# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ENG001: a comment or docstring that is not in English."""

from typing import Any, Dict, List, Optional, Tuple

import libcst as cst

from checks.english.detector import foreign_marks, has_rare_words
from checks.analysis.docstrings import docstring_node
from checks.english.syntax import allowed_words, imported_names, is_exempt, judge_prose, string_text
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class EnglishComment(Rule):
    """Flags comments and docstrings written in another language than English.

    Consecutive full-line comments are judged together as one block; each
    paragraph of a docstring is judged on its own, so one Romanian paragraph
    in an English docstring is found too. Mixed text: each line, sentence and
    clause is judged on its own as well, so an English lead-in cannot hide a
    foreign clause (``# sanity check: verificar las credenciales``); hiragana
    between code words is Japanese grammar (``# scores は MOS1, ..., mean
    のリスト``); a Title Case heading whose words are foreign words is judged
    by its words (``Ajustar Liquidación Primaria de Granos``), while a line of
    known names stays names. Code spans, URLs and host names neither hide nor
    trigger a finding. Rare words the frequent-word lexicon lacks are looked
    up in the deep lexicon (``wartosciach``); when two languages fit a text
    equally well the finding says "not English" instead of guessing.
    """

    code = "ENG001"
    summary = "comment or docstring not in English"
    rationale = (
        "Policy section 4: code, comments and docstrings are written in English only, and one artifact "
        "never mixes two languages. Detection stays silent unless several words clearly belong to "
        "another language (or use letters English never has, such as ă, ș, ț)."
    )
    section = "4"
    exemptions = (
        'Paths matched by [english] exempt, words of [english] allow-words, code, identifiers, URLs, host names '
        '(internationalised ones too: 中国.icom.museum) and paths '
        'inside the text, and short fragments the detector cannot judge.'
    )
    valid = (
        Valid("# noqa: E501\nx = 1  # type: ignore[attr-defined]\n"),
        Valid("# -*- coding: utf-8 -*-\n# Copyright (c) 2024-2026 Vasile Lucian Borbeleac\n# Cluj-Napoca, Romania\n"),
        Valid("# kv cache, see https://example.org/docs/ro/index.html\nkv = {}\n"),
        Valid("# reviewed by Andrei Popescu and Ioana Mureșan in Timișoara\nx = 1\n"),
        Valid("# ad hoc fix: de facto the tokenizer's EOS differs, vice versa for BOS\nx = 1\n"),
        Valid('def load() -> None:\n    """Load ``fisier_date.json`` from ``configs/ro/``."""\n'),
        Valid("# pragma: no cover\n# pylint: disable=too-many-locals\nx = 1\n"),
        Valid(
            'class URL:\n    """\n    Internationalised host names are decoded into unicode:\n\n'
            '      url = httpx.URL("http://中国.icom.museum")\n      assert url.host == "中国.icom.museum"\n'
            '    """\n'
        ),
        Valid("# IDNA hosts such as https://中国.icom.museum or 中国.icom.museum are decoded\nx = 1\n"),
        Valid('# "this behaviour is dumb but people rely on it"\n#    - Lukasa\n#\n# kept for compatibility\nx = 1\n'),
        Valid("# split \"こんにちは\" into five characters before the lookup\nx = 1\n"),
        Valid('def load() -> None:\n    """Load The Model From Disk."""\n'),
    )
    invalid = (
        Invalid("# salveaza modelul dupa fiecare epoca\nx = 1\n", line=1),
        Invalid("x = 1  # încarcă datele din fișier\n", line=1),
        Invalid('def f() -> None:\n    """Calculează media pierderii pe setul de validare."""\n', line=2),
        Invalid("# charger le modèle depuis le disque\nx = 1\n", line=1),
        Invalid(
            '"""Training entry point.\n\nAcest modul porneste antrenarea si salveaza rezultatele.\n"""\n',
            line=1,
        ),
        Invalid("def login() -> None:\n    # sanity check: verificar las credenciales\n    return None\n", line=2),
        Invalid(
            "# load the credentials from the environment\n# luego verificar que las credenciales sean validas\nx = 1\n",
            line=1,
        ),
        Invalid("scores = []  # scores は MOS1, MOS2, MOS3,..., mean のリスト\n", line=1),
        Invalid('class Liquidacion:\n    def ajustar(self) -> None:\n        """Ajustar Liquidación Primaria de Granos"""\n', line=3),
        Invalid("# Tworzymy zmienne o wartosciach logicznych\nx = True\n", line=1),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.allow = allowed_words(context.settings) | imported_names(context.source)
        self.comments: List[cst.Comment] = []

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Skipped for paths listed in ``english.exempt``."""
        return not is_exempt(context.path, context.settings)

    def visit_Comment(self, node: cst.Comment) -> None:
        """Collect a comment; blocks are formed at the end, when lines are known."""
        self.comments.append(node)

    def visit_Module(self, node: cst.Module) -> None:
        """Check the module docstring."""
        self._check_docstring(docstring_node(node))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Check a class docstring."""
        self._check_docstring(docstring_node(node))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check a function docstring."""
        self._check_docstring(docstring_node(node))

    def _check_docstring(self, node: Optional[cst.CSTNode]) -> None:
        if node is None:
            return
        text = string_text(node)
        if not text:
            return
        verdict = judge_prose(text, self.allow)
        if verdict is not None:
            self.report(node, f"docstring is not in English: {verdict.describe()}")

    def _positions(self) -> List[Tuple[cst.Comment, int, bool]]:
        """Each comment with its 0-based line and whether it stands alone on its line, in source order.

        The walker may meet comments out of source order (the leading lines of
        a module's first statement come last), so each is placed by its text:
        the next occurrence of the same text after the last one placed.
        """
        source = self.context.source
        next_start: Dict[str, int] = {}
        placed: List[Tuple[int, int, cst.Comment]] = []
        for index, comment in enumerate(self.comments):
            found = source.find(comment.value, next_start.get(comment.value, 0))
            if found == -1:
                continue
            next_start[comment.value] = found + len(comment.value)
            placed.append((found, index, comment))
        placed.sort(key=lambda entry: (entry[0], entry[1]))
        result: List[Tuple[cst.Comment, int, bool]] = []
        line = 0
        counted = 0
        for found, _, comment in placed:
            line += source.count("\n", counted, found)
            counted = found
            start = source.rfind("\n", 0, found) + 1
            result.append((comment, line, not source[start:found].strip()))
        return result

    def _blocks(self) -> List[Tuple[cst.Comment, str]]:
        blocks: List[Any] = []
        previous = -2
        for comment, number, full in self._positions():
            if comment.value.startswith("#!") and number == 0:
                continue
            text = comment.value.lstrip("#").strip()
            if full and blocks and blocks[-1][2] and number == previous + 1:
                blocks[-1][1] += "\n" + text
            else:
                blocks.append([comment, text, full])
            previous = number if full else -2
        return [(block[0], block[1]) for block in blocks]

    def finish(self, module: Any) -> None:
        """Judge the collected comments, consecutive full-line comments as one block.

        Only blocks holding a word that is strong evidence for another
        language (or a hyphen, for Romanian clitics), or a word English lacks,
        are judged at all.
        """
        if not self.comments:
            return
        joined = "\n".join(comment.value for comment in self.comments)
        marks = foreign_marks(joined)
        if marks is None and not has_rare_words(joined):
            return
        for first, text in self._blocks():
            if "-" not in text and not any(mark in text for mark in marks or ()) and not has_rare_words(text):
                continue
            verdict = judge_prose(text, self.allow)
            if verdict is not None:
                self.report(first, f"comment is not in English: {verdict.describe()}")
