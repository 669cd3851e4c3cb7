"""The pure append-only diff: focused cases plus property tests against an independent oracle."""

from decimal import Decimal
from typing import Any, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.guard.json_guard import (
    MODE_APPEND_ONLY,
    MODE_IMMUTABLE,
    MODE_OFF,
    STRUCTURE_MUTABLE,
    GuardPolicy,
    build_policies,
    diff_values,
    guard_findings,
    is_approved,
    pointer_matches,
)
from checks.config.settings import ConfigError
from checks.guard.strict_json import join_pointer, loads

APPEND = GuardPolicy(MODE_APPEND_ONLY)
IMMUTABLE = GuardPolicy(MODE_IMMUTABLE)
STRUCTURE = GuardPolicy(MODE_APPEND_ONLY, STRUCTURE_MUTABLE)


def violations(old: str, new: str, policy: GuardPolicy = APPEND, approvals: Tuple[str, ...] = ()) -> List[Tuple[str, str]]:
    return [(change.pointer, change.message) for change in diff_values(loads(old), loads(new), policy, approvals)]


def pointers(old: str, new: str, policy: GuardPolicy = APPEND, approvals: Tuple[str, ...] = ()) -> List[str]:
    return [pointer for pointer, _ in violations(old, new, policy, approvals)]


def test_documented_message_shape() -> None:
    assert violations('[{"notes": "a"}]', '[{"notes": "b"}]') == [("/0/notes", "/0/notes changed: 'a' -> 'b'")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('[1, 2]', '[1, 2, 3]'),
        ('{"a": 1}', '{"a": 1, "b": 2}'),
        ('{"a": 1, "b": 2}', '{"b": 2, "a": 1}'),
        ('{"a": 1}', '{"a": 1.0}'),
        ('{"a": 1e2}', '{"a": 100}'),
        ('[{"x": [1]}]', '[{"x": [1, 2], "y": null}, {}]'),
        ('{"modules": [{"name": "m"}]}', '{"modules": [{"name": "m", "critical": true}]}'),
        ('[]', '[{"anything": 1}]'),
        ('"same"', '"same"'),
    ],
)
def test_append_only_accepts_growth(old: str, new: str) -> None:
    assert violations(old, new) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('{"a": 1}', '{"a": true}', ["/a"]),
        ('{"a": true}', '{"a": 1}', ["/a"]),
        ('{"a": 1}', '{"a": "1"}', ["/a"]),
        ('{"a": 0}', '{"a": false}', ["/a"]),
        ('{"a": null}', '{"a": false}', ["/a"]),
        ('{"a": 1e400}', '{"a": 1e401}', ["/a"]),
        ('{"a": 12345678901234567890}', '{"a": 12345678901234567891}', ["/a"]),
        ('{"a": 1, "b": 2}', '{"b": 2}', ["/a"]),
        ('[1, 2, 3]', '[1, 2]', ["/2"]),
        ('[1, 2, 3]', '[2, 3]', ["/0"]),
        ('[1, 2, 3]', '[1, 9, 2, 3]', ["/1"]),
        # A swap: the element that moved to the end was removed at /1 (and appended).
        ('[1, 2, 3]', '[1, 3, 2]', ["/1"]),
        ('{"a": {"b": [1, {"c": "x"}]}}', '{"a": {"b": [1, {"c": "y"}]}}', ["/a/b/1/c"]),
        ('{"a": [1]}', '{"a": {"0": 1}}', ["/a"]),
        ('{"a/b": {"~": 1}}', '{"a/b": {"~": 2}}', ["/a~1b/~0"]),
        ('[1]', '{}', [""]),
    ],
)
def test_append_only_rejects_changes(old: str, new: str, expected: List[str]) -> None:
    assert pointers(old, new) == expected


def test_block_insert_and_remove_are_reported_per_element() -> None:
    assert pointers('[{"a": 1}, {"a": 2}]', '[{"a": 1}, {"z": 0}, {"z": 1}, {"a": 2}]') == ["/1", "/2"]
    assert pointers("[1, 2, 3, 4, 5]", "[1, 4, 5]") == ["/1", "/2"]
    message = violations("[1, 2]", "[1, 7, 2]")[0][1]
    assert message == "/1 inserted (7); new elements may only be appended at the end"


