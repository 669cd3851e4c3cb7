# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The project memory system (policy §3): schemas, MEM001-MEM004, JSN005, log archiving.

Everything here is pure: parsed values and paths in, findings or new values
out. The JSON Schemas (Draft 2020-12) ship in ``checks/guard/memory_schemas`` and are
registered in a ``referencing.Registry`` so that nothing is ever fetched;
jsonschema is imported only when a file is validated.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.engine.finding import Finding
from checks.guard.json_guard import (
    ABSENT,
    ARCHIVE_FILE,
    CONCEPT_FILE,
    LOG_FILE,
    STRUCTURE_FILE,
    Change,
    GuardPolicy,
    MODE_IMMUTABLE,
    diff_values,
    json_equal,
)
from checks.config.paths import matches_any
from checks.guard.strict_json import join_pointer, locate

KIND_CONCEPT = "concept"
KIND_STRUCTURE = "structure"
KIND_LOG = "log"
KIND_ARCHIVE = "archive"

SCHEMA_FILES: Dict[str, str] = {
    KIND_CONCEPT: "concept.schema.json",
    KIND_STRUCTURE: "structure.schema.json",
    KIND_LOG: "log.schema.json",
    KIND_ARCHIVE: "log_archive.schema.json",
}

MEMORY_FILE_NAMES: Dict[str, str] = {
    KIND_CONCEPT: CONCEPT_FILE,
    KIND_STRUCTURE: STRUCTURE_FILE,
    KIND_LOG: LOG_FILE,
    KIND_ARCHIVE: ARCHIVE_FILE,
}

REQUIRED_KINDS: Tuple[str, ...] = (KIND_CONCEPT, KIND_STRUCTURE, KIND_LOG)
LOG_STATUSES: Tuple[str, ...] = ("success", "partial", "failed")
PYTHON_SUFFIXES: Tuple[str, ...] = (".py", ".pyi")
MESSAGE_LIMIT = 240


def memory_path(memory_dir: str, kind: str) -> str:
    """Repository-relative path of one memory file."""
    base = memory_dir.strip("/")
    name = MEMORY_FILE_NAMES[kind]
    return f"{base}/{name}" if base else name


def memory_kind(path: str, memory_dir: str) -> Optional[str]:
    """Which memory file a repository-relative path is, if any."""
    for kind in MEMORY_FILE_NAMES:
        if path == memory_path(memory_dir, kind):
            return kind
    return None


def _finding(
    code: str,
    path: str,
    message: str,
    line: int = 1,
    column: int = 1,
    pointer: Optional[str] = None,
    commit: Optional[str] = None,
) -> Finding:
    return Finding.at(code, path, message, line, column, pointer, commit)


# JSN005: schema validation


def load_schema(kind: str) -> Dict[str, Any]:
    """The shipped JSON Schema of one memory file kind."""
    resource = resources.files("checks.guard") / "memory_schemas" / SCHEMA_FILES[kind]
    return json.loads(resource.read_text(encoding="utf-8"))


