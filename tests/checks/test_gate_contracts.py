# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The documented contracts of the pure gates, stated exactly, so that a wrong change of a gate fails.

Each test here was written against a mutant that the rest of the suite let
live (issue 28): an approval in the middle of a body line, a deleted file's
entries both kept and copied, a table the configuration gate forgot. The
configuration gate is checked over every key and table that ``Settings``
defines, so a new key or table cannot be left out silently.
"""

from typing import Any, Dict, List, Tuple

import pytest

from checks.baseline.baseline_file import Baseline
from checks.baseline.config_gate import config_weakenings
from checks.baseline.fingerprint import FindingKey
from checks.baseline.gate import AddedEntry, added_entries
from checks.config.settings import Settings
from checks.guard.approvals import parse_approval, trailer_approvals
from checks.guard.strict_json import join_pointer

TRAILER = "Prefguard-Approve"
TABLE = "/tool/prefguard"
DEFAULT_BASELINE = ".prefguard-baseline.json"


# ======================================================================
# Approvals: a trailer on its own line, nowhere else


@pytest.mark.parametrize(
    "message",
    [
        "Widen the vision\n\nAs agreed, Prefguard-Approve: .claude/project_concept.json#/vision was discussed.\n",
        "Widen the vision\n\nSee (Prefguard-Approve: .claude/project_concept.json#/vision)\n",
        "Widen the vision Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nNot-Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\n> quoted: Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nPrefguard-Approve .claude/project_concept.json#/vision\n",
    ],
)
def test_an_approval_that_is_not_a_line_of_its_own_approves_nothing(message: str) -> None:
    assert trailer_approvals(message, TRAILER) == {}


@pytest.mark.parametrize(
    "message",
    [
        "Widen the vision\n\nPrefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nBody text.\nPrefguard-Approve: .claude/project_concept.json#/vision",
        "Widen the vision\n\nprefguard-approve:   .claude/project_concept.json#/vision   \n",
    ],
)
def test_an_approval_on_its_own_line_approves_exactly_its_pointer(message: str) -> None:
    assert trailer_approvals(message, TRAILER) == {".claude/project_concept.json": ["/vision"]}


def test_only_the_approval_lines_of_a_message_count() -> None:
    message = (
        "Change two fields\n\n"
        "The body mentions Prefguard-Approve: a.json#/mentioned in passing.\n\n"
        "Prefguard-Approve: a.json#/approved\n"
        "Prefguard-Approve: b.json#/other\n"
    )
    assert trailer_approvals(message, TRAILER) == {"a.json": ["/approved"], "b.json": ["/other"]}


@pytest.mark.parametrize(
    "text, path, pointers",
    [
        ("a.json#/a#b", "a.json", ["/a#b"]),
        ("pkg\\data.json#/x", "pkg/data.json", ["/x"]),
        ("./././a.json#/x", "a.json", ["/x"]),
        ("  a.json  #  /x  ", "a.json", ["/x"]),
        ("a.json#/a%20b", "a.json", ["/a%20b", "/a b"]),
        ("a.json#", "a.json", [""]),
    ],
)
def test_an_approval_names_a_normalized_path_and_everything_after_the_first_hash(text: str, path: str, pointers: List[str]) -> None:
    assert parse_approval(text) == (path, pointers)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a.json", "'a.json' is not PATH#POINTER (an RFC 6901 pointer after '#', e.g. data.json#/3/notes)"),
        ("#/x", "'#/x' names no file before '#'"),
        ("a.json#x", "'x' in 'a.json#x' is not an RFC 6901 JSON pointer (empty or starting with '/')"),
    ],
)
def test_a_malformed_approval_says_what_is_wrong(text: str, problem: str) -> None:
    """The message of a bad ``--approve`` value (a usage error): the value and what a valid one looks like."""
    with pytest.raises(ValueError) as raised:
        parse_approval(text)
    assert str(raised.value) == problem


# ======================================================================
# Baseline gate: moves out of removed files are not growth; copies are


def key(path: str, fingerprint: str = "f" * 16) -> FindingKey:
    return FindingKey(path, "EXC001", fingerprint)


def baseline(counts: Dict[FindingKey, int]) -> Baseline:
    return Baseline(counts=dict(counts), messages={item: "bare except" for item in counts})


def test_entries_of_a_removed_file_that_are_kept_and_copied_are_growth() -> None:
    old = baseline({key("old.py"): 2})
    kept_and_copied = baseline({key("old.py"): 2, key("new.py"): 2})
    assert added_entries(old, kept_and_copied, {"old.py"}) == [AddedEntry(key("new.py"), 2, "bare except")]


def test_only_the_part_of_a_removed_files_entries_that_left_it_counts_as_moved() -> None:
    old = baseline({key("old.py"): 3})
    partly_kept = baseline({key("old.py"): 1, key("new.py"): 3})
    assert added_entries(old, partly_kept, {"old.py"}) == [AddedEntry(key("new.py"), 1, "bare except")]
    moved = baseline({key("new.py"): 3})
    assert added_entries(old, moved, {"old.py"}) == []
    assert added_entries(old, moved, set()) == [AddedEntry(key("new.py"), 3, "bare except")]


def test_a_move_carries_only_the_same_code_and_fingerprint() -> None:
    old = baseline({key("old.py", "a" * 16): 1})
    other_line = baseline({key("new.py", "b" * 16): 1})
    assert added_entries(old, other_line, {"old.py"}) == [AddedEntry(key("new.py", "b" * 16), 1, "bare except")]


# ======================================================================
# Configuration gate: every key and table of Settings, classified

DEFAULTS = Settings()
TABLES: Dict[str, Dict[str, Any]] = {"": dict(DEFAULTS.values), **{name: dict(DEFAULTS.tables[name]) for name in DEFAULTS.tables}}

# A pattern or word added to one of these lists exempts something, in whichever table the key is.
LOOSENED_BY_AN_ADDED_ITEM = {"exclude", "exempt", "module-exempt", "doc-exclude", "allow-words", "allow-names", "allow-function-patterns"}

# Keys whose loosening is a specific change (old table, new table, pointer the finding names).
Change = Tuple[Dict[str, Any], Dict[str, Any], str]
SPECIFIC_LOOSENINGS: Dict[Tuple[str, str], Change] = {
    ("", "select"): ({}, {"select": ["ANN"]}, f"{TABLE}/select"),
    ("", "extend-select"): ({"extend-select": ["ANN001"]}, {}, f"{TABLE}/extend-select"),
    ("", "ignore"): ({}, {"ignore": ["ANN001"]}, f"{TABLE}/ignore"),
    ("", "per-file-ignores"): (
        {"per-file-ignores": {"pkg/*.py": ["DOC001"]}},
        {"per-file-ignores": {"pkg/*.py": ["DOC001", "ANN001"]}},
        join_pointer(f"{TABLE}/per-file-ignores", "pkg/*.py"),
    ),
    ("", "baseline"): ({}, {"baseline": "elsewhere.json"}, f"{TABLE}/baseline"),
    ("json-guard", "files"): (
        {},
        {"json-guard": {"files": {".claude/project_concept.json": "append-only"}}},
        join_pointer(f"{TABLE}/json-guard/files", ".claude/project_concept.json"),
    ),
    ("json-guard", "mutable"): (
        {"json-guard": {"mutable": {"data/*.json": ["/a"]}}},
        {"json-guard": {"mutable": {"data/*.json": ["/a", "/b"]}}},
        join_pointer(f"{TABLE}/json-guard/mutable", "data/*.json"),
    ),
    ("json-guard", "memory-dir"): ({}, {"json-guard": {"memory-dir": "notes"}}, f"{TABLE}/json-guard/memory-dir"),
}

# Keys the documented gate (README "The gate cannot be loosened quietly") does not compare, and why.
NOT_COMPARED: Dict[str, str] = {
    "coding": "the header text a new file must carry: another text is another policy, not fewer checks",
    "copyright": "as coding",
    "location": "as coding",
    "first-year": "as coding",
    "year": "as coding",
    "message-calls": "what counts as a user-facing message (ENG rules); not in the documented gate",
    "message-keywords": "as message-calls",
    "doc-extensions": "which documents the ENG rules read; not in the documented gate",
    "approval-trailer": "the trailer's name: renaming it approves nothing by itself",
    "log-limit": "MEM004's limit of log entries; not in the documented gate",
    "archive-days": "what `memory archive` moves; not in the documented gate",
    "entry": "integration entry points: where verification starts, not an exemption",
    "critical": "integration: modules that must be wired; not in the documented gate",
    "tests": "integration: which files are tests; not in the documented gate",
    "status-prefixes": "the accepted print prefixes; not in the documented gate",
    "placeholder-markers": "the words STB rules look for; not in the documented gate",
    "allow-empty-init": "an empty __init__.py; not in the documented gate",
    "max-inheritance-depth": "INH001's limit; not in the documented gate",
    "public-modules": "which modules are a public API (MOD rules); not in the documented gate",
    "banned-logging-modules": "which imports LOG rules report; not in the documented gate",
    "max-file-bytes": "the size above which a file is not checked (reported as PGX002); not in the documented gate",
}


def table_pointer(table: str) -> str:
    return TABLE if not table else join_pointer(TABLE, table)


def nest(table: str, values: Dict[str, Any]) -> Dict[str, Any]:
    return dict(values) if not table else {table: dict(values)}


def every_key() -> List[Tuple[str, str]]:
    return sorted((table, name) for table, values in TABLES.items() for name in values)


def test_every_key_of_the_configuration_is_classified() -> None:
    """A key added to Settings fails here until the gate's handling of it is decided (and tested below)."""
    unclassified = [
        f"{table}.{name}" if table else name
        for table, name in every_key()
        if name not in LOOSENED_BY_AN_ADDED_ITEM and (table, name) not in SPECIFIC_LOOSENINGS and name not in NOT_COMPARED
    ]
    assert unclassified == []
    assert all(key in every_key() for key in SPECIFIC_LOOSENINGS)


