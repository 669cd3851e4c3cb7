"""The pure baseline logic: fingerprints, the file format, counted matching, pruning and the gate."""

import json
from typing import List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.baseline.baseline_file import (
    Baseline,
    BaselineError,
    baseline_from_keys,
    parse_baseline,
    render_baseline,
)
from checks.baseline.changed_scope import FileChangeLines, changed_line_numbers, in_change
from checks.baseline.config_gate import config_weakenings
from checks.baseline.fingerprint import FindingKey, finding_context, finding_key, split_lines
from checks.baseline.gate import added_entries
from checks.baseline.matching import follow_renames, match_findings, prune, stale_count
from checks.engine.finding import Finding

SOURCE = "import os\ndef f(a):\n    try:\n        return a\n    except:\n        pass\n"


def finding(code: str, line: int, message: str = "m", path: str = "m.py") -> Finding:
    return Finding(code, path, line, 1, line, 2, message)


def keyed(findings: List[Finding], text: str, path: str = "m.py") -> List[Tuple[Finding, FindingKey]]:
    lines = split_lines(text.encode("utf-8"))
    return [(item, finding_key(item, path, lines)) for item in findings]


def test_fingerprint_survives_insertions_and_reindentation_but_not_an_edit_of_its_line() -> None:
    original = finding_key(finding("EXC001", 5), "m.py", split_lines(SOURCE.encode("utf-8")))
    shifted = split_lines(("# note\n\n" + SOURCE.replace("    except:", "  except :")).encode("utf-8"))
    assert finding_key(finding("EXC001", 7), "m.py", shifted) == original
    edited = split_lines(SOURCE.replace("except:", "except:  # broad").encode("utf-8"))
    assert finding_key(finding("EXC001", 5), "m.py", edited) != original


def test_whole_file_findings_ignore_their_line() -> None:
    first = finding_key(finding("HDR001", 1), "m.py", [b"import os"])
    assert finding_key(finding("HDR001", 1), "m.py", [b"# comment", b"import os"]) == first


def test_identical_findings_are_counted_not_collapsed() -> None:
    text = "try:\n    pass\nexcept:\n    pass\ntry:\n    pass\nexcept:\n    pass\n"
    recorded = baseline_from_keys([(key, item.message) for item, key in keyed([finding("EXC001", 3)], text)])
    result = match_findings(keyed([finding("EXC001", 3), finding("EXC001", 7)], text), recorded)
    assert [item.line for item in result.reported] == [7]
    assert result.accepted == 1


def test_render_is_sorted_stable_and_round_trips() -> None:
    keys = [(FindingKey("b.py", "ANN001", "0" * 16), "x"), (FindingKey("a.py", "DOC002", "1" * 16), "y \"quoted\"")]
    text = render_baseline(baseline_from_keys(keys + keys[:1]))
    data = json.loads(text)
    assert list(data["files"]) == ["a.py", "b.py"]
    assert data["version"] == 2
    assert data["files"]["b.py"] == {f"ANN001 {'0' * 16}": [2, "x", []]}
    assert text.count("\n") == 12
    assert render_baseline(parse_baseline(text.encode("utf-8"))) == text
    assert parse_baseline(render_baseline(Baseline({}, {})).encode("utf-8")).counts == {}


GOOD_KEY = f"ANN001 {'0' * 16}"


