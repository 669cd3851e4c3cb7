# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Whether a proposed edit of a protected data file destroys data (JSN001, JSN002, JSN004, JSN005).

Protected files are JSON, or YAML and TOML when the configuration protects
them (read by :mod:`checks.guard.documents`, as the guard reads them).

The judgement is the guard's own (:mod:`checks.guard.json_guard`,
:mod:`checks.guard.memory_rules`), applied before the file is written. The
edit is compared with the file's last committed version when there is one
(so the verdict agrees with what ``prefguard guard`` will say at commit
time, and an entry appended in this session may still be corrected), and
only the damage the edit itself adds is refused: a file already changed
outside the assistant does not block every later append.
"""

from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Set, Tuple

from checks.engine.finding import Finding
from checks.guard.json_guard import (
    ABSENT,
    CODE_APPEND_ONLY,
    CODE_IMMUTABLE,
    GuardPolicy,
    MODE_IMMUTABLE,
    diff_values,
    guard_findings,
)
from checks.guard.memory_rules import KIND_ARCHIVE, KIND_LOG, MEMORY_FILE_NAMES
from checks.guard.documents import load_document
from checks.guard.strict_json import StrictJsonError

CODE_UNREADABLE = "JSN004"
CODE_SCHEMA = "JSN005"
POLICY_SECTION = {
    "append-only": "policy section 2: data preservation, append only",
    "immutable": "policy section 3.1: never modified without the user's explicit approval",
}
LOG_COMMAND = 'prefguard memory log --requested "..." --executed "..." --files ... --status success'


@dataclass(frozen=True)
class Versions:
    """The texts of one protected file: last commit, on disk now, and after the edit."""

    committed: Optional[str]
    current: Optional[str]
    proposed: str
    current_unreadable: bool = False


def _parse(path: str, text: Optional[str]) -> Tuple[Any, Optional[StrictJsonError]]:
    if text is None:
        return ABSENT, None
    try:
        return load_document(path, text), None
    except StrictJsonError as error:
        return ABSENT, error


def _finding(code: str, path: str, message: str, line: int = 1, column: int = 1, pointer: Optional[str] = None) -> Finding:
    return Finding.at(code, path, message, line, column, pointer=pointer)


def _introduced(
    base: Any,
    current: Any,
    new: Any,
    policy: GuardPolicy,
    base_is_committed: bool,
) -> List[Any]:
    """The violations of base -> new that base -> current does not already have."""
    changes = diff_values(base, new, policy)
    if not changes or not base_is_committed or current is ABSENT:
        return changes
    existing: Set[Tuple[str, str]] = {(change.pointer, change.kind) for change in diff_values(base, current, policy)}
    return [change for change in changes if (change.pointer, change.kind) not in existing]


def _schema(kind: str, path: str, current: Any, new: Any, text: str) -> List[Finding]:
    """JSN005 problems the edit adds (log entries: only the appended ones)."""
    from checks.guard.memory_rules import schema_findings, schema_problems

    first_entry = 0
    if kind in (KIND_LOG, KIND_ARCHIVE) and isinstance(current, list) and isinstance(new, list):
        first_entry = len(current)
        if first_entry >= len(new):
            return []
    found = schema_findings(kind, new, path, text, None, first_entry)
    if not found or current is ABSENT or first_entry:
        return found
    known = set(schema_problems(kind, current))
    added = {pointer for pointer, message in schema_problems(kind, new) if (pointer, message) not in known}
    return [finding for finding in found if (finding.pointer or "") in added]


def judge_protected_edit(
    path: str,
    versions: Versions,
    policy: Optional[GuardPolicy],
    memory_kind: Optional[str],
    trailer: str = "Prefguard-Approve",
) -> List[Finding]:
    """Findings that make the edit destructive or unsafe; empty when it may go ahead."""
    new, new_error = _parse(path, versions.proposed)
    current, current_error = _parse(path, versions.current)
    if versions.current_unreadable:
        current_error = current_error or StrictJsonError("the file on disk is not UTF-8 JSON")
    if new_error is not None:
        if current_error is not None:
            return []
        return [
            _finding(
                CODE_UNREADABLE,
                path,
                f"the edit would leave {path} unreadable: {new_error.message}",
                new_error.line,
                new_error.column,
            )
        ]
    findings: List[Finding] = []
    committed, committed_error = _parse(path, versions.committed)
    base_is_committed = versions.committed is not None and committed_error is None
    base = committed if base_is_committed else current
    if policy is not None and base is not ABSENT:
        changes = _introduced(base, current, new, policy, base_is_committed)
        findings.extend(guard_findings(path, changes, policy, versions.proposed, None, trailer))
    if memory_kind is not None:
        findings.extend(_schema(memory_kind, path, current, new, versions.proposed))
    return findings


def _advice(path: str, codes: Sequence[str], memory_kind: Optional[str], trailer: str, pointers: Sequence[str]) -> List[str]:
    lines: List[str] = []
    if CODE_APPEND_ONLY in codes:
        if memory_kind == KIND_LOG:
            lines.append(f"Append a new entry at the end instead (`{LOG_COMMAND}` does it); never rewrite, reorder or drop entries.")
        else:
            lines.append("Leave the existing data exactly as it is and append new data at the end (new keys, new array elements).")
    if CODE_IMMUTABLE in codes:
        lines.append(f"{MEMORY_FILE_NAMES.get(memory_kind or '', path)} changes only with the user's explicit approval of that field.")
    if CODE_APPEND_ONLY in codes or CODE_IMMUTABLE in codes:
        shown = ", ".join(f"{path}#{pointer}" for pointer in pointers[:3])
        lines.append(
            "If the user really wants this field changed, ask them to approve it: they make the change themselves "
            f"and commit it with the trailer '{trailer}: {shown}'."
        )
    if CODE_UNREADABLE in codes:
        lines.append("Write a file that reads safely (valid syntax, no duplicate keys, no NaN/Infinity, UTF-8 without BOM).")
    if CODE_SCHEMA in codes:
        lines.append("Give the new data every field its schema requires (`prefguard explain JSN005`).")
    return lines


def refusal_text(path: str, findings: Sequence[Finding], memory_kind: Optional[str], policy: Optional[GuardPolicy], trailer: str = "Prefguard-Approve") -> str:
    """The reason shown to the assistant: what the edit would destroy, where, and what to do instead."""
    kind = "immutable" if policy is not None and policy.mode == MODE_IMMUTABLE else "append-only"
    lines = [f"prefguard refused this edit of {path} ({kind} project data, {POLICY_SECTION[kind]}):"]
    for finding in findings:
        where = f"#{finding.pointer}" if finding.pointer is not None else f" line {finding.line}"
        message = finding.message.split("; if intended, approve it", 1)[0]
        lines.append(f"- {finding.code} {path}{where} (line {finding.line}): {message}")
    codes = sorted({finding.code for finding in findings})
    pointers = [finding.pointer for finding in findings if finding.pointer is not None and finding.code in (CODE_APPEND_ONLY, CODE_IMMUTABLE)]
    lines.append("What to do instead:")
    lines.extend(f"- {advice}" for advice in _advice(path, codes, memory_kind, trailer, pointers))
    return "\n".join(lines)
