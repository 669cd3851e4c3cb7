# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The documented contracts of the pure gates, stated exactly, so that a wrong change of a gate fails.

Each test here was written against a mutant that the rest of the suite let
live (issue 28): an approval in the middle of a body line, a deleted file's
entries both kept and copied, a table the configuration gate forgot. The
configuration gate is checked over every key and table that ``Settings``
defines (each with its declared direction, docs/guard.md), so a new key or
table cannot be left out silently. Approvals are read with git's trailer
rules: only the last paragraph, when it is a trailer block, approves.
"""

from typing import Any, Dict, List, Mapping, Set, Tuple

import pytest

from checks.baseline.baseline_file import Baseline, BaselineError, parse_baseline, render_baseline
from checks.baseline.changed_scope import FileChangeLines, changed_line_numbers, in_change
from checks.baseline.config_gate import (
    CHANGE,
    DIRECTIONS,
    GROWS,
    HIGHER,
    LOWER,
    NEUTRAL,
    SHRINKS,
    TRUE,
    config_weakenings,
    settings_keys,
)
from checks.baseline.fingerprint import FindingKey, finding_key
from checks.baseline.gate import AddedEntry, added_entries
from checks.baseline.matching import follow_renames, prune
from checks.engine.finding import Finding
from checks.config.codes import ALL_CODES
from checks.config.settings import ConfigError, Settings
from checks.guard.approvals import parse_approval, trailer_approvals
from checks.guard.json_guard import build_policies
from checks.guard.strict_json import join_pointer

TRAILER = "Prefguard-Approve"
TABLE = "/tool/prefguard"
DEFAULT_BASELINE = ".prefguard-baseline.json"


# ======================================================================
# Approvals: a trailer of git's trailer block, nowhere else


@pytest.mark.parametrize(
    "message",
    [
        "Widen the vision\n\nAs agreed, Prefguard-Approve: .claude/project_concept.json#/vision was discussed.\n",
        "Widen the vision\n\nSee (Prefguard-Approve: .claude/project_concept.json#/vision)\n",
        "Widen the vision Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nNot-Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\n> quoted: Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nPrefguard-Approve .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nBody text.\nPrefguard-Approve: .claude/project_concept.json#/vision",
        "Widen the vision\n\nprefguard-approve:   .claude/project_concept.json#/vision   \n",
        "Widen the vision\n\n  Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nPrefguard-Approve: .claude/project_concept.json#/vision\n\nA closing paragraph.\n",
        "Prefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nBody text.\n---\nPrefguard-Approve: .claude/project_concept.json#/vision\n",
    ],
)
def test_an_approval_that_is_not_a_line_of_its_own_approves_nothing(message: str) -> None:
    assert trailer_approvals(message, TRAILER) == {}


@pytest.mark.parametrize(
    "message",
    [
        "Widen the vision\n\nPrefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nBody text.\n\nPrefguard-Approve: .claude/project_concept.json#/vision",
        "Widen the vision\n\nPrefguard-Approve:   .claude/project_concept.json#/vision   \n",
        "Widen the vision\n\nPrefguard-Approve: .claude/project_concept.json#/vision\n\n# a comment git strips\n",
        "Widen the vision\n\nA note.\nSigned-off-by: A <a@example.com>\nPrefguard-Approve: .claude/project_concept.json#/vision\n",
        "Widen the vision\n\nPrefguard-Approve: .claude/project_concept.json#/vision\n---\nPrefguard-Approve: other.json#/x\n",
    ],
)
def test_an_approval_on_its_own_line_approves_exactly_its_pointer(message: str) -> None:
    """A line of the trailer block (with a git-generated trailer, a quarter of trailers is enough); nothing after ``---``."""
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
# Baseline gate: entries move only along a rename git records; copies are growth


def key(path: str, fingerprint: str = "f" * 16) -> FindingKey:
    return FindingKey(path, "EXC001", fingerprint)


def baseline(counts: Dict[FindingKey, int]) -> Baseline:
    return Baseline(counts=dict(counts), messages={item: "bare except" for item in counts})


RENAMED: Mapping[str, str] = {"old.py": "new.py"}


def test_entries_of_a_renamed_file_that_are_kept_and_copied_are_growth() -> None:
    old = baseline({key("old.py"): 2})
    kept_and_copied = baseline({key("old.py"): 2, key("new.py"): 2})
    assert added_entries(old, kept_and_copied, RENAMED) == [AddedEntry(key("new.py"), 2, "bare except")]


def test_only_the_part_of_a_renamed_files_entries_that_left_it_counts_as_moved() -> None:
    old = baseline({key("old.py"): 3})
    partly_kept = baseline({key("old.py"): 1, key("new.py"): 3})
    assert added_entries(old, partly_kept, RENAMED) == [AddedEntry(key("new.py"), 1, "bare except")]
    moved = baseline({key("new.py"): 3})
    assert added_entries(old, moved, RENAMED) == []
    assert added_entries(old, baseline({key("new.py"): 4}), RENAMED) == [AddedEntry(key("new.py"), 1, "bare except")]


def test_entries_of_a_deleted_file_never_move_onto_another_file() -> None:
    """Without a rename git records, the same finding in a new file is growth (docs/guard.md, BSL001)."""
    old = baseline({key("old.py"): 3})
    assert added_entries(old, baseline({key("new.py"): 3}), {}) == [AddedEntry(key("new.py"), 3, "bare except")]
    assert added_entries(old, baseline({key("other.py"): 3}), RENAMED) == [AddedEntry(key("other.py"), 3, "bare except")]


def test_a_move_carries_only_the_same_code_and_fingerprint() -> None:
    old = baseline({key("old.py", "a" * 16): 1})
    other_line = baseline({key("new.py", "b" * 16): 1})
    assert added_entries(old, other_line, RENAMED) == [AddedEntry(key("new.py", "b" * 16), 1, "bare except")]
    other_code = baseline({FindingKey("new.py", "ANN001", "a" * 16): 1})
    assert added_entries(old, other_code, RENAMED) == [AddedEntry(FindingKey("new.py", "ANN001", "a" * 16), 1, "bare except")]


def test_renames_of_several_files_move_each_file_s_entries_to_its_own_new_path() -> None:
    old = baseline({key("a.py"): 1, key("b.py"): 1})
    renames = {"a.py": "x.py", "b.py": "y.py"}
    assert added_entries(old, baseline({key("x.py"): 1, key("y.py"): 1}), renames) == []
    assert added_entries(old, baseline({key("x.py"): 2}), renames) == [AddedEntry(key("x.py"), 1, "bare except")]


def test_a_moved_entry_is_moved_once_not_into_every_new_file() -> None:
    old = baseline({key("gone.py"): 1})
    new = baseline({key("a.py"): 1, key("b.py"): 1})
    assert added_entries(old, new, {"gone.py": "a.py"}) == [AddedEntry(key("b.py"), 1, "bare except")]
    assert added_entries(old, new, {"gone.py": "b.py"}) == [AddedEntry(key("a.py"), 1, "bare except")]


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
    assert '"pkg/données.py"' in rendered and '[1, "", []]' in rendered and "zero.py" not in rendered
    assert '"version": 2' in rendered
    assert render_baseline(Baseline(counts={accented: 1}, messages={accented: "café"})).count('[1, "café", []]') == 1
    around = Baseline(counts={accented: 1}, messages={accented: "m"}, contexts={accented: ("2" * 8, "1" * 8)})
    assert f'[1, "m", ["{"1" * 8}"]]' in render_baseline(around)
    assert '"files": {}' in render_baseline(Baseline(counts={}, messages={}))
    assert parse_baseline(render_baseline(Baseline(counts={}, messages={})).encode("utf-8")).counts == {}


BASELINE_HEAD = '{"format": "prefguard-baseline", "version": 1, '


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "the file is empty (write it with `prefguard baseline`, or delete it)"),
        ("[]", "the top level is not a JSON object"),
        ('{"format": "prefguard-baseline", "version": 9, "files": {}}',
         "unknown format version 9: this prefguard reads versions 1, 2 (upgrade prefguard, or regenerate the file with `prefguard baseline`)"),
        ('{"format": "prefguard-baseline", "version": 2, "files": {"a.py": {"EXC001 ' + "a" * 16 + '": [1, "m"]}}}',
         "files['a.py']['EXC001 " + "a" * 16 + "'] is not [count, message, contexts] with a positive count"),
        ('{"format": "prefguard-baseline", "version": 2, "files": {"a.py": {"EXC001 ' + "a" * 16 + '": [1, "m", ["0a1b2c3d", "4e5f6a7b"]]}}}',
         "files['a.py']['EXC001 " + "a" * 16 + "']: contexts are not a list of at most 1 hashes of 8 lowercase hex digits"),
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
    """Committed baseline files (versions 1 and 2 share fingerprints) keep matching after an upgrade: a changed fingerprint
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
# Configuration gate: every key and table of Settings, with its declared direction