def _is_integer(checker: Any, instance: Any) -> bool:
    if isinstance(instance, bool):
        return False
    if isinstance(instance, int):
        return True
    if isinstance(instance, Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return isinstance(instance, float) and instance.is_integer()


@lru_cache(maxsize=None)
def _validator(kind: str, entry_only: bool) -> Any:
    """A compiled validator (schemas registered locally; nothing is fetched)."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    schemas = {name: load_schema(name) for name in SCHEMA_FILES}
    registry = Registry().with_resources(
        (schema["$id"], DRAFT202012.create_resource(schema)) for schema in schemas.values()
    )
    type_checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    validator_class = extend(Draft202012Validator, type_checker=type_checker)
    schema = schemas[kind]
    if entry_only:
        schema = {"$ref": f"{schemas[KIND_LOG]['$id']}#/$defs/entry"}
    return validator_class(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _error_pointer(prefix: str, path: Sequence[Any]) -> str:
    pointer = prefix
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def schema_problems(kind: str, value: Any, first_entry: int = 0) -> List[Tuple[str, str]]:
    """(pointer, message) for every schema violation of a memory file value.

    For the log and its archive, ``first_entry`` > 0 validates only the entries
    from that index on (the ones a change appended) plus the top-level type.
    """
    from jsonschema.exceptions import ValidationError

    problems: List[Tuple[str, str]] = []
    errors: List[Tuple[str, ValidationError]] = []
    if kind in (KIND_LOG, KIND_ARCHIVE) and first_entry > 0 and isinstance(value, list):
        validator = _validator(kind, True)
        for index in range(first_entry, len(value)):
            prefix = join_pointer("", index)
            errors.extend((prefix, error) for error in validator.iter_errors(value[index]))
    else:
        errors.extend(("", error) for error in _validator(kind, False).iter_errors(value))
    for prefix, error in errors:
        pointer = _error_pointer(prefix, error.absolute_path)
        message = error.message
        if len(message) > MESSAGE_LIMIT:
            message = message[: MESSAGE_LIMIT - 3] + "..."
        problems.append((pointer, message))
    problems.sort(key=lambda item: item[0])
    return problems


def schema_findings(
    kind: str,
    value: Any,
    path: str,
    text: Optional[str],
    commit: Optional[str] = None,
    first_entry: int = 0,
) -> List[Finding]:
    """JSN005 findings for one memory file, positioned in its text."""
    problems = schema_problems(kind, value, first_entry)
    if not problems:
        return []
    positions = locate(text, (pointer for pointer, _ in problems)) if text is not None else {}
    findings = []
    for pointer, message in problems:
        line, column = positions.get(pointer, (1, 1))
        where = pointer if pointer else "the document root"
        findings.append(
            _finding(
                "JSN005",
                path,
                f"{MEMORY_FILE_NAMES[kind]} fails its schema at {where}: {message}",
                line,
                column,
                pointer,
                commit,
            )
        )
    return findings


# The log, its archive, and the recognition of a lossless move


@dataclass
class LogJudgement:
    """How a change to the log (and its archive) is judged.

    ``moved`` entries went from the head of the log to the end of the archive;
    ``appended`` entries are new at the end of the log; ``log_changes`` and
    ``archive_changes`` are violations (pointers in the new files).
    """

    moved: int = 0
    appended: int = 0
    log_changes: List[Change] = field(default_factory=list)
    archive_changes: List[Change] = field(default_factory=list)


def _as_list(value: Any) -> Optional[List[Any]]:
    return value if isinstance(value, list) else None


def judge_log(
    old_log: Any,
    new_log: Any,
    old_archive: Any,
    new_archive: Any,
    log_policy: GuardPolicy,
    approvals: Sequence[str] = (),
) -> LogJudgement:
    """Judge the log against its previous version, recognising an archive move.

    ``ABSENT`` stands for a file missing on that side. A move is recognised
    when the log lost entries at its head and the archive grew: the archived
    entries must equal, in order, the entries removed from the log; the rest
    of the log is then judged append-only as usual. A move that drops or alters
    anything is reported on the log, the archive, or both.
    """
    judgement = LogJudgement()
    if new_log is ABSENT:
        return judgement
    if old_log is ABSENT:
        judgement.appended = len(new_log) if isinstance(new_log, list) else 0
        return judgement
    plain = diff_values(old_log, new_log, log_policy, approvals)
    old_entries = _as_list(old_log)
    new_entries = _as_list(new_log)
    if old_entries is None or new_entries is None:
        judgement.log_changes = plain
        return judgement
    archive_before = _as_list(old_archive) if old_archive is not ABSENT else []
    archive_after = _as_list(new_archive) if new_archive is not ABSENT else []
    grown: List[Any] = []
    if archive_before is not None and archive_after is not None and len(archive_after) > len(archive_before):
        grown = archive_after[len(archive_before):]
    if not plain or not grown:
        judgement.log_changes = plain
        judgement.appended = max(0, len(new_entries) - len(old_entries))
        return judgement
    moved = min(len(grown), len(old_entries))
    base = len(archive_before or [])
    strict = GuardPolicy(mode=MODE_IMMUTABLE)
    for index in range(moved):
        if json_equal(grown[index], old_entries[index]):
            continue
        archived_at = join_pointer("", base + index)
        for change in diff_values(old_entries[index], grown[index], strict):
            judgement.archive_changes.append(
                Change(
                    archived_at + change.pointer,
                    change.kind,
                    change.old,
                    change.new,
                    note=f" (the archived entry differs from {LOG_FILE}{join_pointer('', index)} it was moved from)",
                )
            )
    note = f" (after moving {moved} entries from the head of the log to the archive)"
    for change in diff_values(old_entries[moved:], new_entries, log_policy, approvals):
        judgement.log_changes.append(Change(change.pointer, change.kind, change.old, change.new, note=note))
    judgement.moved = moved
    judgement.appended = max(0, len(new_entries) - (len(old_entries) - moved))
    return judgement


def plan_archive(
    log: List[Any],
    today: date,
    limit: int = 200,
    days: int = 30,
) -> int:
    """How many entries ``memory archive`` moves from the head of the log.

    Nothing when the log holds ``limit`` entries or fewer; otherwise the
    longest head of entries whose ``date`` is more than ``days`` days before
    ``today`` (an entry without a readable date ends the head).
    """
    if len(log) <= limit:
        return 0
    cutoff = today - timedelta(days=days)
    count = 0
    for entry in log:
        if not isinstance(entry, dict) or not isinstance(entry.get("date"), str):
            break
        try:
            entry_date = date.fromisoformat(entry["date"])
        except ValueError:
            break
        if entry_date >= cutoff:
            break
        count += 1
    return count


def make_log_entry(
    requested: str,
    executed: str,
    files_touched: Sequence[str],
    status: str,
    notes: str,
    now: datetime,
) -> Dict[str, Any]:
    """One log entry in the documented field order, dated ``now``."""
    return {
        "date": now.strftime("%Y-%m-%d"),
        "time": now.strftime("%H:%M"),
        "requested": requested,
        "executed": executed,
        "files_touched": list(files_touched),
        "status": status,
        "notes": notes,
    }


def initial_memory(project_name: str, today: date) -> Dict[str, Any]:
    """The content ``memory init`` writes for each of the three files, by kind."""
    return {
        KIND_CONCEPT: {
            "project_name": project_name,
            "vision": "",
            "core_goals": [],
            "platform": "",
            "key_constraints": [],
            "target_users": [],
        },
        KIND_STRUCTURE: {
            "project_name": project_name,
            "format_version": 1,
            "entry_point": "",
            "last_modified": today.isoformat(),
            "modules": [],
        },
        KIND_LOG: [],
    }


# MEM001-MEM004


def is_python_source(path: str) -> bool:
    """Whether a path is Python source."""
    return path.endswith(PYTHON_SUFFIXES)


def missing_log_entry(
    python_paths: Sequence[str],
    log_path: str,
    appended: int,
    commit: Optional[str] = None,
) -> List[Finding]:
    """MEM001: Python source changed but the log gained no entry."""
    if not python_paths or appended > 0:
        return []
    shown = ", ".join(sorted(python_paths)[:5])
    more = f" and {len(python_paths) - 5} more" if len(python_paths) > 5 else ""
    return [
        _finding(
            "MEM001",
            log_path,
            f"the change touches Python source ({shown}{more}) but appends no entry to {log_path}; "
            "run `prefguard memory log --requested ... --executed ... --files ... --status ...` "
            f"and include the entry in the commit (the command stages {log_path}; else `git add {log_path}`)",
            commit=commit,
        )
    ]


def normalize_path(path: str) -> str:
    """A repository-relative path with '/' separators and no leading './'."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _modules_by_path(structure: Any) -> Dict[str, Tuple[int, Any]]:
    result: Dict[str, Tuple[int, Any]] = {}
    if not isinstance(structure, dict) or not isinstance(structure.get("modules"), list):
        return result
    for index, module in enumerate(structure["modules"]):
        if isinstance(module, dict) and isinstance(module.get("path"), str):
            result.setdefault(normalize_path(module["path"]), (index, module))
    return result


def structure_findings(
    changes: Sequence[Tuple[str, Optional[str], Optional[str]]],
    old_structure: Any,
    new_structure: Any,
    structure_path: str,
    exempt: Sequence[str],
    commit: Optional[str] = None,
) -> List[Finding]:
    """MEM002: modules added, removed or renamed without the matching structure change.

    ``changes`` are ``(status, old_path, new_path)`` with status ``A``, ``D``
    or ``R``. An added module must be listed by ``path`` in the new structure.
    A removed module must no longer be listed unchanged: either its entry is
    gone (with approval) or the entry itself was updated in the same change. A
    rename needs both. Paths matching ``exempt`` (tests, ``__init__.py`` …)
    are not modules. An unreadable structure is left to MEM003 and JSN004.
    """
    if new_structure is ABSENT or not isinstance(new_structure, dict):
        return []
    new_modules = _modules_by_path(new_structure)
    old_modules = _modules_by_path(old_structure) if old_structure is not ABSENT else {}
    findings: List[Finding] = []
    for status, old_path, new_path in changes:
        if status in ("A", "R") and new_path and is_python_source(new_path) and not matches_any(new_path, exempt):
            if normalize_path(new_path) not in new_modules:
                verb = "added" if status == "A" else f"renamed from {old_path} to"
                findings.append(
                    _finding(
                        "MEM002",
                        structure_path,
                        f"module {verb} {new_path} but {structure_path} lists no module with "
                        f'"path": "{new_path}" (if it is not here, it does not exist); run '
                        "`prefguard memory structure` to append it from the code (and stage it)",
                        pointer="/modules",
                        commit=commit,
                    )
                )
        if status in ("D", "R") and old_path and is_python_source(old_path) and not matches_any(old_path, exempt):
            key = normalize_path(old_path)
            if key not in new_modules:
                continue
            index, entry = new_modules[key]
            previous = old_modules.get(key)
            if previous is not None and json_equal(previous[1], entry):
                verb = "removed" if status == "D" else f"renamed to {new_path}"
                findings.append(
                    _finding(
                        "MEM002",
                        structure_path,
                        f"module {old_path} was {verb} but {structure_path}#/modules/{index} still lists it "
                        "unchanged; update that entry in the same change (`prefguard memory structure` "
                        "records a `git mv` as moved_to)",
                        pointer=join_pointer("/modules", index),
                        commit=commit,
                    )
                )
    return findings


def missing_memory_files(memory_dir: str, present: Dict[str, bool]) -> List[Finding]:
    """MEM003: one finding per missing memory file (``present`` maps kind to existence)."""
    findings = []
    for kind in REQUIRED_KINDS:
        if not present.get(kind, False):
            path = memory_path(memory_dir, kind)
            findings.append(
                _finding(
                    "MEM003",
                    path,
                    f"memory file {path} is missing; create the three memory files with `prefguard memory init`",
                )
            )
    return findings


def log_too_long(log: Any, log_path: str, limit: int, text: Optional[str] = None) -> List[Finding]:
    """MEM004: the log holds more than ``limit`` entries."""
    if not isinstance(log, list) or len(log) <= limit:
        return []
    pointer = join_pointer("", limit)
    line, column = (1, 1)
    if text is not None:
        line, column = locate(text, [pointer])[pointer]
    return [
        _finding(
            "MEM004",
            log_path,
            f"{log_path} has {len(log)} entries (more than {limit}): archive due; run `prefguard memory archive`",
            line,
            column,
            pointer,
        )
    ]
