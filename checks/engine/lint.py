# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The source-rule engine: one parse, one traversal, positions only where reported.

``lint_source`` returns the findings of one file; ``fix_source`` applies the
fixes of one file in rounds, proving after each round that the result still
parses (and still compiles, when the original did) before keeping it.
"""

import codecs
import re
import tokenize
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import AbstractSet, Any, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from checks.engine.finding import Finding
from checks.engine.positions import locate
from checks.engine.registry import rule_classes
from checks.engine.rule import FileContext, Report, Rule
from checks.config.settings import Settings
from checks.engine.shape_guard import shape_problem
from checks.engine.suppressions import find_suppressions
from checks.engine.tree_walk import Handlers, walk

MAX_FIX_ROUNDS = 5
# Valid Python that libcst's parser mishandles raises these (LibCST issue 1061:
# ``() if 0 else(lambda:())`` gives a TypeError); a Rust panic in the native
# parser surfaces as pyo3's PanicException, a BaseException, matched by name.
_LIBCST_INTERNAL_ERRORS = (TypeError, AttributeError, IndexError, KeyError, AssertionError, OverflowError)
# What a rule's own bug raises while it inspects a tree (libcst's CSTValidationError is a
# SyntaxError). RecursionError is the file's nesting, not a rule's bug: handled file-wide.
RULE_FAILURES = (
    ArithmeticError, AssertionError, AttributeError, LookupError, NameError, TypeError, ValueError,
    RuntimeError, SyntaxError,
)
_HANDLER_NAME = re.compile(r"^(visit|leave)_([A-Z][A-Za-z]*)$")
_HANDLER_CACHE: Dict[type, List[Tuple[str, type, str]]] = {}


class ParseFailure(Exception):
    """The file cannot be parsed; carries a 1-based location for PGX002."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class FixOutcome:
    """The result of fixing one file."""

    source: bytes
    changed: bool
    findings: List[Finding]
    applied: int = 0
    notes: List[str] = field(default_factory=list)


def _position_of_offset(data: bytes, offset: int) -> Tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode_source(data: bytes) -> Tuple[str, str]:
    """Decode Python source bytes per PEP 263 (BOM aware); return (text, encoding)."""
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _position_of_offset(data, nul)
        raise ParseFailure("source contains a NUL byte", line, column)
    lines = data.splitlines(keepends=True)[:2]
    try:
        encoding, _ = tokenize.detect_encoding(iter(lines).__next__)
    except SyntaxError as error:
        if b"coding" not in b"".join(lines):
            encoding = "utf-8"
        else:
            raise ParseFailure(f"bad encoding declaration: {error}", 1, 1) from error
    except StopIteration:
        encoding = "utf-8"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line, column = _position_of_offset(data, error.start)
        raise ParseFailure(f"invalid {encoding} byte sequence", line, column) from error
    except LookupError as error:
        raise ParseFailure(f"unknown encoding {encoding!r}", 1, 1) from error
    except (UnicodeError, ValueError, TypeError) as error:
        raise ParseFailure(f"cannot decode the file as {encoding}: {error}", 1, 1) from error


