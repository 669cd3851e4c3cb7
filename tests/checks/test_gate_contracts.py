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

from typing import Any, Dict, List, Set, Tuple

import pytest

from checks.baseline.baseline_file import Baseline, BaselineError, parse_baseline, render_baseline
from checks.baseline.changed_scope import FileChangeLines, changed_line_numbers, in_change
from checks.baseline.config_gate import config_weakenings
from checks.baseline.fingerprint import FindingKey, finding_key
from checks.baseline.gate import AddedEntry, added_entries
from checks.baseline.matching import follow_renames, prune
from checks.engine.finding import Finding
from checks.config.codes import ALL_CODES
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


def test_moves_out_of_several_removed_files_add_up() -> None:
    old = baseline({key("a.py"): 1, key("b.py"): 1})
    assert added_entries(old, baseline({key("new.py"): 2}), {"a.py", "b.py"}) == []
    assert added_entries(old, baseline({key("new.py"): 3}), {"a.py", "b.py"}) == [AddedEntry(key("new.py"), 1, "bare except")]


def test_a_moved_entry_is_moved_once_not_into_every_new_file() -> None:
    old = baseline({key("gone.py"): 1})
    new = baseline({key("a.py"): 1, key("b.py"): 1})
    assert added_entries(old, new, {"gone.py"}) == [AddedEntry(key("b.py"), 1, "bare except")]


def test_an_added_entry_without_a_message_has_an_empty_one() -> None:
    new = Baseline(counts={key("a.py"): 1}, messages={})
    assert added_entries(Baseline(counts={}, messages={}), new, set()) == [AddedEntry(key("a.py"), 1, "")]


def test_renamed_entries_join_the_entries_already_at_the_new_path_with_their_messages() -> None:
    old = Baseline(counts={key("a.py"): 1, key("c.py"): 2, key("d.py", "d" * 16): 1}, messages={key("a.py"): "bare except"})
    moved = follow_renames(old, {"a.py": "c.py", "d.py": "e.py"})
    assert moved.counts == {key("c.py"): 3, key("e.py", "d" * 16): 1}
    assert moved.messages == {key("c.py"): "bare except", key("e.py", "d" * 16): ""}


def test_prune_drops_gone_files_and_fixed_findings_and_keeps_the_rest_with_their_messages() -> None:
    gone, fixed, kept, unchecked = key("gone.py"), key("fixed.py"), key("kept.py"), key("other.py")
    old = Baseline(counts={gone: 1, fixed: 2, kept: 2, unchecked: 1}, messages={gone: "g", fixed: "f", kept: "k"})
    pruned = prune(old, {kept: 1}, {"fixed.py", "kept.py"}, {"gone.py"})
    assert pruned.counts == {kept: 1, unchecked: 1}
    assert pruned.messages == {kept: "k", unchecked: ""}


def test_the_rendered_file_is_raw_utf8_without_empty_entries() -> None:
    accented = FindingKey("pkg/données.py", "EXC001", "a" * 16)
    rendered = render_baseline(Baseline(counts={accented: 1, key("zero.py"): 0}, messages={}))
    assert '"pkg/données.py"' in rendered and '[1, ""]' in rendered and "zero.py" not in rendered
    assert render_baseline(Baseline(counts={accented: 1}, messages={accented: "café"})).count('[1, "café"]') == 1
    assert '"files": {}' in render_baseline(Baseline(counts={}, messages={}))
    assert parse_baseline(render_baseline(Baseline(counts={}, messages={})).encode("utf-8")).counts == {}