def test_mutable_pointers_of_the_structure_file() -> None:
    old = '{"last_modified": "2025-01-01", "modules": [{"name": "m", "status": "planned", "last_modified": "2025-01-01"}]}'
    new = '{"last_modified": "2025-02-01", "modules": [{"name": "m", "status": "active", "last_modified": "2025-02-01"}]}'
    assert violations(old, new, STRUCTURE) == []
    renamed = new.replace('"name": "m"', '"name": "n"')
    assert pointers(old, renamed, STRUCTURE) == ["/modules/0/name"]
    dropped = '{"last_modified": "2025-02-01", "modules": [{"name": "m", "last_modified": "2025-02-01"}]}'
    assert pointers(old, dropped, STRUCTURE) == ["/modules/0/status"]
    assert pointers(old, '{"last_modified": "x", "modules": []}', STRUCTURE) == ["/modules/0"]


def test_immutable_reports_additions_too() -> None:
    assert pointers('{"a": 1}', '{"a": 1, "b": 2}', IMMUTABLE) == ["/b"]
    assert pointers('{"a": [1]}', '{"a": [1, 2]}', IMMUTABLE) == ["/a/1"]
    assert pointers('{"a": 1, "b": 2}', '{"b": 2, "a": 1.0}', IMMUTABLE) == []
    assert violations('{"v": "x"}', '{"v": "y"}', IMMUTABLE) == [("/v", "/v changed: 'x' -> 'y'")]


def test_off_mode_reports_nothing() -> None:
    assert violations('{"a": 1}', "[]", GuardPolicy(MODE_OFF)) == []


def test_approval_allows_exactly_that_field() -> None:
    old, new = '{"vision": "a", "goals": ["x"]}', '{"vision": "b", "goals": ["y"]}'
    assert pointers(old, new, IMMUTABLE, ("/vision",)) == ["/goals/0"]
    assert pointers(old, new, IMMUTABLE, ("/vision", "/goals")) == []
    assert pointers(old, new, IMMUTABLE, ("/vis",)) == ["/vision", "/goals/0"]
    assert pointers(old, new, IMMUTABLE, ("",)) == []
    assert pointers("[1, 2, 3]", "[1, 3]", APPEND, ("/1",)) == []
    assert pointers("[1, 2, 3]", "[1, 3]", APPEND, ("/2",)) == ["/1"]
    assert pointers('{"a": 1, "b": 2}', '{"b": 2}', APPEND, ("/a",)) == []


def test_approved_insertion_is_accepted_under_the_shift_explanation() -> None:
    assert pointers("[1, 2]", "[0, 1, 2]", APPEND, ("/0",)) == []


def test_relaxed_merge_comparison_accepts_interleaving_but_not_loss() -> None:
    parent = loads('[{"e": 1}, {"e": 2}, {"e": 4}]')
    union = loads('[{"e": 1}, {"e": 2}, {"e": 3}, {"e": 4}]')
    assert diff_values(parent, union, APPEND, relaxed=True) == []
    lost = loads('[{"e": 1}, {"e": 2}, {"e": 3}]')
    found = diff_values(parent, lost, APPEND, relaxed=True)
    assert [change.pointer for change in found] == ["/2"]
    assert "missing" in found[0].message


def test_pointer_patterns_and_approvals() -> None:
    assert pointer_matches("/modules/*/status", "/modules/12/status")
    assert not pointer_matches("/modules/*/status", "/modules/1/2/status")
    assert not pointer_matches("/modules/*/status", "/modules/1/statusx")
    assert is_approved("/a/b/c", ["/a/b"])
    assert not is_approved("/a/bc", ["/a/b"])
    assert is_approved("/anything", [""])


