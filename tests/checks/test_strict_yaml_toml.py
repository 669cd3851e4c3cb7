"""Strict YAML and TOML readers of the guard: the JSON data model, positions, and refusals."""

from decimal import Decimal

import pytest

from checks.guard import strict_yaml
from checks.guard.documents import document_format, load_document, locate_in_document
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
        "when": "2025-01-02",
        "rate": Decimal("0.1"),
        "flags": [True, None],
        "1": "one",
        "raw": "aGk=",
    }


def test_toml_values_come_back_in_the_json_model() -> None:
    text = 'when = 2025-01-02T03:04:05Z\nrate = 0.25\n[[runs]]\nname = "a"\n'
    assert load_document("s.toml", text) == {
        "when": "2025-01-02T03:04:05+00:00",
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