BASELINE_HEAD = '{"format": "prefguard-baseline", "version": 1, '


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "the file is empty (write it with `prefguard baseline`, or delete it)"),
        ("[]", "the top level is not a JSON object"),
        ('{"format": "prefguard-baseline", "version": 9, "files": {}}',
         "unknown format version 9: this prefguard reads version 1 (upgrade prefguard, or regenerate the file with `prefguard baseline`)"),
        (BASELINE_HEAD + '"files": {}, "extra": 1, "more": 2}', "unknown top-level key(s): extra, more"),
        (BASELINE_HEAD + '"files": []}', "'files' is missing or not an object"),
        (BASELINE_HEAD + '"files": {"C:x.py": {}}}', "path 'C:x.py' is not a relative POSIX path inside the project"),
        (BASELINE_HEAD + '"files": {"c:x.py": {}}}', "path 'c:x.py' is not a relative POSIX path inside the project"),
        (BASELINE_HEAD + '"files": {"pkg\\\\x.py": {}}}', "path 'pkg\\\\x.py' is not a relative POSIX path inside the project"),
        (BASELINE_HEAD + '"files": {"/x.py": {}}}', "path '/x.py' is not a relative POSIX path inside the project"),
        (BASELINE_HEAD + '"files": {"a//x.py": {}}}', "path 'a//x.py' leaves the project or is not normalized"),
        (BASELINE_HEAD + '"files": {"./x.py": {}}}', "path './x.py' leaves the project or is not normalized"),
        (BASELINE_HEAD + '"files": {"../x.py": {}}}', "path '../x.py' leaves the project or is not normalized"),
        (BASELINE_HEAD + '"files": {"a.py": {"EXC001 ' + "a" * 16 + '": [1, "m", "x"]}}}',
         "files['a.py']['EXC001 " + "a" * 16 + "'] is not [count, message] with a positive count"),
        (BASELINE_HEAD + '"files": {"a.py": {"EXC001 ' + "a" * 16 + '": {"0": 1, "1": "m"}}}}',
         "files['a.py']['EXC001 " + "a" * 16 + "'] is not [count, message] with a positive count"),
    ],
)
def test_a_baseline_that_cannot_be_used_says_exactly_why(text: str, problem: str) -> None:
    with pytest.raises(BaselineError) as raised:
        parse_baseline(text.encode("utf-8"))
    assert str(raised.value) == problem


def test_a_finding_without_a_readable_line_is_known_by_its_message_not_by_a_line() -> None:
    """Notebook cells, JSON files and lines out of range: the message identifies the finding, whatever the lines say."""
    in_cell = Finding("EXC001", "nb.ipynb", 2, 1, 2, 5, "bare except", cell=3)
    assert finding_key(in_cell, "nb.ipynb", [b"a", b"b"]) == finding_key(in_cell, "nb.ipynb", [b"x", b"y"])
    plain = Finding("JSN001", "data.json", 2, 1, 2, 5, "value changed")
    without_lines = finding_key(plain, "data.json", None)
    assert without_lines == finding_key(plain, "data.json", [b"a"]) != finding_key(plain, "data.json", [b"a", b"b"])
    assert without_lines != finding_key(Finding("JSN001", "data.json", 2, 1, 2, 5, "other value"), "data.json", None)
    assert without_lines.fingerprint != finding_key(Finding("JSN001", "data.json", 2, 1, 2, 5, ""), "data.json", None).fingerprint


def test_undecodable_lines_and_surrogates_in_messages_have_fingerprints() -> None:
    """Bytes that are not UTF-8 read as U+FFFD; a message carrying an undecodable path (surrogates) is hashed as it is."""
    on_line = Finding("EXC001", "m.py", 1, 1, 1, 5, "bare except")
    assert finding_key(on_line, "m.py", [b"except: \xff"]) == finding_key(on_line, "m.py", [b"except:\xfe"])
    named = Finding("JSN001", "data.json", 1, 1, 1, 2, "file \udcff changed")
    assert finding_key(named, "data.json", None) != finding_key(Finding("JSN001", "data.json", 1, 1, 1, 2, "file \udcfe changed"), "data.json", None)


@pytest.mark.parametrize(
    "finding, lines, fingerprint",
    [
        (Finding("HDR001", "m.py", 1, 1, 1, 1, "missing header"), [b"import os"], "e3b0c44298fc1c14"),
        (Finding("EXC001", "m.py", 2, 5, 2, 12, "bare except"), [b"try:", b"    except :  # x"], "b0a11d64b4d4314a"),
        (Finding("JSN001", "d.json", 3, 1, 3, 2, "value  changed"), None, "3a0b2f8badeeaa80"),
    ],
    ids=["whole-file", "line", "message"],
)
def test_fingerprints_are_stable_across_versions(finding: Finding, lines: Any, fingerprint: str) -> None:
    """Committed baseline files (format version 1) keep matching after an upgrade: a changed fingerprint
    recipe needs a new format version. sha256 of '', 'except:#x' and 'message:valuechanged', 16 hex digits."""
    assert finding_key(finding, finding.path, lines) == FindingKey(finding.path, finding.code, fingerprint)


def test_changed_lines_of_a_file_of_repeated_lines_are_only_the_edited_one() -> None:
    old = ["def f():"] + ["    pass"] * 150 + ["x = 1"] + ["    pass"] * 150
    new = old[:151] + ["x = 2"] + old[152:]
    assert changed_line_numbers(old, new) == frozenset({152})


def span(line: int, end_line: int, end_column: int, cell: Any = None) -> Finding:
    return Finding("EXC001", "m.py", line, 1, end_line, end_column, "m", cell=cell)


