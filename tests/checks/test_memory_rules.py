"""Memory files: shipped schemas (JSN005), log archiving, MEM001-MEM004."""

import json
from datetime import date, datetime
from typing import Any, Dict, List

import pytest

from checks.guard.json_guard import ABSENT, MODE_APPEND_ONLY, GuardPolicy
from checks.guard.memory_rules import (
    KIND_ARCHIVE,
    KIND_CONCEPT,
    KIND_LOG,
    KIND_STRUCTURE,
    SCHEMA_FILES,
    initial_memory,
    judge_log,
    load_schema,
    log_too_long,
    make_log_entry,
    memory_kind,
    memory_path,
    missing_log_entry,
    missing_memory_files,
    plan_archive,
    schema_findings,
    schema_problems,
    structure_findings,
)
from checks.guard.strict_json import dumps, loads

LOG_POLICY = GuardPolicy(MODE_APPEND_ONLY)
EXEMPT = ["**/__init__.py", "tests/**", "**/test_*.py"]

CONCEPT = {
    "project_name": "tinyrag",
    "vision": "Small retrieval library",
    "core_goals": ["fast"],
    "platform": "Python 3.11",
    "key_constraints": ["no network"],
    "target_users": ["developers"],
}
STRUCTURE = {
    "project_name": "tinyrag",
    "format_version": 1,
    "entry_point": "tinyrag/cli.py",
    "last_modified": "2025-10-20",
    "modules": [
        {
            "name": "index",
            "path": "tinyrag/index.py",
            "status": "active",
            "critical": True,
            "dependencies": ["numpy"],
            "public_api": ["FlatIndex"],
            "last_modified": "2025-10-14",
        },
        {
            "name": "loader",
            "path": "tinyrag/loader.py",
            "status": "planned",
            "dependencies": [],
            "public_api": [],
            "last_modified": "2025-10-14",
        },
    ],
}


def entry(day: str = "2025-10-02", notes: str = "", **extra: Any) -> Dict[str, Any]:
    value: Dict[str, Any] = {
        "date": day,
        "time": "09:14",
        "requested": "load files",
        "executed": "wrote the loader",
        "files_touched": ["tinyrag/loader.py"],
        "status": "success",
        "notes": notes,
    }
    value.update(extra)
    return value


def test_schemas_are_draft_2020_12_with_ids() -> None:
    for kind in SCHEMA_FILES:
        schema = load_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].startswith("urn:prefguard:schema:")


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (KIND_CONCEPT, CONCEPT),
        (KIND_STRUCTURE, STRUCTURE),
        (KIND_LOG, [entry(), entry("2025-10-03", notes="extra", reviewer="x")]),
        (KIND_ARCHIVE, [entry()]),
        (KIND_LOG, []),
        (KIND_CONCEPT, {**CONCEPT, "extra": {"any": [1, 2]}}),
    ],
)
def test_documented_formats_are_accepted(kind: str, value: Any) -> None:
    assert schema_problems(kind, loads(json.dumps(value))) == []


def test_initial_memory_passes_its_schemas() -> None:
    contents = initial_memory("demo", date(2026, 1, 5))
    for kind, value in contents.items():
        assert schema_problems(kind, loads(dumps(value))) == []
    assert contents[KIND_STRUCTURE]["last_modified"] == "2026-01-05"


def test_made_log_entry_passes_the_schema() -> None:
    made = make_log_entry("asked", "did", ["a.py"], "partial", "", datetime(2026, 3, 4, 7, 5))
    assert made["date"] == "2026-03-04" and made["time"] == "07:05"
    assert list(made) == ["date", "time", "requested", "executed", "files_touched", "status", "notes"]
    assert schema_problems(KIND_LOG, [made]) == []