def document(files: str, version: int = 1, name: str = "prefguard-baseline") -> str:
    return f'{{"format": "{name}", "version": {version}, "files": {files}}}'


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "empty"),
        (document("{"), "not valid JSON"),
        ('{"format": "prefguard-baseline", "version": 1, "version": 1, "files": {}}', "duplicate"),
        (document(f'{{"x.py": {{"{GOOD_KEY}": [1, ""], "{GOOD_KEY}": [2, ""]}}}}'), "duplicate"),
        (document("{}", version=7), "unknown format version 7"),
        (document("{}", name="other"), "not a prefguard baseline"),
        (document("[]"), "'files' is missing or not an object"),
        (document(f'{{"../x.py": {{"{GOOD_KEY}": [1, ""]}}}}'), "leaves the project"),
        (document(f'{{"/etc/x.py": {{"{GOOD_KEY}": [1, ""]}}}}'), "not a relative"),
        (document(f'{{"x.py": {{"{GOOD_KEY}": [0, ""]}}}}'), "positive count"),
        (document('{"x.py": {"ANN001": [1, ""]}}'), "is not 'CODE FINGERPRINT'"),
        (document('{"x.py": []}'), "is not an object"),
        (document(f'{{"x.py": {{"{GOOD_KEY}": [1, "", []]}}}}'), "is not \\[count, message\\]"),
        (document(f'{{"x.py": {{"{GOOD_KEY}": [1, ""]}}}}', version=2), "is not \\[count, message, contexts\\]"),
        (document(f'{{"x.py": {{"{GOOD_KEY}": [1, "", ["0a1b2c3d", "0a1b2c3d"]]}}}}', version=2), "at most 1 hashes"),
        (document(f'{{"x.py": {{"{GOOD_KEY}": [1, "", ["XYZ"]]}}}}', version=2), "at most 1 hashes"),
        ('{"format": "prefguard-baseline", "version": true, "files": {}}', "unknown format version True"),
    ],
)
def test_bad_baselines_are_rejected_with_the_reason(text: str, problem: str) -> None:
    with pytest.raises(BaselineError, match=problem):
        parse_baseline(text.encode("utf-8"))


def test_prune_removes_gone_findings_and_never_adds() -> None:
    gone = FindingKey("a.py", "ANN001", "0" * 16)
    kept = FindingKey("a.py", "DOC002", "1" * 16)
    other = FindingKey("b.py", "DOC002", "1" * 16)
    deleted = FindingKey("c.py", "DOC002", "1" * 16)
    baseline = Baseline({gone: 2, kept: 1, other: 1, deleted: 1}, {})
    observed = {gone: 1, kept: 3, FindingKey("a.py", "EXC001", "2" * 16): 1}
    assert stale_count(baseline, observed, {"a.py"}, {"c.py"}) == 2
    pruned = prune(baseline, observed, {"a.py"}, {"c.py"})
    assert pruned.counts == {gone: 1, kept: 1, other: 1}


def test_renames_move_entries_and_are_not_additions() -> None:
    key = FindingKey("old.py", "ANN001", "0" * 16)
    old = Baseline({key: 2}, {key: "m"})
    moved = follow_renames(old, {"old.py": "new.py"})
    assert moved.counts == {FindingKey("new.py", "ANN001", "0" * 16): 2}
    assert added_entries(old, moved, {"old.py": "new.py"}) == []
    grown = Baseline({FindingKey("new.py", "ANN001", "0" * 16): 3}, {})
    assert [entry.added for entry in added_entries(old, grown, {"old.py": "new.py"})] == [1]
    assert [entry.added for entry in added_entries(old, moved, {})] == [2]
    # A deleted file's entries never land on another file: only the recorded rename carries them.
    assert [entry.added for entry in added_entries(old, moved, {"old.py": "other.py"})] == [2]


def test_changed_lines_and_spans() -> None:
    old = ["a", "b", "c", "d"]
    new = ["x", "a", "b", "C", "d", "e"]
    assert changed_line_numbers(old, new) == frozenset({1, 4, 6})
    change = FileChangeLines(is_new=False, lines=frozenset({4}))
    assert in_change(Finding("EXC001", "m.py", 3, 1, 5, 1, "m"), change)
    assert not in_change(Finding("EXC001", "m.py", 5, 1, 7, 1, "m"), change)
    assert not in_change(Finding("EXC001", "m.py", 2, 1, 4, 1, "m"), change)
    assert in_change(finding("STB001", 1), change)
    assert not in_change(finding("ANN001", 1), None)


