# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""SEP001: section separators are ``'=' * 70``.

A separator is a line made of one repeated character (``= - * # ~ _ +`` or a
box-drawing rule) at least ten long: ``print('-' * 50)``, a printed literal
``'=========='``, the same written to a file, appended to a list of lines or
logged (``handle.write('-' * 60 + '\\n')``), a comment ``# ----------``, or
such a value assigned to a name like ``SEPARATOR`` or ``LINE`` (an f-string
holding only such runs included), or passed alone to any call whose name says
it outputs a line (``Logger('-' * 100)``, ``log_line('=' * 80)``). Widths
computed at run time (``'-' * len(title)``), title banners (``'=' * 20 + ' Results ' + '=' * 20``),
docstring underlines and comment underlines as long as the title above them
are not separators; a comment title framed by the same run above and below
(``# -----`` / ``# Title`` / ``# -----``) is a section banner, so both of its
lines are reported alike. Separator comments inside a file's protected header
block (the leading comments holding a copyright or licence notice, which HDR003
keeps unchanged) are the header's own and are left alone.
"""

import re
from typing import Any, List, Optional, Sequence, Tuple

import libcst as cst

from checks.engine.finding import Fix
from checks.guard.header_preservation import header_block
from checks.engine.positions import locate
from checks.engine.rule import FileContext, Invalid, Rule, Valid

SEPARATOR_CHARACTERS = frozenset("=-*#~_+\u2500\u2501\u2550")
WIDTH = 70
MIN_RUN = 10
LINE_WRITERS = frozenset({"write", "append", "echo", "secho", "info", "debug", "warning"})
OUTPUT_NAME_PARTS = frozenset({"log", "logger", "print", "write", "echo", "info", "debug", "warning", "warn", "emit", "display", "show"})
SEPARATOR_NAME_PARTS = frozenset({"sep", "separator", "line", "rule", "divider", "bar", "banner", "hr"})
NAME_SPLIT = re.compile(r"_+|(?<=[a-z0-9])(?=[A-Z])")
CANDIDATE_BODY = re.compile(r"^(?:\s|\\[ntr]|[=\-*#~_+\u2500\u2501\u2550])*$")


def _repetition(expression: cst.BaseExpression) -> Optional[Tuple[cst.SimpleString, cst.Integer]]:
    """The (character literal, count) of ``'c' * N`` or ``N * 'c'`` with a separator character."""
    if not isinstance(expression, cst.BinaryOperation) or not isinstance(expression.operator, cst.Multiply):
        return None
    left, right = expression.left, expression.right
    if isinstance(right, cst.SimpleString) and isinstance(left, cst.Integer):
        left, right = right, left
    if not isinstance(left, cst.SimpleString) or not isinstance(right, cst.Integer):
        return None
    if "b" in left.prefix.lower() or "r" in left.prefix.lower():
        return None
    value = left.evaluated_value
    if not isinstance(value, str) or len(value) != 1 or value not in SEPARATOR_CHARACTERS:
        return None
    return left, right


def _run_of(text: str) -> Optional[str]:
    """The separator run a text consists of (surrounding whitespace allowed), else None."""
    core = text.strip()
    if len(core) < MIN_RUN or len(set(core)) != 1 or core[0] not in SEPARATOR_CHARACTERS:
        return None
    return core


def _literal_text(expression: cst.BaseExpression) -> Optional[str]:
    """The value of a plain string literal that can only hold whitespace and separator characters."""
    if not isinstance(expression, cst.SimpleString) or "b" in expression.prefix.lower():
        return None
    body = expression.value[len(expression.prefix) + len(expression.quote) : len(expression.value) - len(expression.quote)]
    if not CANDIDATE_BODY.match(body):
        return None
    value = expression.evaluated_value
    return value if isinstance(value, str) else None


def _is_blank_literal(expression: cst.BaseExpression) -> bool:
    value = _literal_text(expression)
    return value is not None and not value.strip()


def _operands(expression: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The operands of a ``+`` chain, left to right (the expression itself when it is not one)."""
    found: List[cst.BaseExpression] = []
    pending: List[cst.BaseExpression] = [expression]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) and not node.lpar:
            pending.append(node.right)
            pending.append(node.left)
        else:
            found.append(node)
    return found


def _is_underline(lines: Sequence[str], line: int, run: str) -> bool:
    """Whether the comment run on ``line`` underlines the comment title above it (not the bottom of a banner)."""
    if not 1 < line <= len(lines) + 1 or run[0] == "#":
        return False
    above = lines[line - 2].strip()
    if not above.startswith("#") or len(above[1:].strip()) != len(run) or _run_of(above[1:]) is not None:
        return False
    overline = lines[line - 3].strip() if line > 2 else ""
    return not (overline.startswith("#") and overline[1:].strip() == run)


