# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""PRN001: printed status tags use the configured prefix set (default ``[OK] [HF] [WARN] [ERROR] [INFO]``).

Only tags made of a status word count: ``[warning]``, ``Error:``, ``WARN -``.
Component tags (``[train]``), progress (``[3/10]``), counts (``Errors: 3``),
tallies (``OK: 5 FAIL: 1``) and metrics (``Error: {mae:.4f}``) are not status
tags and are left alone. The fix rewrites the tag to the configured prefix of
the same family when exactly one exists.
"""

import re
from typing import Dict, List, Optional, Tuple, Union

import libcst as cst

from checks.engine.finding import Fix
from checks.engine.rule import FileContext, Invalid, Rule, Valid

FAMILIES: Dict[str, str] = {
    "ok": "ok",
    "success": "ok",
    "info": "info",
    "warn": "warn",
    "warning": "warn",
    "error": "error",
    "err": "error",
    "hf": "hf",
    "fatal": "fatal",
    "critical": "fatal",
    "fail": "fail",
    "failed": "fail",
    "failure": "fail",
    "debug": "debug",
}
LEADING = re.compile(r"^(?:\s|\\[ntr])*")
BRACKET_TAG = re.compile(r"\[\s*([A-Za-z]+)\s*\]")
WORD_TAG = re.compile(r"([A-Za-z]+)(?::(?=\s|$)|\s+[-\u2013\u2014](?=\s))\s*")
NUMERIC_FIELD = re.compile(r"^\s*(?:%[-+ #0]*\d*(?:\.\d+)?[feEgG]|\{[^{}]*:[^{}]*[feEgG%]\})")
TALLY = re.compile(r"\b([A-Za-z]+):")

TextNode = Union[cst.SimpleString, cst.FormattedStringText]


def message_text(expression: cst.BaseExpression) -> Optional[Tuple[TextNode, int, str, bool]]:
    """The literal node a printed message starts with, the offset of its text, the text, and whether more follows."""
    node: Optional[cst.BaseExpression] = expression
    more = False
    while node is not None:
        if isinstance(node, cst.ConcatenatedString):
            node, more = node.left, True
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Modulo, cst.Add)):
            node, more = node.left, True
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
            node = node.func.value
        else:
            break
    if isinstance(node, cst.SimpleString):
        if "b" in node.prefix.lower():
            return None
        start = len(node.prefix) + len(node.quote)
        return node, start, node.value[start : len(node.value) - len(node.quote)], more
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[0], cst.FormattedStringText):
        return node.parts[0], 0, node.parts[0].value, more or len(node.parts) > 1
    return None


def _full_text(expression: cst.BaseExpression) -> str:
    """A rough rendering of a message for the tally test: literal text with fields as ``{}``."""
    pieces: List[str] = []
    pending: List[cst.BaseExpression] = [expression]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.FormattedString):
            pieces.extend(part.value if isinstance(part, cst.FormattedStringText) else "{}" for part in node.parts)
        elif isinstance(node, cst.SimpleString):
            pieces.append(node.value)
        elif isinstance(node, (cst.ConcatenatedString, cst.BinaryOperation)):
            pending.append(node.right)
            pending.append(node.left)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            pending.append(node.func.value)
    return "".join(pieces)


def _next_part(expression: cst.BaseExpression) -> Optional[cst.BaseFormattedStringContent]:
    if isinstance(expression, cst.FormattedString) and len(expression.parts) > 1:
        return expression.parts[1]
    return None


def _is_numeric_spec(part: Optional[cst.BaseFormattedStringContent]) -> bool:
    if not isinstance(part, cst.FormattedStringExpression) or not part.format_spec:
        return False
    spec = "".join(item.value for item in part.format_spec if isinstance(item, cst.FormattedStringText))
    return bool(re.search(r"[feEgG%]$", spec))


class StatusPrefixRule(Rule):
    """Flags printed messages that open with a status tag outside the configured prefix set."""

    code = "PRN001"
    section = "5"
    summary = "print() whose message starts with a bracketed or 'Word:' status tag not in the configured prefix set"
    rationale = (
        "One fixed set of status prefixes ([OK] [HF] [WARN] [ERROR] [INFO]) makes output greppable "
        "and lets people and tools see at a glance what went wrong."
    )
    fixable = True
    exemptions = (
        'Prints whose first argument is not a string, tags that are not status words (component tags [train], '
        "progress [3/10], counts 'Errors: 3', tallies, metrics), and files where print is not the builtin "
        '(from rich import print, a module-level print = ..., a star import of a module known to export '
        'print).'
    )
    valid = (
        Valid("print('[WARN] disk almost full')\n"),
        Valid("print(f'[INFO] step {step}')\n"),
        Valid("print('[train] epoch 3 done')\n"),
        Valid("print('[3/10] tokenizing')\n"),
        Valid("print('Errors: 3')\n"),
        Valid("print(f'Error: {mae:.4f}')\n"),
        Valid("print('Error: %.3f' % rmse)\n"),
        Valid("print(f'OK: {passed}  FAIL: {failed}')\n"),
        Valid("print('Error rate: 0.3')\n"),
        Valid("from rich import print\n\nprint('[warning] styled')\n"),
        Valid("log('Warning: not a print call')\n"),
    )
    invalid = (
        Invalid("print('[warning] disk almost full')\n", fixed="print('[WARN] disk almost full')\n", line=1),
        Invalid("from constants import *\nprint('Error: file not found')\n", line=2),
        Invalid("print('Error: file not found')\n", fixed="print('[ERROR] file not found')\n", line=1),
        Invalid("print(f'Warning: {path} is empty')\n", fixed="print(f'[WARN] {path} is empty')\n", line=1),
        Invalid("print('WARN - retrying')\n", fixed="print('[WARN] retrying')\n", line=1),
        Invalid("print('ERROR:', error)\n", fixed="print('[ERROR]', error)\n", line=1),
        Invalid("print('\\nSuccess: model saved')\n", fixed="print('\\n[OK] model saved')\n", line=1),
        Invalid("print('[ok] done')\n", fixed="print('[OK] done')\n", line=1),
        Invalid("print('[DEBUG] shapes: %s' % shapes)\n", line=1),
        Invalid("print('Info: %d files' % count)\n", fixed="print('[INFO] %d files' % count)\n", line=1),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.configured = [p for p in context.settings.value("status-prefixes") if isinstance(p, str)]
        self.targets: Dict[str, List[str]] = {}
        for prefix in self.configured:
            match = BRACKET_TAG.fullmatch(prefix)
            family = FAMILIES.get(match.group(1).lower()) if match else None
            if family is not None:
                self.targets.setdefault(family, []).append(prefix)
        self.calls: List[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        """Collect print calls with a positional first argument."""
        if isinstance(node.func, cst.Name) and node.func.value == "print" and node.args:
            first = node.args[0]
            if first.keyword is None and not first.star:
                self.calls.append(node)

    def finish(self, module: object) -> None:
        """Check the collected calls once the file's bindings are known."""
        if self.context.imports.imports("print") or self.context.bindings.binds("print"):
            return
        if self.context.imports.star_rebinds("print"):
            return
        for call in self.calls:
            self._check(call)

    def _check(self, call: cst.Call) -> None:
        expression = call.args[0].value
        found = message_text(expression)
        if found is None:
            return
        node, offset, text, more = found
        lead = LEADING.match(text).end()
        body = text[lead:]
        if any(body.startswith(prefix) for prefix in self.configured):
            return
        bracket = BRACKET_TAG.match(body)
        word = None if bracket else WORD_TAG.match(body)
        match = bracket or word
        if match is None:
            return
        family = FAMILIES.get(match.group(1).lower())
        if family is None:
            return
        rest = body[match.end():]
        if word is not None:
            metric = NUMERIC_FIELD.match(rest) or (not rest.strip() and _is_numeric_spec(_next_part(expression)))
            if family == "error" and metric:
                return
            tags = [t for t in TALLY.findall(_full_text(expression)) if t.lower() in FAMILIES]
            if len(tags) > 1:
                return
        tag = body[: match.end()].strip()
        targets = self.targets.get(family, [])
        fix = None
        if len(targets) == 1:
            spacer = ""
            if word is not None and (rest or more or body[: match.end()] != body[: match.end()].rstrip()):
                spacer = " "
            new_text = text[:lead] + targets[0] + spacer + rest
            new_value = node.value[:offset] + new_text + node.value[offset + len(text):]
            fix = Fix(f"use {targets[0]}", old_node=node, new_node=node.with_changes(value=new_value))
        allowed = " ".join(self.configured)
        hint = f": use {targets[0]}" if len(targets) == 1 else f" (allowed: {allowed})"
        self.report(node, f"status tag {tag!r} is not a configured prefix{hint}", fix=fix)