@pytest.mark.parametrize(
    ("kind", "value", "pointer"),
    [
        (KIND_LOG, [entry(status="done")], "/0/status"),
        (KIND_LOG, [entry(day="2025-13-40")], "/0/date"),
        (KIND_LOG, [entry(day="02.10.2025")], "/0/date"),
        (KIND_LOG, [entry(time="9:14")], "/0/time"),
        (KIND_LOG, [entry(time="24:00")], "/0/time"),
        (KIND_LOG, [entry(time="09:14:00")], "/0/time"),
        (KIND_LOG, [entry(files_touched="a.py")], "/0/files_touched"),
        (KIND_LOG, [entry(files_touched=[1])], "/0/files_touched/0"),
        (KIND_LOG, [{k: v for k, v in entry().items() if k != "requested"}], "/0"),
        (KIND_LOG, {"entries": []}, ""),
        (KIND_ARCHIVE, [entry(status="ok")], "/0/status"),
        (KIND_STRUCTURE, {**STRUCTURE, "modules": [{**STRUCTURE["modules"][0], "status": "done"}]}, "/modules/0/status"),
        (KIND_STRUCTURE, {**STRUCTURE, "last_modified": "yesterday"}, "/last_modified"),
        (KIND_STRUCTURE, {**STRUCTURE, "format_version": "1"}, "/format_version"),
        (KIND_STRUCTURE, {**STRUCTURE, "modules": [{**STRUCTURE["modules"][0], "critical": "yes"}]}, "/modules/0/critical"),
        (KIND_CONCEPT, {k: v for k, v in CONCEPT.items() if k != "vision"}, ""),
        (KIND_CONCEPT, {**CONCEPT, "core_goals": "fast"}, "/core_goals"),
    ],
)
def test_schema_violations_are_reported_at_their_pointer(kind: str, value: Any, pointer: str) -> None:
    problems = schema_problems(kind, loads(json.dumps(value)))
    assert pointer in [found for found, _ in problems]


def test_integral_decimal_counts_as_integer() -> None:
    assert schema_problems(KIND_STRUCTURE, loads(json.dumps(STRUCTURE).replace('"format_version": 1', '"format_version": 1.0'))) == []
    broken = json.dumps(STRUCTURE).replace('"format_version": 1', '"format_version": 1.5')
    assert [p for p, _ in schema_problems(KIND_STRUCTURE, loads(broken))] == ["/format_version"]


def test_schema_findings_are_positioned_and_partial_validation_skips_old_entries() -> None:
    text = dumps([entry(status="bad"), entry(), entry(time="7pm")])
    findings = schema_findings(KIND_LOG, loads(text), ".claude/project_log.json", text, commit="c1")
    assert [(f.code, f.pointer, f.commit) for f in findings] == [("JSN005", "/0/status", "c1"), ("JSN005", "/2/time", "c1")]
    assert findings[1].line == text.split("\n").index('    "time": "7pm",') + 1
    only_new = schema_findings(KIND_LOG, loads(text), ".claude/project_log.json", text, first_entry=1)
    assert [f.pointer for f in only_new] == ["/2/time"]


def test_memory_paths() -> None:
    assert memory_path(".claude", KIND_LOG) == ".claude/project_log.json"
    assert memory_path("", KIND_CONCEPT) == "project_concept.json"
    assert memory_kind(".claude/project_log_archive.json", ".claude") == KIND_ARCHIVE
    assert memory_kind("other/project_log.json", ".claude") is None


def log_of(count: int, start: int = 0) -> List[Dict[str, Any]]:
    return [entry(notes=f"n{index}") for index in range(start, start + count)]


def test_plain_append_is_accepted_and_counted() -> None:
    judgement = judge_log(log_of(3), log_of(5), ABSENT, ABSENT, LOG_POLICY)
    assert (judgement.moved, judgement.appended, judgement.log_changes) == (0, 2, [])


def test_lossless_archive_move_is_recognised() -> None:
    old_log = log_of(10)
    judgement = judge_log(old_log, old_log[4:] + log_of(1, 50), log_of(2, 90), log_of(2, 90) + old_log[:4], LOG_POLICY)
    assert (judgement.moved, judgement.appended) == (4, 1)
    assert judgement.log_changes == [] and judgement.archive_changes == []
    first = judge_log(old_log, old_log[4:], ABSENT, old_log[:4], LOG_POLICY)
    assert (first.moved, first.log_changes, first.archive_changes) == (4, [], [])


def test_archive_move_that_alters_an_entry_is_rejected() -> None:
    old_log = log_of(6)
    altered = [dict(item) for item in old_log[:3]]
    altered[1]["notes"] = "rewritten"
    judgement = judge_log(old_log, old_log[3:], [], altered, LOG_POLICY)
    assert [change.pointer for change in judgement.archive_changes] == ["/1/notes"]
    assert judgement.log_changes == []


def test_archive_move_that_drops_an_entry_is_rejected() -> None:
    old_log = log_of(6)
    judgement = judge_log(old_log, old_log[3:], [], [old_log[0], old_log[2]], LOG_POLICY)
    assert judgement.log_changes or judgement.archive_changes
    assert [change.pointer for change in judgement.log_changes] == ["/0"]


