# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Each fix of a file as a minimal text replacement (for SARIF ``fixes``).

An edit is only offered when libcst's text of the module is the file itself:
libcst does not reproduce every file exactly (LibCST issue 1457, a last line
ending in a lone CR), and a file whose bytes do not survive its codec is not
rewritten by ``--fix`` either. Otherwise no edit is offered, as ``--fix``
applies none.

The edits are computed from the tree the rules already walked, once per file:
one code generation of the module records where each replaced node's text
starts and ends (and the indentation around it), and only the new node is
generated, in that indentation. A node whose text depends on its parent in
a way that this cannot reproduce (a comma or semicolon its parent decides
differently for the new node) and module-wide fixes (headers) fall back to
applying the one fix to the whole module and comparing the texts.
"""

import inspect
from dataclasses import replace
from itertools import accumulate, product
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst
from libcst.metadata import WhitespaceInclusivePositionProvider
from libcst.metadata.position_provider import WhitespaceInclusivePositionProvidingCodegenState

from checks.analysis.source_lines import LINE_BREAK
from checks.engine.finding import NO_EDIT, Finding, TextEdit
from checks.engine.lint import ParseFailure, analyse, apply_fixes, parse, run_rules_with_positions, unfixable_reason
from checks.config.settings import Settings

__all__ = ["FindingKey", "TextEdit", "NO_EDIT", "minimal_edit", "fix_edits", "with_edits", "lint_with_edits"]

FindingKey = Tuple[str, int, int]
_NO_PROVIDER = WhitespaceInclusivePositionProvider()
_FLAG_PARAMETERS: Dict[type, Optional[Tuple[str, ...]]] = {}


class _Silent:
    """A do-nothing context manager for libcst's syntactic position recording."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: Any) -> None:
        return None


_SILENT = _Silent()


class _SpanState(WhitespaceInclusivePositionProvidingCodegenState):
    """Code generation that records, for requested nodes, their token span and the indentation around them."""

    def __init__(self, module: cst.Module, targets: Set[int]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline, provider=_NO_PROVIDER)
        self.targets = targets
        self.starts: Dict[int, Tuple[int, Tuple[str, ...]]] = {}
        self.spans: Dict[int, Tuple[int, int, Tuple[str, ...]]] = {}

    def add_indent_tokens(self) -> None:
        """Write the indentation without counting lines."""
        self.tokens.extend(self.indent_tokens)

    def add_token(self, value: str) -> None:
        """Write a token without counting lines."""
        self.tokens.append(value)

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: Any = None, end_node: Any = None) -> Any:
        """Nothing to record: spans here include the node's own whitespace."""
        return _SILENT

    def before_codegen(self, node: cst.CSTNode) -> None:
        """Remember where a requested node's text starts."""
        key = id(node)
        if key in self.targets and key not in self.starts:
            self.starts[key] = (len(self.tokens), tuple(self.indent_tokens))

    def after_codegen(self, node: cst.CSTNode) -> None:
        """Close a requested node's span."""
        key = id(node)
        if key in self.starts and key not in self.spans:
            start, indent = self.starts[key]
            self.spans[key] = (start, len(self.tokens), indent)


def _line_column(text: str, offset: int) -> Tuple[int, int]:
    """1-based line and column of a character offset, lines broken where Python breaks them."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line += 1
        start = match.end()
    return line, offset - start + 1


def minimal_edit(before: str, after: str) -> TextEdit:
    """The smallest single replacement turning ``before`` into ``after``."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]:
        suffix += 1
    line, column = _line_column(before, prefix)
    end_line, end_column = _line_column(before, len(before) - suffix)
    return TextEdit(line, column, end_line, end_column, after[prefix:len(after) - suffix])


def _flag_parameters(node_type: type) -> Optional[Tuple[str, ...]]:
    """The boolean keyword parameters a node's code generation takes from its parent; None when one is not boolean."""
    if node_type not in _FLAG_PARAMETERS:
        names: List[str] = []
        flags: Optional[Tuple[str, ...]] = None
        try:
            parameters = list(inspect.signature(node_type._codegen_impl).parameters.values())[2:]
        except (TypeError, ValueError):
            parameters = None
        if parameters is not None and all(isinstance(p.default, bool) for p in parameters):
            names = [p.name for p in parameters]
            flags = tuple(names)
        _FLAG_PARAMETERS[node_type] = flags
    return _FLAG_PARAMETERS[node_type]


def _generate(module: cst.Module, node: cst.CSTNode, indent: Tuple[str, ...], flags: Dict[str, bool]) -> str:
    state = _SpanState(module, set())
    state.indent_tokens = list(indent)
    node._codegen(state, **flags)
    return "".join(state.tokens)