@pytest.mark.parametrize(
    "finding, changed, inside",
    [
        (span(5, 7, 5), {7}, True),
        (span(5, 7, 2), {7}, True),
        (span(5, 7, 1), {7}, False),
        (span(5, 7, 1), {6}, True),
        (span(5, 5, 1), {5}, True),
        (span(5, 5, 9), {4, 6}, False),
        (span(2, 2, 3, cell=1), {9}, True),
        (span(2, 2, 3, cell=1), set(), False),
    ],
)
def test_a_finding_is_in_the_change_when_a_line_it_covers_changed(finding: Finding, changed: Set[int], inside: bool) -> None:
    """A span ending at column 1 of a later line does not cover that line; a notebook cell's finding follows any change."""
    assert in_change(finding, FileChangeLines(is_new=False, lines=frozenset(changed))) is inside


# ======================================================================
# Configuration gate: every key and table of Settings, classified

DEFAULTS = Settings()
TABLES: Dict[str, Dict[str, Any]] = {"": dict(DEFAULTS.values), **{name: dict(DEFAULTS.tables[name]) for name in DEFAULTS.tables}}

# A pattern or word added to one of these lists exempts something, in whichever table the key is.
LOOSENED_BY_AN_ADDED_ITEM = {"exclude", "exempt", "module-exempt", "doc-exclude", "allow-words", "allow-names", "allow-function-patterns"}