def test_findings_carry_pointer_commit_and_position() -> None:
    text = '[\n  {"notes": "a"},\n  {"notes": "b"}\n]\n'
    changes = diff_values(loads('[{"notes": "a"}, {"notes": "x"}]'), loads(text), APPEND)
    findings = guard_findings("data/log.json", changes, APPEND, text, commit="abc123")
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.code, finding.pointer, finding.commit) == ("JSN001", "/1/notes", "abc123")
    assert (finding.line, finding.column) == (3, 4)
    assert "Prefguard-Approve: data/log.json#/1/notes" in finding.message
    immutable = guard_findings("c.json", diff_values({"a": 1}, {"a": 2}, IMMUTABLE), IMMUTABLE, None)
    assert immutable[0].code == "JSN002"


def test_policies_from_configuration() -> None:
    policies = build_policies({"files": {"data/*.json": "append-only", "locked.json": "immutable"}, "mutable": {"data/*.json": ["/meta/*"]}}, ".claude")
    assert policies.policy_for("data/a.json") == GuardPolicy(MODE_APPEND_ONLY, ("/meta/*",))
    assert policies.policy_for("locked.json").mode == MODE_IMMUTABLE
    assert policies.policy_for(".claude/project_concept.json").mode == MODE_IMMUTABLE
    assert policies.policy_for(".claude/project_log.json") == GuardPolicy(MODE_APPEND_ONLY)
    assert policies.policy_for(".claude/project_structure.json").mutable == STRUCTURE_MUTABLE
    assert policies.policy_for("other.json") is None
    off = build_policies({"files": {".claude/project_log.json": "off"}}, ".claude")
    assert off.policy_for(".claude/project_log.json") is None
    with pytest.raises(ConfigError, match="unknown mode"):
        build_policies({"files": {"a.json": "sometimes"}}, ".claude")
    with pytest.raises(ConfigError, match="RFC 6901"):
        build_policies({"mutable": {"a.json": ["status"]}}, ".claude")


def test_no_crash_on_deep_nesting() -> None:
    deep_old: Any = 1
    deep_new: Any = 2
    for _ in range(5000):
        deep_old, deep_new = [deep_old], [deep_new]
    found = diff_values(deep_old, deep_new, APPEND)
    assert len(found) == 1


# Property tests against an independent oracle.


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "bool"
    if type(value) in (int, Decimal):
        return "number"
    if type(value) is str:
        return "string"
    if type(value) is list:
        return "array"
    return "object"


def oracle_equal(old: Any, new: Any) -> bool:
    if kind(old) != kind(new):
        return False
    if kind(old) == "number":
        return Decimal(str(old)) == Decimal(str(new))
    if kind(old) == "array":
        return len(old) == len(new) and all(oracle_equal(a, b) for a, b in zip(old, new))
    if kind(old) == "object":
        return sorted(old) == sorted(new) and all(oracle_equal(old[key], new[key]) for key in old)
    return old == new


def oracle_append_only(old: Any, new: Any) -> bool:
    if kind(old) != kind(new):
        return False
    if kind(old) == "array":
        return len(new) >= len(old) and all(oracle_append_only(a, b) for a, b in zip(old, new))
    if kind(old) == "object":
        return all(key in new and oracle_append_only(old[key], new[key]) for key in old)
    return oracle_equal(old, new)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.integers(min_value=10**20, max_value=10**20 + 3),
    st.sampled_from([Decimal("1.0"), Decimal("0.5"), Decimal("1E+400"), Decimal("1E+401"), Decimal("-0.0")]),
    st.sampled_from(["", "a", "b", "1", "true"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["a", "b", "c", "d/e", "~"]), children, max_size=4),
    ),
    max_leaves=16,
)


@st.composite
def grown(draw: Any, value: Any) -> Any:
    """An append-only successor: keys added, elements appended, children grown, scalars kept."""
    if isinstance(value, dict):
        result = {key: draw(grown(item)) for key, item in value.items()}
        for key in draw(st.lists(st.sampled_from(["n1", "n2", "n3"]), max_size=2)):
            result[key] = draw(VALUES)
        keys = list(result)
        order = draw(st.permutations(keys))
        return {key: result[key] for key in order}
    if isinstance(value, list):
        result = [draw(grown(item)) for item in value]
        result.extend(draw(st.lists(VALUES, max_size=2)))
        return result
    if isinstance(value, int) and not isinstance(value, bool) and draw(st.booleans()):
        return Decimal(value)
    return value