def _node_text(module: cst.Module, old: cst.CSTNode, new: cst.CSTNode, indent: Tuple[str, ...], original: str) -> Optional[str]:
    """The text of ``new`` where ``old`` stood, when the parent's influence on both can be told; else None."""
    names = _flag_parameters(type(old))
    if names is None or _flag_parameters(type(new)) != names:
        return None
    texts = set()
    for values in product((False, True), repeat=len(names)):
        flags = dict(zip(names, values))
        if _generate(module, old, indent, flags) == original:
            texts.add(_generate(module, new, indent, flags))
    return texts.pop() if len(texts) == 1 else None


def _whole_module_edit(module: cst.Module, finding: Finding) -> TextEdit:
    try:
        fixed = apply_fixes(module, [finding]).code
    except (cst.CSTValidationError, TypeError, ValueError):
        return NO_EDIT
    return minimal_edit(module.code, fixed) if fixed != module.code else NO_EDIT


def _edits(module: cst.Module, text: str, findings: Sequence[Finding]) -> List[TextEdit]:
    """The edit of each finding's fix (NO_EDIT where none), one code generation for all node swaps."""
    swaps = {id(f.fix.old_node) for f in findings if f.fix is not None and f.fix.old_node is not None and f.fix.edit_module is None}
    state = _SpanState(module, swaps)
    module._codegen(state)
    if "".join(state.tokens) != text:
        return [NO_EDIT for _ in findings]
    offsets = [0, *accumulate(len(token) for token in state.tokens)]
    edits = []
    for finding in findings:
        fix = finding.fix
        if fix is None:
            edits.append(NO_EDIT)
            continue
        span = state.spans.get(id(fix.old_node)) if fix.edit_module is None and fix.old_node is not None else None
        new_text = None
        if span is not None and fix.new_node is not None:
            start, end = offsets[span[0]], offsets[span[1]]
            new_text = _node_text(module, fix.old_node, fix.new_node, span[2], text[start:end])
        if new_text is None:
            edits.append(_whole_module_edit(module, finding))
            continue
        if new_text == text[start:end]:
            edits.append(NO_EDIT)
            continue
        local = minimal_edit(text[start:end], new_text)
        line, column = _line_column(text, start)
        edits.append(_shifted(local, line, column))
    return edits


def _shifted(edit: TextEdit, line: int, column: int) -> TextEdit:
    """An edit measured inside a slice, moved to where the slice starts (line, column)."""
    def move(at_line: int, at_column: int) -> Tuple[int, int]:
        return (line, column + at_column - 1) if at_line == 1 else (line + at_line - 1, at_column)

    start = move(edit.line, edit.column)
    end = move(edit.end_line, edit.end_column)
    return TextEdit(start[0], start[1], end[0], end[1], edit.text)


def with_edits(module: Optional[cst.Module], text: str, data: Union[bytes, str], findings: Sequence[Finding]) -> List[Finding]:
    """The findings with each fix's edit filled in (NO_EDIT where none can be offered)."""
    fixable = [finding for finding in findings if finding.fix is not None]
    if not fixable:
        return list(findings)
    usable = module is not None and not (isinstance(data, bytes) and unfixable_reason(data) is not None)
    edits = _edits(module, text, fixable) if usable and module is not None else [NO_EDIT] * len(fixable)
    by_id = {id(finding): edit for finding, edit in zip(fixable, edits)}
    return [
        replace(finding, fix=replace(finding.fix, edit=by_id[id(finding)])) if id(finding) in by_id and finding.fix is not None else finding
        for finding in findings
    ]


def lint_with_edits(
    data: Union[bytes, str], path: str, settings: Settings, is_new: bool = True, project: Any = None
) -> List[Finding]:
    """All findings of one file, as ``lint_source`` gives them, each fix carrying its edit."""
    module, findings, text = analyse(data, path, settings, is_new, project)
    return with_edits(module, text, data, findings)


def fix_edits(
    data: Union[bytes, str], path: str, settings: Settings, is_new: bool = True, project: Any = None
) -> Dict[FindingKey, TextEdit]:
    """For every fixable finding of the file, the text edit its fix alone makes."""
    if isinstance(data, bytes) and unfixable_reason(data) is not None:
        return {}
    try:
        module, text = parse(data)
    except ParseFailure:
        return {}
    findings = with_edits(module, text, data, run_rules_with_positions(module, text, path, settings, is_new, project))
    return {
        (f.code, f.line, f.column): f.fix.edit
        for f in findings
        if f.fix is not None and f.fix.edit is not None and f.fix.edit != NO_EDIT
    }