LIST_KEYS = [(table, name) for table, name in every_key() if name in LOOSENED_BY_AN_ADDED_ITEM]


@pytest.mark.parametrize("table, name", LIST_KEYS, ids=[f"{t or 'top'}.{n}" for t, n in LIST_KEYS])
def test_an_item_added_to_an_exempting_list_needs_approval_in_every_table(table: str, name: str) -> None:
    current = list(TABLES[table][name]) + ["kept/**"]
    old = nest(table, {name: current})
    new = nest(table, {name: current + ["added/**"]})
    [weakening] = config_weakenings(old, new, DEFAULT_BASELINE)
    assert weakening.pointer == join_pointer(table_pointer(table), name)
    assert "'added/**'" in weakening.description and "'kept/**'" not in weakening.description
    assert config_weakenings(new, old, DEFAULT_BASELINE) == []
    assert config_weakenings({}, nest(table, {name: ["from/nothing/**"]}), DEFAULT_BASELINE)[0].pointer == weakening.pointer


SPECIFIC = sorted(SPECIFIC_LOOSENINGS)


@pytest.mark.parametrize("table, name", SPECIFIC, ids=[f"{t or 'top'}.{n}" for t, n in SPECIFIC])
def test_each_specific_loosening_names_its_pointer_and_its_reverse_needs_nothing(table: str, name: str) -> None:
    old, new, pointer = SPECIFIC_LOOSENINGS[(table, name)]
    assert [item.pointer for item in config_weakenings(old, new, DEFAULT_BASELINE)] == [pointer]
    if name not in ("baseline", "memory-dir"):
        assert config_weakenings(new, old, DEFAULT_BASELINE) == []


def test_the_default_baseline_location_is_no_move() -> None:
    assert config_weakenings({}, {"baseline": DEFAULT_BASELINE}, DEFAULT_BASELINE) == []
    assert config_weakenings({"baseline": DEFAULT_BASELINE}, {}, DEFAULT_BASELINE) == []