def paths_of(value: Any, pointer: str = "", route: Tuple[Any, ...] = ()) -> List[Tuple[str, Tuple[Any, ...]]]:
    result = [(pointer, route)]
    if isinstance(value, dict):
        for key, item in value.items():
            result.extend(paths_of(item, join_pointer(pointer, key), route + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            result.extend(paths_of(item, join_pointer(pointer, index), route + (index,)))
    return result


def replaced(value: Any, route: Tuple[Any, ...], function: Any) -> Any:
    if not route:
        return function(value)
    head, rest = route[0], route[1:]
    if isinstance(value, dict):
        copy = dict(value)
        copy[head] = replaced(value[head], rest, function)
        return copy
    copy = list(value)
    copy[head] = replaced(value[head], rest, function)
    return copy


def get(value: Any, route: Tuple[Any, ...]) -> Any:
    for step in route:
        value = value[step]
    return value


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_append_only_edits_are_accepted(data: Any) -> None:
    old = data.draw(VALUES)
    new = data.draw(grown(old))
    assert oracle_append_only(old, new)
    assert diff_values(old, new, APPEND) == []


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.data())
def test_destructive_edits_are_rejected_at_their_pointer(data: Any) -> None:
    old = data.draw(VALUES)
    pointer, route = data.draw(st.sampled_from(paths_of(old)))
    target = get(old, route)
    options = ["type"]
    if kind(target) not in ("array", "object"):
        options.append("scalar")
    if isinstance(target, dict) and target:
        options.append("remove-key")
    if isinstance(target, list) and target:
        options.append("remove-element")
    edit = data.draw(st.sampled_from(options))
    if edit == "scalar":
        replacement = data.draw(SCALARS.filter(lambda value: not oracle_equal(target, value)))
        new = replaced(old, route, lambda _: replacement)
        expected = pointer
    elif edit == "type":
        replacement = data.draw(VALUES.filter(lambda value: kind(value) != kind(target)))
        new = replaced(old, route, lambda _: replacement)
        expected = pointer
    elif edit == "remove-key":
        key = data.draw(st.sampled_from(sorted(target)))
        new = replaced(old, route, lambda value: {k: v for k, v in value.items() if k != key})
        expected = join_pointer(pointer, key)
    else:
        index = data.draw(st.integers(min_value=0, max_value=len(target) - 1))
        new = replaced(old, route, lambda value: value[:index] + value[index + 1 :])
        expected = None
    if expected is not None:
        new = data.draw(grown(new))
    assert not oracle_append_only(old, new)
    found = diff_values(old, new, APPEND)
    assert found, (old, new)
    reported = [change.pointer for change in found]
    if expected is not None:
        assert any(expected == found or expected.startswith(found + "/") for found in reported), (reported, expected)
    else:
        removed = target[index]
        siblings = [
            p for p in reported
            if p.startswith(pointer + "/") and "/" not in p[len(pointer) + 1 :]
        ]
        assert any(oracle_equal(target[int(p.rsplit("/", 1)[1])], removed) for p in siblings), (reported, pointer)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.data())
def test_guard_agrees_with_the_oracle_on_arbitrary_pairs(data: Any) -> None:
    old = data.draw(VALUES)
    if data.draw(st.booleans()):
        new = data.draw(VALUES)
    else:
        pointer, route = data.draw(st.sampled_from(paths_of(old)))
        target = get(old, route)
        if isinstance(target, list) and target:
            index = data.draw(st.integers(min_value=0, max_value=len(target) - 1))
            extra = data.draw(VALUES)
            new = replaced(old, route, lambda value: value[:index] + [extra] + value[index:])
        else:
            new = replaced(old, route, lambda _: data.draw(VALUES))
    assert (diff_values(old, new, APPEND) == []) == oracle_append_only(old, new)
    assert (diff_values(old, new, IMMUTABLE) == []) == oracle_equal(old, new)
    for change in diff_values(old, new, APPEND):
        assert change.pointer == "" or change.pointer.startswith("/")
        assert change.message