# Keys whose loosening is a specific change: old table, new table, the pointer and the description of the finding.
Change = Tuple[Dict[str, Any], Dict[str, Any], str, str]
SPECIFIC_LOOSENINGS: Dict[Tuple[str, str], Change] = {
    ("", "select"): (
        {"select": ["ANN001", "DOC001"]}, {"select": ["ANN001"]}, f"{TABLE}/select", "'select' no longer enables DOC001",
    ),
    ("", "extend-select"): (
        {"extend-select": ["ANN001", "DOC001"]}, {"extend-select": ["DOC001"]}, f"{TABLE}/extend-select",
        "'extend-select' no longer enables ANN001",
    ),
    ("", "ignore"): ({"ignore": ["DOC001"]}, {"ignore": ["DOC001", "ANN001"]}, f"{TABLE}/ignore", "'ignore' now disables ANN001"),
    ("", "per-file-ignores"): (
        {"per-file-ignores": {"pkg/*.py": ["DOC001"]}},
        {"per-file-ignores": {"pkg/*.py": ["DOC001", "ANN001"]}},
        join_pointer(f"{TABLE}/per-file-ignores", "pkg/*.py"),
        "'per-file-ignores' now disables ANN001 for 'pkg/*.py'",
    ),
    ("", "baseline"): (
        {"baseline": "old.json"}, {"baseline": "elsewhere.json"}, f"{TABLE}/baseline",
        "the baseline file moved from 'old.json' to 'elsewhere.json'",
    ),
    ("json-guard", "files"): (
        {"json-guard": {"files": {"data/*.json": "immutable"}}},
        {"json-guard": {"files": {"data/*.json": "append-only"}}},
        join_pointer(f"{TABLE}/json-guard/files", "data/*.json"),
        "guard mode of 'data/*.json' lowered from 'immutable' to 'append-only'",
    ),
    ("json-guard", "mutable"): (
        {"json-guard": {"mutable": {"data/*.json": ["/a"]}}},
        {"json-guard": {"mutable": {"data/*.json": ["/a", "/b", "/c"]}}},
        join_pointer(f"{TABLE}/json-guard/mutable", "data/*.json"),
        "'data/*.json' gained mutable pointer(s) /b, /c",
    ),
    ("json-guard", "memory-dir"): (
        {"json-guard": {"memory-dir": "memory"}}, {"json-guard": {"memory-dir": "notes"}}, f"{TABLE}/json-guard/memory-dir",
        "'json-guard.memory-dir' moved from 'memory' to 'notes'",
    ),
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
    assert weakening.description == f"'{table + '.' if table else ''}{name}' gained 'added/**'"
    assert config_weakenings(new, old, DEFAULT_BASELINE) == []
    assert config_weakenings({}, nest(table, {name: ["from/nothing/**"]}), DEFAULT_BASELINE)[0].pointer == weakening.pointer


SPECIFIC = sorted(SPECIFIC_LOOSENINGS)


@pytest.mark.parametrize("table, name", SPECIFIC, ids=[f"{t or 'top'}.{n}" for t, n in SPECIFIC])
def test_each_specific_loosening_names_its_pointer_and_its_reverse_needs_nothing(table: str, name: str) -> None:
    old, new, pointer, description = SPECIFIC_LOOSENINGS[(table, name)]
    assert [(item.pointer, item.description) for item in config_weakenings(old, new, DEFAULT_BASELINE)] == [(pointer, description)]
    if name not in ("baseline", "memory-dir"):
        assert config_weakenings(new, old, DEFAULT_BASELINE) == []


@pytest.mark.parametrize("table, name", SPECIFIC + LIST_KEYS, ids=[f"{t or 'top'}.{n}" for t, n in SPECIFIC + LIST_KEYS])
def test_an_unchanged_key_needs_no_approval(table: str, name: str) -> None:
    """Each side of every change above, compared with itself: nothing to approve."""
    if (table, name) in SPECIFIC_LOOSENINGS:
        sides = SPECIFIC_LOOSENINGS[(table, name)][:2]
    else:
        sides = (nest(table, {name: ["kept/**"]}), nest(table, {name: list(TABLES[table][name]) + ["kept/**"]}))
    for side in sides:
        assert config_weakenings(side, dict(side), DEFAULT_BASELINE) == []


@pytest.mark.parametrize(
    "old, new", [("notes/", "notes"), ("/notes", "notes"), (" notes ", "notes"), ("notes", "notes/"), ("notes", "/notes/"), (".claude", None)]
)
def test_the_same_memory_folder_written_differently_is_no_move(old: str, new: Any) -> None:
    newer = {} if new is None else {"json-guard": {"memory-dir": new}}
    assert config_weakenings({"json-guard": {"memory-dir": old}}, newer, DEFAULT_BASELINE) == []


@pytest.mark.parametrize("old, new", [("Xnotes", "notes"), ("notes", "notesX"), ("notes", "notes/sub"), (".claude", "notes")])
def test_every_other_memory_folder_is_a_move(old: str, new: str) -> None:
    [weakening] = config_weakenings({"json-guard": {"memory-dir": old}}, {"json-guard": {"memory-dir": new}}, DEFAULT_BASELINE)
    assert weakening.pointer == f"{TABLE}/json-guard/memory-dir"


@pytest.mark.parametrize(
    "old_mode, new_mode, lowered",
    [
        ("append-only", "surely-not-a-mode", True),
        ("immutable", "surely-not-a-mode", True),
        ("surely-not-a-mode", "off", False),
        ("surely-not-a-mode", "immutable", False),
        ("off", "off", False),
        ("append-only", "immutable", False),
        ("immutable", "off", True),
    ],
)
def test_a_mode_the_gate_does_not_know_counts_as_off(old_mode: str, new_mode: str, lowered: bool) -> None:
    old = {"json-guard": {"files": {"data/*.json": old_mode}}}
    new = {"json-guard": {"files": {"data/*.json": new_mode}}}
    found = config_weakenings(old, new, DEFAULT_BASELINE)
    assert [item.pointer for item in found] == ([join_pointer(f"{TABLE}/json-guard/files", "data/*.json")] if lowered else [])


def test_a_guarded_pattern_without_a_mode_before_starts_from_off_or_its_default() -> None:
    fresh = {"json-guard": {"files": {"data/*.json": "off"}}}
    assert config_weakenings({}, fresh, DEFAULT_BASELINE) == []
    concept = {"json-guard": {"files": {".claude/project_concept.json": "off"}}}
    [weakening] = config_weakenings({}, concept, DEFAULT_BASELINE)
    assert weakening.description == "guard mode of '.claude/project_concept.json' lowered from 'immutable' to 'off'"


@pytest.mark.parametrize("count", [1, 8, 9, 11])
def test_a_long_list_of_codes_names_eight_and_counts_the_rest(count: int) -> None:
    codes = sorted(ALL_CODES)[:count]
    [weakening] = config_weakenings({}, {"ignore": codes}, DEFAULT_BASELINE)
    rest = f" and {count - 8} more" if count > 8 else ""
    assert weakening.description == f"'ignore' now disables {', '.join(codes[:8])}{rest}"


def test_entries_that_are_not_codes_are_skipped_not_the_end_of_the_list() -> None:
    [weakening] = config_weakenings({}, {"ignore": [1, None, "", "ANN001"]}, DEFAULT_BASELINE)
    assert weakening.description == "'ignore' now disables ANN001"


def test_several_added_items_are_named_in_order() -> None:
    [weakening] = config_weakenings({"exclude": ["a/**"]}, {"exclude": ["a/**", "b/**", "c/**"]}, DEFAULT_BASELINE)
    assert weakening.description == "'exclude' gained 'b/**', 'c/**'"


def test_the_default_baseline_location_is_no_move() -> None:
    assert config_weakenings({}, {"baseline": DEFAULT_BASELINE}, DEFAULT_BASELINE) == []
    assert config_weakenings({"baseline": DEFAULT_BASELINE}, {}, DEFAULT_BASELINE) == []