@pytest.mark.parametrize(
    "old, new, pointer",
    [
        ({}, {"ignore": ["ANN001"]}, "/tool/prefguard/ignore"),
        ({"select": []}, {"select": ["DOC"]}, "/tool/prefguard/select"),
        ({"select": ["DOC"], "extend-select": ["ANN"]}, {"select": ["DOC"]}, "/tool/prefguard/extend-select"),
        ({}, {"per-file-ignores": {"tests/**": ["DOC"]}}, "/tool/prefguard/per-file-ignores/tests~1**"),
        ({"exclude": ["a/**"]}, {"exclude": ["a/**", "b/**"]}, "/tool/prefguard/exclude"),
        ({}, {"header": {"exempt": ["src/**"]}}, "/tool/prefguard/header/exempt"),
        ({}, {"json-guard": {"files": {".claude/project_log.json": "off"}}}, "/tool/prefguard/json-guard/files/.claude~1project_log.json"),
        ({"json-guard": {"files": {"data/*.json": "immutable"}}}, {"json-guard": {"files": {"data/*.json": "append-only"}}},
         "/tool/prefguard/json-guard/files/data~1*.json"),
        ({}, {"baseline": "other.json"}, "/tool/prefguard/baseline"),
    ],
)
def test_config_weakenings_name_their_pointer(old: dict, new: dict, pointer: str) -> None:
    assert [item.pointer for item in config_weakenings(old, new, ".prefguard-baseline.json")] == [pointer]


@pytest.mark.parametrize(
    "old, new",
    [
        ({"ignore": ["ANN001"]}, {}),
        ({}, {"select": ["ALL"]}),
        ({"per-file-ignores": {"tests/**": ["DOC", "ANN"]}}, {"per-file-ignores": {"tests/**": ["DOC"]}}),
        ({"exclude": ["a/**", "b/**"]}, {"exclude": ["a/**"]}),
        ({}, {"json-guard": {"files": {"data/*.json": "append-only"}}}),
        (None, {"header": {"year": 2026}}),
    ],
)
def test_tightening_needs_no_approval(old: dict, new: dict) -> None:
    assert config_weakenings(old, new, ".prefguard-baseline.json") == []


LINES = st.lists(st.sampled_from(["x = 1", "", "# note", "y = f(x)", "    pass", "def g():"]), max_size=6)


@settings(max_examples=150, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 40), st.booleans(), LINES), max_size=6))
def test_edits_elsewhere_never_change_which_baselined_findings_match(edits: List[Tuple[int, bool, List[str]]]) -> None:
    lines = ["import os", "def f(a):", "    try:", "        return a", "    except:", "        pass", "def h(b):", "    return b"]
    flagged = {2: "ANN001", 5: "EXC001", 7: "ANN001"}
    findings = [finding(code, line) for line, code in sorted(flagged.items())]
    recorded = baseline_from_keys([(key, item.message) for item, key in keyed(findings, "\n".join(lines))])
    current = list(lines)
    positions = {line: line for line in flagged}
    for place, delete, inserted in edits:
        protected = {position - 1 for position in positions.values()}
        index = place % (len(current) + 1)
        if delete and index < len(current) and index not in protected:
            del current[index]
            positions = {key: value - 1 if value - 1 > index else value for key, value in positions.items()}
        else:
            current[index:index] = inserted
            positions = {key: value + len(inserted) if value - 1 >= index else value for key, value in positions.items()}
    moved = [finding(flagged[line], positions[line]) for line in sorted(flagged)]
    result = match_findings(keyed(moved, "\n".join(current)), recorded)
    assert result.reported == []
    assert result.accepted == len(flagged)


def test_contexts_round_trip_and_decide_which_identical_finding_is_accepted() -> None:
    text = "def f():\n    try:\n        pass\n    except:\n        pass\n\n\ndef g():\n    try:\n        pass\n    except:\n        pass\n"
    lines = split_lines(text.encode("utf-8"))
    original = finding("EXC001", 11)
    key = finding_key(original, "m.py", lines)
    recorded = baseline_from_keys([(key, "m")], [finding_context(original, lines)])
    assert parse_baseline(render_baseline(recorded).encode("utf-8")) == recorded
    copy = finding("EXC001", 4)
    assert finding_key(copy, "m.py", lines) == key and finding_context(copy, lines) != finding_context(original, lines)
    result = match_findings([(copy, key), (original, key)], recorded, [finding_context(copy, lines), finding_context(original, lines)])
    assert [item.line for item in result.reported] == [4]
    assert [item.line for item in match_findings([(copy, key), (original, key)], recorded).reported] == [11]
    pruned = prune(recorded, {key: 0}, {"m.py"}, set(), {key: ()})
    assert pruned.counts == {} and pruned.contexts == {}
