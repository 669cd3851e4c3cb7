"""Strict YAML and TOML readers of the guard: the JSON data model, positions, and refusals."""

from decimal import Decimal

import pytest

from checks.guard import strict_yaml
from checks.guard.documents import document_format, load_document, locate_in_document
from checks.guard.json_guard import MODE_APPEND_ONLY, GuardPolicy, diff_values
from checks.guard.json_model import TypedScalar
from checks.guard.strict_json import StrictJsonError


@pytest.mark.parametrize(
    ("path", "kind"),
    [("configs/a.yaml", "yaml"), ("B.YML", "yaml"), ("state.toml", "toml"), (".claude/log.json", "json"), ("x", "json")],
)
def test_format_follows_the_file_name(path: str, kind: str) -> None:
    assert document_format(path) == kind


def test_yaml_values_come_back_in_the_json_model() -> None:
    text = "when: 2025-01-02\nrate: 0.1\nflags: [true, null]\n1: one\nraw: !!binary aGk=\n"
    assert load_document("c.yaml", text) == {
        "when": TypedScalar("date", "2025-01-02"),
        "rate": Decimal("0.1"),
        "flags": [True, None],
        "1": "one",
        "raw": TypedScalar("binary", "aGk="),
    }


def test_toml_values_come_back_in_the_json_model() -> None:
    text = 'when = 2025-01-02T03:04:05Z\nrate = 0.25\n[[runs]]\nname = "a"\n'
    assert load_document("s.toml", text) == {
        "when": TypedScalar("datetime", "2025-01-02T03:04:05+00:00"),
        "rate": Decimal("0.25"),
        "runs": [{"name": "a"}],
    }


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a'", 3),
        ("a:\n  x: 1\n  x: 2\n", "duplicate key 'x'", 3),
        ("a: 1\n---\nb: 2\n", "more than one document", 2),
        ("a: [1, 2\n", "malformed YAML", 2),
        ("1: a\n'1': b\n", "collide", 1),
        ("\ufeffa: 1\n", "byte order mark", 1),
    ],
)
def test_unsafe_yaml_is_refused_with_its_position(text: str, message: str, line: int) -> None:
    with pytest.raises(StrictJsonError) as caught:
        load_document("c.yaml", text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_yaml_tags_that_run_code_are_refused() -> None:
    with pytest.raises(StrictJsonError):
        load_document("c.yaml", "x: !!python/object/apply:os.system ['true']\n")


def test_an_alias_bomb_stops_at_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strict_yaml, "MAX_NODES", 5_000)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 6):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    with pytest.raises(StrictJsonError) as caught:
        load_document("bomb.yaml", "\n".join(lines) + "\n")
    assert "expands past 5000 values" in caught.value.message


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a = 1\na = 2\n", "malformed TOML", 2),
        ("[t]\nx = 1\n[t]\ny = 2\n", "malformed TOML", 3),
        ("a = \n", "malformed TOML", 1),
    ],
)
def test_unsafe_toml_is_refused_with_its_position(text: str, message: str, line: int) -> None:
    with pytest.raises(StrictJsonError) as caught:
        load_document("s.toml", text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_yaml_pointers_are_placed_at_their_keys_and_items() -> None:
    text = "model:\n  layers: 4\nschedule:\n  - warmup\n  - cosine\n"
    positions = locate_in_document("c.yaml", text, ["/model/layers", "/schedule/1", "/model/gone", "/absent"])
    assert positions == {"/model/layers": (2, 3), "/schedule/1": (5, 5), "/model/gone": (1, 1), "/absent": (1, 1)}


def test_toml_pointers_are_placed_at_their_key_lines() -> None:
    text = '[tool]\nname = "x"\n\n[tool.sub]\nsteps = 3\n"odd key" = 1\n'
    positions = locate_in_document("p.toml", text, ["/tool/sub/steps", "/tool/name", "/tool/sub", "/tool/sub/odd key"])
    assert positions == {"/tool/sub/steps": (5, 1), "/tool/name": (2, 1), "/tool/sub": (4, 1), "/tool/sub/odd key": (6, 1)}


# ======================================================================
# Exact values: numbers, dates and special values compare like JSON


def changed(path: str, before: str, after: str) -> list:
    return [change.message for change in diff_values(load_document(path, before), load_document(path, after), GuardPolicy(MODE_APPEND_ONLY))]


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        ("s.toml", "rate = 0.1\n", "rate = 0.1000000000000000055511151231257827\n"),
        ("c.yaml", "rate: 0.1\n", "rate: 0.1000000000000000055511151231257827\n"),
        ("c.yaml", "rate: -190:20:30.15\n", "rate: -190:20:30.150000000000000000000000000001\n"),
        ("s.toml", "big = 1e400\n", "big = 1e401\n"),
        ("c.yaml", "when: 2025-01-02\n", 'when: "2025-01-02"\n'),
        ("s.toml", "when = 2025-01-02\n", 'when = "2025-01-02"\n'),
        ("s.toml", "when = 1979-05-27T07:32:00\n", "when = 1979-05-27T07:32:00Z\n"),
        ("s.toml", "at = 07:32:00\n", "at = 07:32:01\n"),
        ("c.yaml", "t: 2001-12-14 21:59:43.1234567\n", "t: 2001-12-14 21:59:43.1234568\n"),
        ("c.yaml", "t: 2001-12-14t21:59:43.10-05:00\n", "t: 2001-12-14t21:59:43.10-04:00\n"),
        ("c.yaml", "x: .inf\n", 'x: "inf"\n'),
        ("c.yaml", "x: .inf\n", "x: -.inf\n"),
        ("s.toml", "x = inf\n", 'x = "+inf"\n'),
        ("s.toml", "x = nan\n", "x = -nan\n"),
        ("s.toml", "x = nan\n", "x = 0.0\n"),
        ("c.yaml", "raw: !!binary aGk=\n", "raw: aGk=\n"),
    ],
)
def test_yaml_and_toml_values_compare_exactly(path: str, before: str, after: str) -> None:
    assert len(changed(path, before, after)) == 1
    assert changed(path, before, before) == []


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        ("s.toml", "x = 1.0\n", "x = 1\n"),
        ("s.toml", "x = 1e2\n", "x = 100.0\n"),
        ("s.toml", "x = 1_000.5\n", "x = 1000.50\n"),
        ("c.yaml", "x: 1_000.5\n", "x: 1000.50\n"),
        ("c.yaml", "x: 190:20:30.15\n", "x: 685230.15\n"),
        ("s.toml", "x = inf\n", "x = +inf\n"),
        ("s.toml", "x = nan\n", "x = +nan\n"),
        ("c.yaml", "x: .NaN\n", "x: .nan\n"),
        ("s.toml", "t = 1979-05-27T07:32:00Z\n", "t = 1979-05-27T07:32:00+00:00\n"),
        ("c.yaml", "t: 2001-12-14t21:59:43.10-05:00\n", "t: 2001-12-14 21:59:43.1 -5\n"),
        ("c.yaml", "t: 2001-12-14 21:59:43\n", "t: 2001-12-14T21:59:43Z\n"),
    ],
)
def test_equal_values_written_differently_are_not_changes(path: str, before: str, after: str) -> None:
    assert changed(path, before, after) == []


def test_exact_numbers_keep_every_digit() -> None:
    assert load_document("s.toml", "r = 0.1000000000000000055511151231257827\n") == {"r": Decimal("0.1000000000000000055511151231257827")}
    assert load_document("c.yaml", "r: -0.1000000000000000055511151231257827777\n") == {"r": Decimal("-0.1000000000000000055511151231257827777")}
    assert changed("c.yaml", "x: 2025-01-02\n", 'x: "2025-01-02"\n') == ["/x changed: 2025-01-02 -> '2025-01-02' (date -> string)"]