DEFAULTS = Settings()


def default_keys() -> List[str]:
    """Every key of the default ``Settings``: top-level names, then ``table.key`` for each table (english included)."""
    top = [name for name in DEFAULTS.values]
    return top + [f"{table}.{name}" for table, values in DEFAULTS.tables.items() for name in values]


def default_of(key: str) -> Any:
    if "." in key:
        table, name = key.split(".", 1)
        return DEFAULTS.tables[table][name]
    return DEFAULTS.values[key]


def nest(key: str, value: Any) -> Dict[str, Any]:
    if "." in key:
        table, name = key.split(".", 1)
        return {table: {name: value}}
    return {key: value}


def key_pointer(key: str) -> str:
    pointer = TABLE
    for token in key.split("."):
        pointer = join_pointer(pointer, token)
    return pointer


def found(old: Dict[str, Any], new: Dict[str, Any]) -> List[Tuple[str, str]]:
    return [(item.pointer, item.description) for item in config_weakenings(old, new, DEFAULT_BASELINE)]


def test_every_key_of_the_configuration_is_classified() -> None:
    """A key or table added to Settings fails here until the gate declares its direction (docs/guard.md table)."""
    assert sorted(default_keys()) == sorted(DIRECTIONS) == sorted(settings_keys())
    assert {key.split(".", 1)[0] for key in DIRECTIONS if "." in key} == set(DEFAULTS.tables)
    assert "english" in DEFAULTS.tables and all(f"english.{name}" in DIRECTIONS for name in DEFAULTS.tables["english"])