@settings(max_examples=200, deadline=None)
@given(VALUES, VALUES, st.lists(st.sampled_from(["", "/a", "/0", "/b/1", "/*"]), max_size=3), st.booleans())
def test_no_input_crashes_the_diff(old: Any, new: Any, approvals: List[str], relaxed: bool) -> None:
    policy = GuardPolicy(MODE_APPEND_ONLY, ("/*", "/a/*/b"))
    for current in (policy, IMMUTABLE, APPEND):
        for change in diff_values(old, new, current, approvals, relaxed):
            assert isinstance(change.message, str)


# ======================================================================
# Array alignment: removals named where they happened, bounded work


def log_entries(count: int, tag: str = "e") -> List[Any]:
    return [{"requested": f"{tag} {index}", "notes": ""} for index in range(count)]


def test_a_deleted_entry_is_reported_removed_at_its_own_pointer() -> None:
    old = log_entries(6)
    new = old[:2] + old[3:] + [{"requested": "appended", "notes": ""}]
    changes = diff_values(old, new, APPEND)
    assert [(change.pointer, change.kind) for change in changes] == [("/2", "removed")]
    assert changes[0].message.startswith("/2 removed (was {'requested': 'e 2'")
    # Acceptance stays positional (in place or one block, as the fuzz oracle states): the later entries
    # moved up, so approving the removal alone still leaves them changed; approving the array accepts it.
    assert [c.pointer for c in diff_values(old, new, APPEND, ("/2",))] == ["/3/requested", "/4/requested", "/5/requested"]
    assert diff_values(old, new, APPEND, ("",)) == []


def test_a_deletion_and_an_edit_are_told_apart() -> None:
    old = log_entries(8)
    new = [dict(entry) for entry in old[:2] + old[3:]]
    new[4]["notes"] = "rewritten"
    changes = diff_values(old, new, APPEND)
    assert [(change.pointer, change.kind) for change in changes] == [("/2", "removed"), ("/4/notes", "changed")]


def test_an_insertion_before_the_end_is_named_at_its_new_index() -> None:
    old = log_entries(5)
    new = old[:3] + [{"requested": "sneaked in", "notes": ""}] + old[3:] + [{"requested": "appended", "notes": ""}]
    assert [(c.pointer, c.kind) for c in diff_values(old, new, APPEND)] == [("/3", "inserted")]
    assert [(c.pointer, c.kind) for c in diff_values(old, new, IMMUTABLE)] == [("/3", "inserted"), ("/6", "added")]


def test_repeated_equal_entries_align() -> None:
    same = {"requested": "same", "notes": ""}
    assert diff_values([same, same], [same, same, same], APPEND) == []
    assert [c.pointer for c in diff_values([same, {"x": 1}, same], [same, same], APPEND)] == ["/1"]


def test_a_merge_judgement_spends_bounded_comparisons(monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.guard.json_guard as json_guard

    calls: List[int] = []
    original = json_guard._Differ.contains

    def counting(self: Any, old: Any, new: Any, pointer: str) -> bool:
        calls.append(1)
        return original(self, old, new, pointer)

    monkeypatch.setattr(json_guard._Differ, "contains", counting)
    parent = log_entries(3000, "parent")
    merged = log_entries(3000, "other")
    changes = diff_values(parent, merged, APPEND, relaxed=True)
    assert [c.pointer for c in changes] == [join_pointer("", index) for index in range(3000)]
    bound = json_guard.FUZZY_FACTOR * 6000 + json_guard.FUZZY_FLOOR
    assert len(calls) == bound
    assert changes[-1].note == " (not found within the comparison bound of a merge)"
    assert changes[0].note == ""
    # Within the bound the policy's own comparison still finds a kept entry whose mutable field changed.
    structure_old = [{"name": f"m{index}", "status": "new"} for index in range(3)]
    structure_new = [{"name": "other", "status": "x"}] + [{"name": f"m{index}", "status": "done"} for index in range(3)]
    assert diff_values(structure_old, structure_new, GuardPolicy(MODE_APPEND_ONLY, ("/*/status",)), relaxed=True) == []