def parse(data: Union[bytes, str]) -> Tuple[cst.Module, str]:
    """Parse source with libcst; raise :class:`ParseFailure` with a location on any failure.

    Warnings raised while decoding and parsing (an ``unicode_escape`` coding
    line makes the codec warn about invalid escapes) are the checked file's
    business, not output of the checker: they are silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _parse_quietly(data)


def _parse_quietly(data: Union[bytes, str]) -> Tuple[cst.Module, str]:
    if isinstance(data, str):
        text = data
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise ParseFailure("source contains a NUL byte", line, 1)
    else:
        text, _ = decode_source(data)
    problem = shape_problem(text)
    if problem is not None:
        raise ParseFailure(*problem)
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as error:
        raise ParseFailure(f"syntax error: {error.message}", max(1, error.raw_line), error.raw_column + 1) from error
    except RecursionError as error:
        raise ParseFailure("nesting too deep to parse", 1, 1) from error
    except (SyntaxError, ValueError, UnicodeError, MemoryError) as error:
        raise ParseFailure(f"cannot parse: {error}", 1, 1) from error
    except _LIBCST_INTERNAL_ERRORS as error:
        raise ParseFailure(f"libcst cannot parse this file ({type(error).__name__}: {error})", 1, 1) from error
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise ParseFailure(f"libcst's native parser failed on this file ({error})", 1, 1) from error
    return module, text


def _handlers_of(rule_type: type) -> List[Tuple[str, type, str]]:
    cached = _HANDLER_CACHE.get(rule_type)
    if cached is None:
        cached = []
        for name in dir(rule_type):
            match = _HANDLER_NAME.match(name)
            if match is None:
                continue
            node_type = getattr(cst, match.group(2), None)
            if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
                raise LookupError(f"{rule_type.__name__}.{name}: libcst has no node {match.group(2)}")
            cached.append((match.group(1), node_type, name))
        _HANDLER_CACHE[rule_type] = cached
    return cached


def _rule_in_traceback(error: BaseException, rules: Sequence[Rule]) -> Tuple[Optional[Rule], Any]:
    """The rule whose method raised ``error`` (the outermost rule frame), and the node it was handling."""
    members = {id(rule): rule for rule in rules}
    trace = error.__traceback__
    while trace is not None:
        frame_locals = trace.tb_frame.f_locals
        owner = frame_locals.get("self")
        if owner is not None and id(owner) in members and members[id(owner)] is owner:
            node = frame_locals.get("node")
            return owner, node if isinstance(node, cst.CSTNode) else None
        trace = trace.tb_next
    return None, None


def _crash_report(rule: Rule, error: BaseException, node: Any) -> Report:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    reason = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    message = f"rule {rule.code} failed on this file ({reason}); its findings are missing, the other rules ran"
    if node is None:
        return Report(code="PGX002", message=message, line=1, column=1, end_line=1, end_column=1)
    return Report(code="PGX002", message=message, node=node)


def _walk_rules(module: cst.Module, rules: Sequence[Rule], context: FileContext) -> None:
    on_visit: Handlers = {}
    on_leave: Handlers = {}
    for rule in rules:
        for kind, node_type, name in _handlers_of(type(rule)):
            table = on_visit if kind == "visit" else on_leave
            table.setdefault(node_type, []).append(getattr(rule, name))
    if on_visit or on_leave:
        walk(module, on_visit, on_leave, context)


def _run_rules(module: cst.Module, context: FileContext, codes: FrozenSet[str]) -> List[Report]:
    """Every enabled rule's reports; a rule that raises is dropped and reported as PGX002.

    The traversal runs all rules at once with no per-call guard (that would
    cost every handler call). When a rule raises, the rule is found in the
    traceback, left out, and the traversal is redone with fresh instances of
    the others, so one rule's bug never hides the other rules' findings.
    """
    rule_types = [rule_type for rule_type in rule_classes(codes) if rule_type.applies_to(context)]
    crashes: List[Report] = []
    while True:
        context.begin_walk()
        rules: List[Rule] = [rule_type(context) for rule_type in rule_types]
        try:
            _walk_rules(module, rules, context)
            break
        except RecursionError:
            raise
        except RULE_FAILURES as error:
            culprit, node = _rule_in_traceback(error, rules)
            if culprit is None:
                raise
            crashes.append(_crash_report(culprit, error, node))
            rule_types.remove(type(culprit))
    reports: List[Report] = []
    for rule in rules:
        try:
            rule.finish(module)
        except RecursionError:
            raise
        except RULE_FAILURES as error:
            crashes.append(_crash_report(rule, error, None))
            continue
        reports.extend(rule.reports)
    if "PGX002" in codes:
        reports.extend(crashes)
    return reports


def _to_findings(module: Optional[cst.Module], reports: Sequence[Report], path: str, text: Optional[str] = None) -> List[Finding]:
    ranges = locate(module, [r.node for r in reports if r.node is not None], text) if module is not None else {}
    findings = []
    for report in reports:
        if report.node is not None:
            line, column, end_line, end_column = ranges.get(id(report.node), (1, 1, 1, 1))
        else:
            line, column, end_line, end_column = report.line, report.column, report.end_line, report.end_column
        findings.append(
            Finding(
                code=report.code,
                path=path,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                message=report.message,
                fix=report.fix,
            )
        )
    return findings


def _apply_suppressions(findings: List[Finding], text: str, path: str, codes: FrozenSet[str]) -> List[Finding]:
    suppressions = find_suppressions(text)
    if not suppressions:
        return findings
    kept = []
    for finding in findings:
        silenced = False
        for line in {finding.line, finding.end_line}:
            entry = suppressions.get(line)
            if entry is not None and finding.code in entry.codes:
                silenced = True
        if not silenced:
            kept.append(finding)
    if "PGX001" in codes:
        for entry in suppressions.values():
            if entry.problem:
                kept.append(Finding("PGX001", path, entry.line, entry.column, entry.line, entry.column, entry.problem))
    return kept


def _parse_failure_finding(path: str, failure: ParseFailure) -> Finding:
    return Finding(
        code="PGX002",
        path=path,
        line=failure.line,
        column=failure.column,
        end_line=failure.line,
        end_column=failure.column,
        message=f"file could not be parsed: {failure.message}",
    )


def _analyse(
    data: Union[bytes, str], path: str, settings: Settings, is_new: bool, project: Any
) -> Tuple[Optional[cst.Module], List[Finding], str]:
    codes = settings.codes_for(path)
    size = len(data)
    limit = settings.value("max-file-bytes")
    if limit and size > limit:
        failure = ParseFailure(f"file is {size} bytes, over the max-file-bytes limit of {limit}; not checked", 1, 1)
        return None, ([_parse_failure_finding(path, failure)] if "PGX002" in codes else []), ""
    try:
        module, text = parse(data)
    except ParseFailure as failure:
        return None, ([_parse_failure_finding(path, failure)] if "PGX002" in codes else []), ""
    return module, run_rules_with_positions(module, text, path, settings, is_new, project), text


def analyse(
    data: Union[bytes, str], path: str, settings: Settings, is_new: bool = True, project: Any = None
) -> Tuple[Optional[cst.Module], List[Finding], str]:
    """The parsed module (None when it cannot be parsed), its findings as ``lint_source`` gives them, and its text."""
    return _analyse(data, path, settings, is_new, project)


def run_rules_with_positions(
    module: cst.Module, text: str, path: str, settings: Settings, is_new: bool, project: Any
) -> List[Finding]:
    """Findings of an already parsed module: rules, positions, suppressions, sorted."""
    codes = settings.codes_for(path)
    context = FileContext(path=path, source=text, settings=settings, is_new=is_new, project=project)
    try:
        reports = _run_rules(module, context, codes)
        findings = _to_findings(module, reports, path, text)
    except RecursionError:
        # The shape guard refuses the deep files it can see coming; this is the net under it.
        failure = ParseFailure("nested too deeply to analyse (Python's recursion limit was reached)", 1, 1)
        return [_parse_failure_finding(path, failure)] if "PGX002" in codes else []
    findings = _apply_suppressions(findings, text, path, codes)
    findings.sort(key=Finding.sort_key)
    return findings


def lint_source(
    data: Union[bytes, str], path: str, settings: Settings, is_new: bool = True, project: Any = None
) -> List[Finding]:
    """All findings of one file (PGX002 when it cannot be parsed), sorted."""
    return _analyse(data, path, settings, is_new, project)[1]


class _Replacer(cst.CSTTransformer):
    """Swap nodes by identity of the original node, in one pass.

    A replacement inside a node that is itself replaced is lost (the outer
    replacement was built from the original subtree); ``nested`` collects
    those, so that their fixes count as deferred to the next round.
    """

    def __init__(self, replacements: Dict[int, cst.CSTNode]) -> None:
        super().__init__()
        self.replacements = replacements
        self.open: List[int] = []
        self.nested: Set[int] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Note when a replaced node lies inside another replaced node."""
        key = id(node)
        if key in self.replacements:
            if self.open:
                self.nested.add(key)
            self.open.append(key)
        return True

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> Any:
        """Return the replacement of an original node, else the updated node."""
        key = id(original_node)
        if key in self.replacements:
            self.open.pop()
            return self.replacements[key]
        return updated_node