def test_log_shrinking_without_archive_is_rejected() -> None:
    old_log = log_of(4)
    judgement = judge_log(old_log, old_log[2:], [], [], LOG_POLICY)
    assert [change.pointer for change in judgement.log_changes] == ["/0", "/1"]
    assert judgement.appended == 0


def test_archive_growth_with_an_untouched_log_is_not_a_move() -> None:
    old_log = log_of(2)
    judgement = judge_log(old_log, old_log + log_of(1, 9), [], log_of(1, 70), LOG_POLICY)
    assert (judgement.moved, judgement.appended, judgement.log_changes) == (0, 1, [])


def test_plan_archive_moves_old_head_only_when_over_the_limit() -> None:
    today = date(2026, 6, 30)
    old = [entry("2026-01-01") for _ in range(150)]
    recent = [entry("2026-06-20") for _ in range(60)]
    assert plan_archive(old + recent, today) == 150
    assert plan_archive(old[:100] + recent[:100], today) == 0
    mixed = old[:10] + recent[:1] + [entry("2026-01-01")] * 195
    assert plan_archive(mixed, today) == 10
    assert plan_archive([{"no": "date"}] + old + recent, today) == 0
    assert plan_archive([entry("2026-05-31")] * 201, today) == 0
    assert plan_archive([entry("2026-05-30")] * 201, today) == 201
    assert plan_archive(old + recent, today, limit=500) == 0


def test_mem001_missing_log_entry() -> None:
    assert missing_log_entry(["a.py"], ".claude/project_log.json", 0, "c")[0].code == "MEM001"
    assert missing_log_entry(["a.py"], ".claude/project_log.json", 1) == []
    assert missing_log_entry([], ".claude/project_log.json", 0) == []


def test_mem002_added_removed_renamed_modules() -> None:
    path = ".claude/project_structure.json"
    listed = loads(json.dumps(STRUCTURE))
    assert structure_findings([("A", None, "tinyrag/index.py")], ABSENT, listed, path, EXEMPT) == []
    added = structure_findings([("A", None, "tinyrag/new.py")], listed, listed, path, EXEMPT, "c9")
    assert [(f.code, f.commit) for f in added] == [("MEM002", "c9")]
    assert structure_findings([("A", None, "tests/test_new.py"), ("A", None, "tinyrag/__init__.py")], listed, listed, path, EXEMPT) == []
    assert structure_findings([("A", None, "notes.txt")], listed, listed, path, EXEMPT) == []
    removed = structure_findings([("D", "tinyrag/index.py", None)], listed, listed, path, EXEMPT)
    assert [f.pointer for f in removed] == ["/modules/0"]
    updated = json.loads(json.dumps(STRUCTURE))
    updated["modules"][0]["removed"] = True
    assert structure_findings([("D", "tinyrag/index.py", None)], listed, loads(json.dumps(updated)), path, EXEMPT) == []
    assert structure_findings([("D", "tinyrag/unlisted.py", None)], listed, listed, path, EXEMPT) == []
    renamed = json.loads(json.dumps(STRUCTURE))
    renamed["modules"][0]["path"] = "tinyrag/flat_index.py"
    assert structure_findings([("R", "tinyrag/index.py", "tinyrag/flat_index.py")], listed, loads(json.dumps(renamed)), path, EXEMPT) == []
    not_updated = structure_findings([("R", "tinyrag/index.py", "tinyrag/flat_index.py")], listed, listed, path, EXEMPT)
    assert len(not_updated) == 2
    assert structure_findings([("A", None, "x.py")], listed, ABSENT, path, EXEMPT) == []


def test_mem003_and_mem004() -> None:
    missing = missing_memory_files(".claude", {KIND_CONCEPT: True, KIND_STRUCTURE: False, KIND_LOG: False})
    assert [(f.code, f.path) for f in missing] == [
        ("MEM003", ".claude/project_structure.json"),
        ("MEM003", ".claude/project_log.json"),
    ]
    text = dumps(log_of(201))
    found = log_too_long(loads(text), ".claude/project_log.json", 200, text)
    assert [(f.code, f.pointer) for f in found] == [("MEM004", "/200")]
    assert found[0].line > 1
    assert log_too_long(log_of(200), ".claude/project_log.json", 200) == []