# The loosening of each key whose direction is not a plain list, number, flag or value:
# old table, new table, and the exact (pointer, description) the gate reports.
Change = Tuple[Dict[str, Any], Dict[str, Any], List[Tuple[str, str]]]
COMPOUND_LOOSENINGS: Dict[str, Change] = {
    "select": (
        {"select": ["ANN001", "DOC001"]}, {"select": ["ANN001"]},
        [(f"{TABLE}/select", "the configuration no longer enables 'DOC001'")],
    ),
    "extend-select": (
        {"select": ["DOC001"], "extend-select": ["ANN001", "DOC001"]}, {"select": ["DOC001"], "extend-select": ["DOC001"]},
        [(f"{TABLE}/extend-select", "the configuration no longer enables 'ANN001'")],
    ),
    "ignore": (
        {"ignore": ["DOC001"]}, {"ignore": ["DOC001", "ANN001"]},
        [(f"{TABLE}/ignore", "the configuration no longer enables 'ANN001'")],
    ),
    "per-file-ignores": (
        {"per-file-ignores": {"pkg/*.py": ["DOC001"]}}, {"per-file-ignores": {"pkg/*.py": ["DOC001", "ANN001"]}},
        [(join_pointer(f"{TABLE}/per-file-ignores", "pkg/*.py"), "'per-file-ignores' now disables 'ANN001' for 'pkg/*.py'")],
    ),
    "json-guard.files": (
        {"json-guard": {"files": {"data/*.json": "immutable"}}}, {"json-guard": {"files": {"data/*.json": "append-only"}}},
        [(join_pointer(f"{TABLE}/json-guard/files", "data/*.json"), "the glob 'data/*.json' is guarded 'append-only' instead of 'immutable'")],
    ),
    "json-guard.mutable": (
        {"json-guard": {"mutable": {"data/*.json": ["/a"]}}}, {"json-guard": {"mutable": {"data/*.json": ["/a", "/b", "/c"]}}},
        [(join_pointer(f"{TABLE}/json-guard/mutable", "data/*.json"), "'data/*.json' gained mutable pointer(s) '/b', '/c'")],
    ),
}

MEMORY_FILES = [
    ("project_concept.json", "immutable"),
    ("project_log.json", "append-only"),
    ("project_log_archive.json", "append-only"),
    ("project_structure.json", "append-only"),
]


def memory_move(old: str, new: str) -> List[Tuple[str, str]]:
    """json-guard.memory-dir moved: each default memory file of the old folder is left unguarded, then the key itself."""
    files = [
        (join_pointer(f"{TABLE}/json-guard/files", f"{old}/{name}"), f"{old}/{name} is guarded 'off' instead of {mode!r} (by '{old}/{name}')")
        for name, mode in MEMORY_FILES
    ]
    return files + [(f"{TABLE}/json-guard/memory-dir", f"'json-guard.memory-dir' changed from {old!r} to {new!r}")]