def _apply_round(module: cst.Module, findings: Sequence[Finding]) -> Tuple[cst.Module, List[Finding]]:
    """The module with the fixes applied, and the findings whose fixes really took effect."""
    replacements: Dict[int, cst.CSTNode] = {}
    module_edits = []
    owners: Dict[int, Finding] = {}
    effective: List[Finding] = []
    for finding in findings:
        fix = finding.fix
        if fix is None:
            continue
        if fix.old_node is not None and id(fix.old_node) not in replacements:
            replacements[id(fix.old_node)] = fix.new_node
            owners[id(fix.old_node)] = finding
        if fix.edit_module is not None:
            module_edits.append(fix.edit_module)
            effective.append(finding)
    result = module
    if replacements:
        replacer = _Replacer(replacements)
        result = module.visit(replacer)
        effective.extend(finding for key, finding in owners.items() if key not in replacer.nested)
    for edit in module_edits:
        result = edit(result)
    return result, effective


def apply_fixes(module: cst.Module, findings: Sequence[Finding]) -> cst.Module:
    """The module with the fixes of the given findings applied (one round)."""
    return _apply_round(module, findings)[0]


def _compiles(data: bytes, path: str) -> bool:
    """Whether CPython compiles the bytes (warnings silenced: they are not ours to print)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def _encoding_name(data: bytes) -> Tuple[Optional[str], str]:
    """The normalised codec name the bytes decode with, or None and why not."""
    try:
        return codecs.lookup(decode_source(data)[1]).name, ""
    except ParseFailure as failure:
        return None, failure.message
    except LookupError as error:
        return None, str(error)


def unfixable_reason(data: bytes) -> Optional[str]:
    """Why a file's bytes cannot be rewritten safely, or None when they can.

    libcst writes a whole module back through the file's codec. Unless
    decoding and re-encoding gives the very same bytes, a fix would rewrite
    bytes it never meant to touch.
    """
    try:
        text, encoding = decode_source(data)
    except ParseFailure as failure:
        return failure.message
    try:
        same = text.encode(encoding) == data
    except (UnicodeError, LookupError, ValueError, TypeError):
        same = False
    if not same:
        return f"the file's {encoding} bytes do not survive decoding and re-encoding"
    return None


def fix_problem(original: bytes, candidate: bytes, path: str) -> Optional[str]:
    """Why a fixed version must not replace the original, or None when it is safe.

    The candidate must parse (libcst and the shape guard), keep the encoding
    the original was read with (a fix that adds or moves a coding line must not
    make Python read the same bytes as different characters), and compile
    whenever the original compiled.
    """
    before, _ = _encoding_name(original)
    after, problem = _encoding_name(candidate)
    if after is None:
        return f"the result would not decode ({problem})"
    if before != after:
        return f"the result would be read as {after} instead of {before}"
    try:
        parse(candidate)
    except ParseFailure as failure:
        return f"the result would not parse ({failure.message})"
    if _compiles(original, path) and not _compiles(candidate, path):
        return "the result would not compile"
    return None


def _ineffective(fixed: Sequence[Finding], after: Sequence[Finding], before: Sequence[Finding] = ()) -> Set[Tuple[str, str]]:
    """The (code, message) of applied fixes whose findings are at least as many after the round as before.

    Findings of the same (code, message) that the round did not try to fix
    (``before`` less ``fixed``: those ``--fix`` leaves to the baseline) are
    not counted against it.
    """
    tried = Counter((f.code, f.message) for f in fixed)
    left = Counter((f.code, f.message) for f in before) - tried
    remaining = Counter((f.code, f.message) for f in after)
    return {key for key, count in tried.items() if remaining[key] - left[key] >= count}


def fix_source(
    data: bytes,
    path: str,
    settings: Settings,
    is_new: bool = True,
    project: Any = None,
    only: Optional[AbstractSet[Tuple[str, int, int]]] = None,
) -> FixOutcome:
    """Apply every available fix, in rounds, each round proved safe before it is kept.

    A round is kept only when its result parses, keeps the file's encoding,
    still compiles (when the original did) and removed the findings it fixed:
    a fix that leaves its own finding in place would add its edit again on
    every run, so such fixes are dropped and the round is redone without them.

    ``only`` names the findings to fix as (code, line, column) of ``data``:
    then exactly those are fixed, in one round, and every other finding of the
    file (one a baseline accepts) is left as it is.
    """
    current = data
    applied = 0
    notes: List[str] = []
    skipped: Set[Tuple[str, str]] = set()
    module, findings, text = _analyse(current, path, settings, is_new, project)
    for _ in range(MAX_FIX_ROUNDS):
        fixable = [f for f in findings if f.fix is not None and (f.code, f.message) not in skipped]
        if only is not None:
            if applied:
                break
            fixable = [f for f in fixable if (f.code, f.line, f.column) in only]
        if module is None or not fixable:
            break
        reason = unfixable_reason(current)
        if reason is not None:
            notes.append(f"{path}: fixes not applied: {reason}")
            break
        try:
            if module.code != text:
                # libcst is not always lossless (LibCST issue 1457: ``except A :`` loses its
                # space; a last line ending in a lone CR loses it): its output would also
                # change lines no fix touched.
                notes.append(f"{path}: fixes not applied: libcst does not reproduce this file exactly, "
                             "so a fix would also rewrite other lines")
                break
            fixed_module, effective = _apply_round(module, fixable)
            candidate = fixed_module.bytes
        except (cst.CSTValidationError, TypeError, ValueError) as error:
            notes.append(f"{path}: fixes not applied ({error})")
            break
        except RecursionError:
            notes.append(f"{path}: fixes not applied: the file is nested too deeply to rewrite")
            break
        if candidate == current:
            break
        problem = fix_problem(current, candidate, path)
        if problem is not None:
            notes.append(f"{path}: fixes not applied: {problem}")
            break
        after = _analyse(candidate, path, settings, is_new, project)
        ineffective = _ineffective(effective, after[1], before=findings)
        if ineffective:
            skipped |= ineffective
            codes = ", ".join(sorted({code for code, _ in ineffective}))
            notes.append(f"{path}: {codes} fix not applied: it would not remove its own finding")
            continue
        current = candidate
        applied += len(effective)
        module, findings, text = after
    return FixOutcome(source=current, changed=current != data, findings=findings, applied=applied, notes=notes)