def _replacement(template: cst.SimpleString) -> cst.BinaryOperation:
    """``'=' * 70`` written with the quote character of the literal it replaces."""
    quote = template.quote[0]
    return cst.BinaryOperation(
        left=cst.SimpleString(f"{quote}={quote}"),
        operator=cst.Multiply(),
        right=cst.Integer(str(WIDTH)),
    )


class SectionSeparatorRule(Rule):
    """Flags separators other than ``'=' * 70`` in prints, separator constants and comments."""

    code = "SEP001"
    section = "5"
    summary = "section separator that is not '=' * 70 (other widths, other characters, long literal runs in prints or comments)"
    rationale = "One separator everywhere ('=' * 70) keeps console output and source files uniform and easy to scan."
    fixable = True
    exemptions = (
        "'=' * 70 itself; runs shorter than ten; widths computed at run time ('-' * len(title)); title "
        'banners with text between runs; docstring underlines; comment underlines as long as the comment '
        "title above them (but not the bottom line of a banner); separators inside a file's protected header "
        "block; values assigned to names that do not say 'separator' or 'line'; calls whose name does not say "
        "they output a line (text.startswith('=' * 10))."
    )
    valid = (
        Valid("print('=' * 70)\n"),
        Valid("print('\\n' + '=' * 70)\n"),
        Valid("SEPARATOR = '=' * 70\n"),
        Valid("print('-' * len(title))\n"),
        Valid("print('=' * 20 + ' Results ' + '=' * 20)\n"),
        Valid("print(f\"{'=' * 20} Epoch {epoch} {'=' * 20}\")\n"),
        Valid('def f() -> None:\n    """Summary.\n\n    Parameters\n    ----------\n    """\n'),
        Valid("# Parameters\n# ----------\nx = 1\n"),
        Valid("# " + "=" * 70 + "\nx = 1\n"),
        Valid("mask = '*' * 12\n"),
        Valid("# +------+------+\n# | a    | b    |\n"),
        Valid("print('-' * 3)\n"),
        Valid("# -------------------------------------\n# Copyright (c) 2019 Example Corp.\n# -------------------------------------\nx = 1\n"),
        Valid("if text.startswith('=' * 10):\n    skip(text)\n"),
        Valid("DASHES = f\"{'-' * 34}\"\n"),
    )
    invalid = (
        Invalid("print('=' * 80)\n", fixed="print('=' * 70)\n", line=1),
        Invalid('print("-" * 70)\n', fixed='print("=" * 70)\n', line=1),
        Invalid("SEPARATOR = '-' * 60\n", fixed="SEPARATOR = '=' * 70\n", line=1),
        Invalid("print('\\n' + '*' * 50)\n", fixed="print('\\n' + '=' * 70)\n", line=1),
        Invalid("print('==============================')\n", fixed="print('=' * 70)\n", line=1),
        Invalid("x = 1\n# ----------------------------------------\ny = 2\n", fixed="x = 1\n# " + "=" * 70 + "\ny = 2\n", line=2),
        Invalid("#" * 40 + "\nx = 1\n", fixed="# " + "=" * 70 + "\nx = 1\n", line=1),
        Invalid("print(f\"\\n{'-' * 40}\")\n", fixed="print(f\"\\n{'=' * 70}\")\n", line=1),
        Invalid("handle.write('-' * 60 + '\\n')\n", fixed="handle.write('=' * 70 + '\\n')\n", line=1),
        Invalid("Logger('-' * 100)\n", fixed="Logger('=' * 70)\n", line=1),
        Invalid("log_line('=' * 100)\n", fixed="log_line('=' * 70)\n", line=1),
        Invalid("LINE = f\"{'-' * 34}\"\n", fixed="LINE = f\"{'=' * 70}\"\n", line=1),
        Invalid("x = 1\n\n# -------------------\n# Character Detection\n# -------------------\ny = 2\n", count=2, line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.comments: List[Tuple[cst.Comment, str]] = []

    def _report_repetition(self, expression: cst.BaseExpression) -> bool:
        found = _repetition(expression)
        if found is None:
            return False
        character, count = found
        width = int(count.value, 0)
        if width < MIN_RUN:
            return True
        if character.evaluated_value == "=" and width == WIDTH:
            return True
        self.report(
            expression,
            f"section separator {character.evaluated_value!r} * {width}: use '=' * {WIDTH}",
            fix=Fix(f"use '=' * {WIDTH}", old_node=expression, new_node=_replacement(character)),
        )
        return True

    def _report_literal(self, expression: cst.BaseExpression) -> bool:
        value = _literal_text(expression)
        if value is None:
            return False
        run = _run_of(value)
        if run is None:
            return _is_blank_literal(expression)
        if run == "=" * WIDTH:
            return True
        fix = None
        if value == run and len(expression.quote) == 1:
            fix = Fix(f"use '=' * {WIDTH}", old_node=expression, new_node=_replacement(expression))
        self.report(expression, f"literal separator of {len(run)} {run[0]!r}: use '=' * {WIDTH}", fix=fix)
        return True

    def _check_line(self, pieces: Sequence[cst.BaseExpression]) -> None:
        """Report the separators of one printed line when it holds nothing else."""
        separators: List[cst.BaseExpression] = []
        for piece in pieces:
            if _is_blank_literal(piece):
                continue
            if _repetition(piece) is not None:
                separators.append(piece)
                continue
            text = _literal_text(piece)
            if text is not None and _run_of(text) is not None:
                separators.append(piece)
                continue
            if isinstance(piece, cst.FormattedString):
                inner = self._formatted_separators(piece)
                if inner is None:
                    return
                separators.extend(inner)
                continue
            return
        for separator in separators:
            if not self._report_repetition(separator):
                self._report_literal(separator)

    def _formatted_separators(self, string: cst.FormattedString) -> Optional[List[cst.BaseExpression]]:
        found: List[cst.BaseExpression] = []
        for part in string.parts:
            if isinstance(part, cst.FormattedStringText):
                if part.value.replace("\\n", "").strip():
                    return None
            elif isinstance(part, cst.FormattedStringExpression) and _repetition(part.expression) is not None:
                if part.format_spec or part.conversion:
                    return None
                found.append(part.expression)
            else:
                return None
        return found

    def visit_Call(self, node: cst.Call) -> None:
        """A print (or a line written, appended or logged) whose positional arguments form a separator line."""
        func = node.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        writes_lines = name == "print" or (isinstance(func, cst.Attribute) and name in LINE_WRITERS)
        if not writes_lines and not any(part.lower() in OUTPUT_NAME_PARTS for part in NAME_SPLIT.split(name)):
            return
        pieces: List[cst.BaseExpression] = []
        for argument in node.args:
            if argument.star:
                return
            if argument.keyword is None:
                pieces.extend(_operands(argument.value))
        if pieces:
            self._check_line(pieces)

    def _check_assignment(self, names: Sequence[str], value: Optional[cst.BaseExpression]) -> None:
        if value is None:
            return
        if not any(part.lower() in SEPARATOR_NAME_PARTS for name in names for part in NAME_SPLIT.split(name)):
            return
        if isinstance(value, cst.FormattedString):
            self._check_line([value])
        elif not self._report_repetition(value):
            self._report_literal(value)

    def visit_Assign(self, node: cst.Assign) -> None:
        """``SEPARATOR = '-' * 60``."""
        names = [target.target.value for target in node.targets if isinstance(target.target, cst.Name)]
        self._check_assignment(names, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """``SEPARATOR: str = '-' * 60``."""
        if isinstance(node.target, cst.Name):
            self._check_assignment([node.target.value], node.value)

    def visit_Comment(self, node: cst.Comment) -> None:
        """Remember comments that are separator lines."""
        body = node.value[1:].strip()
        if body == "=" * WIDTH:
            return
        run = _run_of(node.value.strip()) if set(node.value.strip()) == {"#"} else _run_of(body)
        if run is not None:
            self.comments.append((node, run))

    def finish(self, module: Any) -> None:
        """Report separator comments, except title underlines and the lines of a protected header."""
        if not self.comments:
            return
        lines = self.context.lines
        header_length = len(header_block(self.context.source))
        title_lengths = {len(text[1:].strip()) for text in (line.strip() for line in lines) if text.startswith("#")}
        to_place = [node for node, run in self.comments if header_length or (len(run) in title_lengths and run[0] != "#")]
        try:
            ranges = locate(module, to_place) if to_place else {}
        except RecursionError:
            ranges = {}
        for node, run in self.comments:
            line = ranges.get(id(node), (0, 0, 0, 0))[0]
            if 0 < line <= header_length:
                continue
            if _is_underline(lines, line, run):
                continue
            replacement = node.with_changes(value="# " + "=" * WIDTH)
            self.report(
                node,
                f"separator comment of {len(run)} {run[0]!r}: use '=' * {WIDTH}",
                fix=Fix(f"use '=' * {WIDTH}", old_node=node, new_node=replacement),
            )