def loosening(key: str) -> Change:
    """The old table, the new table and the exact weakenings of one loosening of ``key`` in its declared direction."""
    direction, default, pointer = DIRECTIONS.get(key), default_of(key), key_pointer(key)
    if key in COMPOUND_LOOSENINGS:
        return COMPOUND_LOOSENINGS[key]
    if key == "json-guard.memory-dir":
        return {}, nest(key, "notes"), memory_move(".claude", "notes")
    if direction == GROWS:
        return nest(key, [*default, "kept/**"]), nest(key, [*default, "kept/**", "added/**"]), [(pointer, f"'{key}' gained 'added/**'")]
    if direction == SHRINKS:
        return nest(key, [*default, "zz-removed"]), nest(key, list(default)), [(pointer, f"'{key}' lost 'zz-removed'")]
    if direction == HIGHER:
        return {}, nest(key, default + 1), [(pointer, f"'{key}' raised from {default!r} to {default + 1!r}")]
    if direction == LOWER:
        return {}, nest(key, default - 1), [(pointer, f"'{key}' lowered from {default!r} to {default - 1!r}")]
    if direction == TRUE:
        return nest(key, False), nest(key, True), [(pointer, f"'{key}' turned on (was False)")]
    if direction == CHANGE:
        return {}, nest(key, f"{default}-changed"), [(pointer, f"'{key}' changed from {default!r} to {default + '-changed'!r}")]
    if direction == NEUTRAL:
        return {}, nest(key, default + 1), []
    raise AssertionError(f"{key}: no loosening written for direction {direction!r}")


KEYS = default_keys()


@pytest.mark.parametrize("key", KEYS)
def test_each_loosening_names_its_pointer_exactly_in_every_table(key: str) -> None:
    old, new, expected = loosening(key)
    assert found(old, new) == expected
    assert found(old, dict(old)) == [] and found(new, dict(new)) == []
    if DIRECTIONS[key] not in (CHANGE,):
        assert found(new, old) == []


@pytest.mark.parametrize("key", [key for key in KEYS if DIRECTIONS[key] == GROWS])
def test_an_item_added_to_a_list_that_lets_more_through_needs_approval_from_nothing_too(key: str) -> None:
    assert found({}, nest(key, [*default_of(key), "from/nothing/**"])) == [(key_pointer(key), f"'{key}' gained 'from/nothing/**'")]


@pytest.mark.parametrize(
    "new, expected",
    [
        ({"per-file-ignores": {"pkg/*.py": ["ANN001"]}},
         (join_pointer(f"{TABLE}/per-file-ignores", "pkg/*.py"), "'per-file-ignores' now disables 'ANN001' for 'pkg/*.py'")),
        ({"json-guard": {"mutable": {"data/*.json": ["/a"]}}},
         (join_pointer(f"{TABLE}/json-guard/mutable", "data/*.json"), "'data/*.json' gained mutable pointer(s) '/a'")),
        ({"json-guard": {"files": {"data/x.json": "append-only"}, "mutable": {"data/x.json": ["/0"]}}},
         (join_pointer(f"{TABLE}/json-guard/mutable", "data/x.json"), "'data/x.json' gained mutable pointer(s) '/0'")),
    ],
    ids=["per-file-ignores", "mutable", "mutable-of-a-new-guard"],
)
def test_a_pattern_the_old_table_did_not_have_is_compared_with_nothing(new: Dict[str, Any], expected: Tuple[str, str]) -> None:
    assert found({}, new) == [expected]


def test_codes_dropped_by_several_keys_name_the_last_changed_one() -> None:
    """The pointer of a codes weakening is the last changed of select, extend-select, ignore (each approves only itself)."""
    old = {"select": ["ANN001", "DOC001"]}
    new = {"select": ["ANN001", "DOC001", "DOC002"], "ignore": ["DOC001"]}
    assert found(old, new) == [(f"{TABLE}/ignore", "the configuration no longer enables 'DOC001'")]
    assert found(old, {"select": ["ANN001"], "extend-select": ["DOC002"]}) == [(f"{TABLE}/extend-select", "the configuration no longer enables 'DOC001'")]


@pytest.mark.parametrize("old, new", [(".claude", None), (None, ".claude"), ("notes", "notes")])
def test_the_same_memory_folder_is_no_move(old: Any, new: Any) -> None:
    assert found({} if old is None else nest("json-guard.memory-dir", old), {} if new is None else nest("json-guard.memory-dir", new)) == []


@pytest.mark.parametrize("old, new", [("Xnotes", "notes"), ("notes", "notesX"), ("notes", "notes/sub")])
def test_every_other_memory_folder_is_a_move(old: str, new: str) -> None:
    assert found(nest("json-guard.memory-dir", old), nest("json-guard.memory-dir", new)) == memory_move(old, new)


