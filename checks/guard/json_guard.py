# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The append-only JSON guard: a pure diff of two parsed JSON values under a policy.

Values come from :mod:`checks.guard.strict_json` (integers as ``int``, other numbers
as exact ``Decimal``). Comparison is type-strict: ``1`` and ``1.0`` are the same
number, ``1`` and ``"1"`` or ``true`` and ``1`` are not; key order is not data.

Modes:

- ``append-only``: object keys may be added, never removed; array elements stay
  where they are (recursively append-only) and new ones go only at the end;
  scalars and types never change. Mutable pointers (``/modules/*/status``, a
  ``*`` token matching any one token) may change value, but not disappear.
- ``immutable``: every data change, additions included, needs an approval.
- ``off``: not guarded.

An approval pointer allows every change at that pointer and below it, removal
included. The result is a list of :class:`Change` records; :func:`guard_findings`
turns them into findings positioned in the new text.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from checks.engine.finding import Finding
from checks.config.paths import matches
from checks.config.settings import ConfigError
from checks.guard.array_diff import align_values, hunks
from checks.guard.documents import locate_in_document
from checks.guard.json_model import TypedScalar
from checks.guard.strict_json import is_valid_pointer, join_pointer

MODE_APPEND_ONLY = "append-only"
MODE_IMMUTABLE = "immutable"
MODE_OFF = "off"
MODES: Tuple[str, ...] = (MODE_APPEND_ONLY, MODE_IMMUTABLE, MODE_OFF)

CODE_APPEND_ONLY = "JSN001"
CODE_IMMUTABLE = "JSN002"
CODE_DELETED = "JSN003"

KIND_CHANGED = "changed"
KIND_REMOVED = "removed"
KIND_INSERTED = "inserted"
KIND_ADDED = "added"
KIND_MISSING = "missing"

SHOW_LIMIT = 60
# Policy comparisons a merge judgement may spend per element looking for old elements it did not align exactly.
FUZZY_FACTOR = 2
FUZZY_FLOOR = 4096

CONCEPT_FILE = "project_concept.json"
STRUCTURE_FILE = "project_structure.json"
LOG_FILE = "project_log.json"
ARCHIVE_FILE = "project_log_archive.json"

STRUCTURE_MUTABLE: Tuple[str, ...] = ("/last_modified", "/modules/*/status", "/modules/*/last_modified")


class _Absent:
    """Marker for 'no value on this side' (distinct from JSON null)."""

    def __repr__(self) -> str:
        return "<absent>"


ABSENT = _Absent()


@dataclass(frozen=True)
class GuardPolicy:
    """How one protected file may change."""

    mode: str
    mutable: Tuple[str, ...] = ()

    def is_mutable(self, pointer: str) -> bool:
        """Whether the pointer matches one of the mutable patterns."""
        return any(pointer_matches(pattern, pointer) for pattern in self.mutable)


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new value at an RFC 6901 pointer."""

    pointer: str
    kind: str
    old: Any = field(default=ABSENT, compare=False)
    new: Any = field(default=ABSENT, compare=False)
    note: str = ""

    @property
    def message(self) -> str:
        """A one-line description, e.g. ``/3/notes changed: 'a' -> 'b'``."""
        label = self.pointer if self.pointer else "the document root"
        if self.kind == KIND_CHANGED:
            text = f"{label} changed: {show(self.old)} -> {show(self.new)}"
            if json_kind(self.old) != json_kind(self.new):
                text += f" ({json_kind(self.old)} -> {json_kind(self.new)})"
        elif self.kind == KIND_REMOVED:
            text = f"{label} removed (was {show(self.old)})"
        elif self.kind == KIND_INSERTED:
            text = f"{label} inserted ({show(self.new)}); new elements may only be appended at the end"
        elif self.kind == KIND_ADDED:
            text = f"{label} added ({show(self.new)})"
        else:
            text = f"{label} missing (was {show(self.old)})"
        return f"{text}{self.note}"


def json_kind(value: Any) -> str:
    """The JSON type name of a parsed value (a YAML or TOML typed value: its own kind)."""
    if isinstance(value, TypedScalar):
        return value.kind
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _scalar_equal(left: Any, right: Any) -> bool:
    kind = json_kind(left)
    if kind != json_kind(right):
        return False
    return bool(left == right)


def _identical(left: Any, right: Any) -> bool:
    """A fast, sufficient test of strict equality.

    Python's ``==`` is necessary for strict equality but not sufficient
    (``True == 1``); equal ``repr`` on top of it is sufficient for the types a
    strict parse produces. When this says False the values may still be equal
    (key order, ``1`` against ``1.0``) and the caller compares them in detail.
    """
    try:
        return bool(left == right) and repr(left) == repr(right)
    except RecursionError:
        return False


def json_equal(left: Any, right: Any) -> bool:
    """Type-strict JSON equality (``true != 1``, ``1 == 1.0``), without recursion."""
    if _identical(left, right):
        return True
    stack: List[Tuple[Any, Any]] = [(left, right)]
    while stack:
        first, second = stack.pop()
        kind = json_kind(first)
        if kind != json_kind(second):
            return False
        if kind == "object":
            if first.keys() != second.keys():
                return False
            stack.extend((first[key], second[key]) for key in first)
        elif kind == "array":
            if len(first) != len(second):
                return False
            stack.extend(zip(first, second))
        elif not _scalar_equal(first, second):
            return False
    return True


def _compact(value: Any, out: List[str], budget: int) -> None:
    if sum(len(part) for part in out) > budget:
        return
    kind = json_kind(value)
    if kind == "object":
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(", ")
            out.append(repr(key) + ": ")
            _compact(item, out, budget)
            if sum(len(part) for part in out) > budget:
                return
        out.append("}")
    elif kind == "array":
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(", ")
            _compact(item, out, budget)
            if sum(len(part) for part in out) > budget:
                return
        out.append("]")
    elif kind == "string":
        out.append(repr(value))
    elif kind == "null":
        out.append("null")
    elif kind == "boolean":
        out.append("true" if value else "false")
    else:
        out.append(str(value))


def show(value: Any) -> str:
    """A short, readable rendering of a JSON value for messages."""
    if value is ABSENT:
        return "nothing"
    out: List[str] = []
    try:
        _compact(value, out, SHOW_LIMIT)
    except RecursionError:
        return "<deeply nested value>"
    text = "".join(out)
    if len(text) > SHOW_LIMIT:
        text = text[: SHOW_LIMIT - 3] + "..."
    return text


def pointer_matches(pattern: str, pointer: str) -> bool:
    """Whether a pointer matches a pattern whose ``*`` tokens match any one token."""
    if pattern == pointer:
        return True
    pattern_tokens = pattern.split("/")
    pointer_tokens = pointer.split("/")
    if len(pattern_tokens) != len(pointer_tokens):
        return False
    return all(want == "*" or want == have for want, have in zip(pattern_tokens, pointer_tokens))


def is_approved(pointer: str, approvals: Iterable[str]) -> bool:
    """Whether an approval covers the pointer (the pointer itself or an ancestor)."""
    for approved in approvals:
        if approved == "" or pointer == approved or pointer.startswith(approved + "/"):
            return True
    return False


class _Violation(Exception):
    """Raised by :class:`_StopAtFirst` to end a comparison at its first violation."""


class _StopAtFirst(List[Change]):
    """A list of changes that ends the comparison when the first one is added."""

    def append(self, change: Change) -> None:
        """Refuse the change: the comparison is over."""
        raise _Violation(change.pointer)

    def extend(self, changes: Iterable[Change]) -> None:
        """Refuse any change: the comparison is over."""
        for change in changes:
            self.append(change)


class _Differ:
    """One comparison under one policy (the recursive work of :func:`diff_values`)."""

    def __init__(self, policy: GuardPolicy, approvals: Sequence[str], relaxed: bool) -> None:
        self.policy = policy
        self.approvals = tuple(approvals)
        self.immutable = policy.mode == MODE_IMMUTABLE
        self.relaxed = relaxed

    def approved(self, pointer: str) -> bool:
        """Whether an approval covers the pointer."""
        return bool(self.approvals) and is_approved(pointer, self.approvals)

    def allowed(self, pointer: str) -> bool:
        """Whether the pointer may change freely (approved or mutable)."""
        return self.approved(pointer) or (bool(self.policy.mutable) and self.policy.is_mutable(pointer))

    def node(self, old: Any, new: Any, pointer: str, out: List[Change]) -> None:
        """Compare one pair of values at a pointer, collecting violations."""
        if _identical(old, new) or self.allowed(pointer):
            return
        kind = json_kind(old)
        if kind != json_kind(new):
            out.append(Change(pointer, KIND_CHANGED, old, new))
            return
        if kind == "object":
            self.object(old, new, pointer, out)
        elif kind == "array":
            if self.relaxed:
                self.subsequence(old, new, pointer, out)
            else:
                self.array(old, new, pointer, out)
        elif not _scalar_equal(old, new):
            out.append(Change(pointer, KIND_CHANGED, old, new))

    def object(self, old: Dict[str, Any], new: Dict[str, Any], pointer: str, out: List[Change]) -> None:
        """Objects: every old key stays (recursively); new keys only count in immutable mode."""
        for key, value in old.items():
            child = join_pointer(pointer, key)
            if key in new:
                self.node(value, new[key], child, out)
            elif not self.approved(child):
                out.append(Change(child, KIND_MISSING if self.relaxed else KIND_REMOVED, value, ABSENT))
        if self.immutable and not self.relaxed:
            for key, value in new.items():
                if key not in old:
                    child = join_pointer(pointer, key)
                    if not self.allowed(child):
                        out.append(Change(child, KIND_ADDED, ABSENT, value))

    def array(self, old: Sequence[Any], new: Sequence[Any], pointer: str, out: List[Change]) -> None:
        """Arrays: element by element, explained as one inserted or removed block when it is one."""
        elementwise: List[Change] = []
        shared = min(len(old), len(new))
        for index in range(shared):
            self.node(old[index], new[index], join_pointer(pointer, index), elementwise)
        for index in range(shared, len(old)):
            child = join_pointer(pointer, index)
            if not self.approved(child):
                elementwise.append(Change(child, KIND_REMOVED, old[index], ABSENT))
        if self.immutable:
            for index in range(shared, len(new)):
                child = join_pointer(pointer, index)
                if not self.allowed(child):
                    elementwise.append(Change(child, KIND_ADDED, ABSENT, new[index]))
        if not elementwise:
            return
        shifted = self.shift(old, new, pointer)
        if shifted is None:
            out.extend(self.explained(old, new, pointer, elementwise))
        elif shifted:
            out.extend(shifted)

    def explained(self, old: Sequence[Any], new: Sequence[Any], pointer: str, elementwise: List[Change]) -> List[Change]:
        """A refused array's violations, named by the identity alignment where that explains them better.

        The alignment is used when it keeps more elements than their positions
        do and gives fewer findings (a single destructive edit is always named
        where it is). Only the naming changes (``/2 removed`` rather than every later entry
        shifted): the array is already refused, and an empty alignment result
        falls back to the element-by-element violations.
        """
        pairs = align_values(old, new, _identical)
        in_place = sum(1 for index in range(min(len(old), len(new))) if _identical(old[index], new[index]))
        if len(pairs) <= in_place:
            return elementwise
        aligned: List[Change] = []
        for i1, i2, j1, j2 in hunks(len(old), len(new), pairs):
            paired = min(i2 - i1, j2 - j1)
            for offset in range(paired):
                self.node(old[i1 + offset], new[j1 + offset], join_pointer(pointer, j1 + offset), aligned)
            for index in range(i1 + paired, i2):
                child = join_pointer(pointer, index)
                if not self.approved(child):
                    aligned.append(Change(child, KIND_REMOVED, old[index], ABSENT))
            appended = i2 == len(old)
            for index in range(j1 + paired, j2):
                child = join_pointer(pointer, index)
                if self.allowed(child) or (appended and not self.immutable):
                    continue
                aligned.append(Change(child, KIND_ADDED if appended else KIND_INSERTED, ABSENT, new[index]))
        return aligned if aligned and len(aligned) < len(elementwise) else elementwise

    def shift(self, old: Sequence[Any], new: Sequence[Any], pointer: str) -> Optional[List[Change]]:
        """Explain the difference as one block inserted or removed, if it is one."""
        delta = len(new) - len(old)
        if delta == 0:
            return None
        first = 0
        shared = min(len(old), len(new))
        while first < shared and json_equal(old[first], new[first]):
            first += 1
        changes: List[Change] = []
        if delta > 0:
            if not all(json_equal(new[index + delta], old[index]) for index in range(first, len(old))):
                return None
            for index in range(first, first + delta):
                child = join_pointer(pointer, index)
                if not self.allowed(child):
                    changes.append(Change(child, KIND_INSERTED, ABSENT, new[index]))
            return changes
        if not all(json_equal(new[index], old[index - delta]) for index in range(first, len(new))):
            return None
        for index in range(first, first - delta):
            child = join_pointer(pointer, index)
            if not self.approved(child):
                changes.append(Change(child, KIND_REMOVED, old[index], ABSENT))
        return changes

    def contains(self, old: Any, new: Any, pointer: str) -> bool:
        """Whether ``new`` keeps ``old`` under the policy (the comparison stops at the first violation)."""
        try:
            self.node(old, new, pointer, _StopAtFirst())
        except _Violation:
            return False
        return True

    def subsequence(self, old: Sequence[Any], new: Sequence[Any], pointer: str, out: List[Change]) -> None:
        """Relaxed arrays: every old element must still be there, in order (merges).

        Equal elements are aligned first; an old element left between them is
        looked for, in order, among the new elements of its stretch with the
        policy's own comparison (mutable and approved pointers may differ). Those
        comparisons are bounded by :data:`FUZZY_FACTOR` times the arrays' length;
        past the bound an element not aligned exactly is reported missing.
        """
        budget = FUZZY_FACTOR * (len(old) + len(new)) + FUZZY_FLOOR
        for i1, i2, j1, j2 in hunks(len(old), len(new), align_values(old, new, _identical)):
            cursor = j1
            for index in range(i1, i2):
                child = join_pointer(pointer, index)
                found = None
                for probe in range(cursor, j2):
                    if budget <= 0:
                        break
                    budget -= 1
                    if self.contains(old[index], new[probe], child):
                        found = probe
                        break
                if found is not None:
                    cursor = found + 1
                    continue
                if not self.approved(child):
                    note = "" if budget > 0 else " (not found within the comparison bound of a merge)"
                    out.append(Change(child, KIND_MISSING, old[index], ABSENT, note=note))


def diff_values(
    old: Any,
    new: Any,
    policy: GuardPolicy,
    approvals: Sequence[str] = (),
    relaxed: bool = False,
) -> List[Change]:
    """The violations of ``policy`` when ``old`` became ``new``.

    ``approvals`` are RFC 6901 pointers whose subtrees may change freely.
    ``relaxed`` is for merge commits judged against a non-first parent: every
    element of the parent must still be present, in order, but others may have
    been interleaved (a union of two appended logs).
    """
    if policy.mode == MODE_OFF:
        return []
    differ = _Differ(policy, approvals, relaxed)
    out: List[Change] = []
    try:
        differ.node(old, new, "", out)
    except RecursionError:
        if json_equal(old, new):
            return []
        return [Change("", KIND_CHANGED, old, new, note=" (nested too deeply to compare field by field)")]
    return out


def guard_findings(
    path: str,
    changes: Sequence[Change],
    policy: GuardPolicy,
    new_text: Optional[str],
    commit: Optional[str] = None,
    trailer: str = "Prefguard-Approve",
    context: str = "",
) -> List[Finding]:
    """Findings (JSN001 or JSN002) for the violations of one file, positioned in its new text."""
    if not changes:
        return []
    positions: Dict[str, Tuple[int, int]] = {}
    if new_text is not None:
        positions = locate_in_document(path, new_text, (change.pointer for change in changes))
    code = CODE_IMMUTABLE if policy.mode == MODE_IMMUTABLE else CODE_APPEND_ONLY
    findings: List[Finding] = []
    for change in changes:
        line, column = positions.get(change.pointer, (1, 1))
        if policy.mode == MODE_IMMUTABLE:
            message = f"immutable file changed without approval: {change.message}"
        else:
            message = f"append-only data changed: {change.message}"
        if context:
            message += f" {context}"
        message += f"; if intended, approve it with the commit trailer '{trailer}: {path}#{change.pointer}'"
        findings.append(
            Finding.at(code, path, message, line, column, change.pointer, commit)
        )
    return findings


def default_file_modes(memory_dir: str) -> Dict[str, str]:
    """The built-in modes of the memory files, keyed by repository-relative path."""
    base = memory_dir.strip("/")
    prefix = f"{base}/" if base else ""
    return {
        f"{prefix}{CONCEPT_FILE}": MODE_IMMUTABLE,
        f"{prefix}{STRUCTURE_FILE}": MODE_APPEND_ONLY,
        f"{prefix}{LOG_FILE}": MODE_APPEND_ONLY,
        f"{prefix}{ARCHIVE_FILE}": MODE_APPEND_ONLY,
    }


def default_mutable(memory_dir: str) -> Dict[str, Tuple[str, ...]]:
    """The built-in mutable pointers, keyed by repository-relative path."""
    base = memory_dir.strip("/")
    prefix = f"{base}/" if base else ""
    return {f"{prefix}{STRUCTURE_FILE}": STRUCTURE_MUTABLE}


@dataclass(frozen=True)
class GuardPolicies:
    """Every file policy of one run: configured globs first, then the built-in defaults."""

    files: Tuple[Tuple[str, str], ...]
    mutable: Tuple[Tuple[str, Tuple[str, ...]], ...]

    def policy_for(self, path: str) -> Optional[GuardPolicy]:
        """The policy of a repository-relative path, or None when it is not guarded."""
        mode = None
        for pattern, candidate in self.files:
            if pattern == path or matches(path, pattern):
                mode = candidate
                break
        if mode is None or mode == MODE_OFF:
            return None
        pointers: List[str] = []
        for pattern, patterns in self.mutable:
            if pattern == path or matches(path, pattern):
                pointers.extend(patterns)
        return GuardPolicy(mode=mode, mutable=tuple(pointers))


def build_policies(table: Dict[str, Any], memory_dir: str, source: str = "<defaults>") -> GuardPolicies:
    """Validate the ``json-guard`` table and merge it over the built-in defaults.

    ``files`` maps globs to modes; ``mutable`` maps globs to lists of pointer
    patterns. A configured glob takes precedence over the defaults; the mutable
    pointers of every matching glob are combined, except that configuring the
    exact path of a default replaces that default's pointers.
    """
    files: List[Tuple[str, str]] = []
    configured = table.get("files", {})
    for pattern, mode in configured.items():
        if mode not in MODES:
            raise ConfigError(source, f"json-guard.files.{pattern}", f"unknown mode {mode!r} (known: {', '.join(MODES)})")
        files.append((pattern, mode))
    files.extend((path, mode) for path, mode in default_file_modes(memory_dir).items())
    mutable: List[Tuple[str, Tuple[str, ...]]] = []
    given = table.get("mutable", {})
    for pattern, pointers in given.items():
        if not isinstance(pointers, list) or not all(isinstance(item, str) for item in pointers):
            raise ConfigError(source, f"json-guard.mutable.{pattern}", "expected a list of JSON pointers")
        for pointer in pointers:
            if not is_valid_pointer(pointer):
                raise ConfigError(source, f"json-guard.mutable.{pattern}", f"{pointer!r} is not an RFC 6901 pointer")
        mutable.append((pattern, tuple(pointers)))
    for path, pointers in default_mutable(memory_dir).items():
        if path not in given:
            mutable.append((path, pointers))
    return GuardPolicies(files=tuple(files), mutable=tuple(mutable))