@pytest.mark.parametrize("old, new", [("notes/", "notes"), (" notes ", "notes"), ("notes", "notes/")])
def test_the_same_memory_folder_written_differently_is_still_a_change_of_the_key(old: str, new: str) -> None:
    """`memory-dir` is "any change is weaker": the written value is compared; the guarded files stay the same."""
    assert found(nest("json-guard.memory-dir", old), nest("json-guard.memory-dir", new)) == [
        (f"{TABLE}/json-guard/memory-dir", f"'json-guard.memory-dir' changed from {old!r} to {new!r}")
    ]


@pytest.mark.parametrize(
    "value, problem",
    [
        ("/notes", "must be a relative POSIX path inside the project"),
        ("/notes/", "must be a relative POSIX path inside the project"),
        ("../notes", "must be a normalized path inside the project (no '..', '.' or empty segment)"),
    ],
)
def test_a_memory_folder_outside_the_project_is_a_configuration_error(value: str, problem: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config_weakenings({}, nest("json-guard.memory-dir", value), DEFAULT_BASELINE)
    assert str(raised.value) == f"<defaults>: [tool.prefguard] json-guard.memory-dir: {value!r} {problem}"


@pytest.mark.parametrize(
    "old_mode, new_mode, lowered",
    [
        ("off", "off", False),
        ("off", "append-only", False),
        ("append-only", "immutable", False),
        ("append-only", "append-only", False),
        ("immutable", "append-only", True),
        ("immutable", "off", True),
        ("append-only", "off", True),
    ],
)
def test_a_glob_guarded_less_strictly_is_a_weakening(old_mode: str, new_mode: str, lowered: bool) -> None:
    old = {"json-guard": {"files": {"data/*.json": old_mode}}}
    new = {"json-guard": {"files": {"data/*.json": new_mode}}}
    pointer = join_pointer(f"{TABLE}/json-guard/files", "data/*.json")
    expected = [(pointer, f"the glob 'data/*.json' is guarded {new_mode!r} instead of {old_mode!r}")] if lowered else []
    assert found(old, new) == expected


def test_a_mode_the_guard_does_not_know_is_a_configuration_error() -> None:
    """The gate refuses it as CFG001 "cannot be used" (test_guard_attacks.py); the policy builder is what says why."""
    with pytest.raises(ConfigError) as raised:
        build_policies({**DEFAULTS.tables["json-guard"], "files": {"data/*.json": "surely-not-a-mode"}}, ".claude", "pyproject.toml")
    assert "unknown mode" in str(raised.value) and "surely-not-a-mode" in str(raised.value)


def test_a_guarded_path_without_a_mode_before_starts_from_off_or_its_default() -> None:
    assert found({}, {"json-guard": {"files": {"data/*.json": "off"}}}) == []
    assert found({}, {"json-guard": {"files": {"data/x.json": "off"}}}) == []
    assert found({}, {"json-guard": {"files": {".claude/project_concept.json": "off"}}}) == [
        (join_pointer(f"{TABLE}/json-guard/files", ".claude/project_concept.json"),
         ".claude/project_concept.json is guarded 'off' instead of 'immutable' (by '.claude/project_concept.json')")
    ]


@pytest.mark.parametrize("count", [1, 8, 9, 11])
def test_a_long_list_of_codes_names_eight_and_counts_the_rest(count: int) -> None:
    codes = sorted(ALL_CODES)[:count]
    rest = f" and {count - 8} more" if count > 8 else ""
    shown = ", ".join(repr(code) for code in codes[:8])
    assert found({}, {"ignore": codes}) == [(f"{TABLE}/ignore", f"the configuration no longer enables {shown}{rest}")]


@pytest.mark.parametrize(
    "codes, problem",
    [([1, "ANN001"], "expected a code, got 1"), (["ANN001", None], "expected a code, got None"), (["ANN001", "ANN002", ""], "unknown code or prefix ''")],
)
def test_an_entry_that_is_not_a_code_is_a_configuration_error_wherever_it_is(codes: List[Any], problem: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config_weakenings({}, {"ignore": codes}, DEFAULT_BASELINE)
    assert str(raised.value) == f"<defaults>: [tool.prefguard] ignore: {problem}"


def test_several_added_items_are_named_in_order() -> None:
    assert found({"exclude": ["a/**"]}, {"exclude": ["a/**", "c/**", "b/**"]}) == [(f"{TABLE}/exclude", "'exclude' gained 'b/**', 'c/**'")]


def test_the_default_baseline_location_is_no_move() -> None:
    assert config_weakenings({}, {"baseline": DEFAULT_BASELINE}, DEFAULT_BASELINE) == []
    assert config_weakenings({"baseline": DEFAULT_BASELINE}, {}, DEFAULT_BASELINE) == []
