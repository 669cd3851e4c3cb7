"""Strict JSON reading: every unsafe input is an error with a position, never accepted, never a crash."""

import json
from decimal import Decimal
from typing import Any, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.guard.json_guard import json_equal
from checks.guard.strict_json import (
    StrictJsonError,
    dumps,
    is_valid_pointer,
    join_pointer,
    line_column,
    loads,
    loads_bytes,
    locate,
    split_pointer,
)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ('{"a": 1, "a": 2}', 1, 10, "duplicate key 'a'"),
        ('{\n  "x": {\n    "b": 1,\n    "b": 1\n  }\n}', 4, 5, "duplicate key 'b'"),
        ('[1, {"k": [{"z": 0, "z": 0}]}]', 1, 21, "duplicate key 'z'"),
        ("[1,\n NaN]", 2, 2, "non-finite number NaN"),
        ('{"v": Infinity}', 1, 7, "non-finite number Infinity"),
        ('{"v": [-Infinity]}', 1, 8, "non-finite number -Infinity"),
        ('{"a" 1}', 1, 6, "Expecting ':' delimiter"),
        ("[1, 2", 1, 6, "malformed JSON"),
        ("", 1, 1, "Expecting value"),
        ("[1] [2]", 1, 5, "Extra data"),
        ("{'a': 1}", 1, 2, "property name"),
        ('["tab\there"]', 1, 6, "malformed JSON"),
        ("[1,]", 1, 4, "malformed JSON"),
        ("\ufeff[]", 1, 1, "byte order mark"),
    ],
)
def test_unsafe_text_is_an_error_with_position(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(StrictJsonError) as caught:
        loads(text)
    assert fragment in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)


@pytest.mark.parametrize(
    ("data", "line", "column", "fragment"),
    [
        (b"\xef\xbb\xbf{}", 1, 1, "UTF-8 byte order mark"),
        (b"\xff\xfe[\x00]\x00", 1, 1, "UTF-16 byte order mark"),
        (b"\x00\x00\xfe\xff", 1, 1, "UTF-32 byte order mark"),
        (b'{"a":\n  "caf\xe9"}', 2, 7, "invalid UTF-8"),
        (b'["\xc3\xa9", "\xc3"]', 1, 8, "invalid UTF-8"),
    ],
)
def test_unsafe_bytes_are_an_error_with_position(data: bytes, line: int, column: int, fragment: str) -> None:
    with pytest.raises(StrictJsonError) as caught:
        loads_bytes(data)
    assert fragment in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(StrictJsonError) as caught:
        loads("[" * 100000 + "]" * 100000)
    assert "nesting" in caught.value.message


def test_numbers_keep_their_exact_value() -> None:
    assert loads("1") == loads("1.0")
    assert loads("1e400") != loads("1e401")
    assert loads("123456789012345678901234567890") != loads("123456789012345678901234567891")
    assert loads("0.1") == Decimal("0.1")
    assert isinstance(loads("7"), int)
    huge = "9" * 5000
    assert loads(huge) == Decimal(huge)
    assert loads(huge) != loads("9" * 4999 + "8")


def test_type_strict_equality() -> None:
    assert not json_equal(loads("true"), loads("1"))
    assert not json_equal(loads("[1]"), loads("[true]"))
    assert not json_equal(loads("1"), loads('"1"'))
    assert not json_equal(loads("0"), loads("false"))
    assert not json_equal(loads("null"), loads("false"))
    assert json_equal(loads('{"a": 1, "b": [1.0]}'), loads('{"b": [1], "a": 1.00}'))


def test_utf8_text_and_escapes_are_accepted() -> None:
    assert loads_bytes('{"name": "Cluj-Napoca ăîșț"}'.encode("utf-8")) == {"name": "Cluj-Napoca ăîșț"}
    assert loads('"\\u00e9"') == "é"


def test_locate_places_members_at_keys_and_elements_at_their_start() -> None:
    text = '{\n  "a": [\n    1,\n    {"b": 2, "c~/d": 3}\n  ],\n  "e": null\n}\n'
    found = locate(text, ["/a", "/a/1", "/a/1/b", "/a/1/c~0~1d", "/e", "/a/7", "/missing/x", ""])
    assert found["/a"] == (2, 3)
    assert found["/a/1"] == (4, 5)
    assert found["/a/1/b"] == (4, 6)
    assert found["/a/1/c~0~1d"] == (4, 14)
    assert found["/e"] == (6, 3)
    assert found["/a/7"] == (2, 3)
    assert found["/missing/x"] == (1, 1)
    assert found[""] == (1, 1)


def test_pointer_helpers() -> None:
    assert join_pointer("/a", "b/c~d") == "/a/b~1c~0d"
    assert split_pointer("/a/b~1c~0d") == ["a", "b/c~d"]
    assert split_pointer("") == []
    assert is_valid_pointer("") and is_valid_pointer("/a/~0/~1")
    assert not is_valid_pointer("a/b") and not is_valid_pointer("/a~2")
    with pytest.raises(ValueError):
        split_pointer("x")
    assert line_column("ab\ncd", 4) == (2, 2)


def test_dumps_matches_the_documented_layout() -> None:
    value = {"a": [1, {"x": []}, {}], "é": "ü", "n": None, "t": True}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert dumps(loads('{"p": 1.50, "q": 1e400}')) == '{\n  "p": 1.50,\n  "q": 1E+400\n}\n'
    with pytest.raises(ValueError):
        dumps(Decimal("NaN"))
    with pytest.raises(TypeError):
        dumps({"a": object()})


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda number: Decimal(str(number))),
    st.text(max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=20,
)


def _pointers(value: Any, pointer: str, out: List[Tuple[str, Any]]) -> None:
    out.append((pointer, value))
    if isinstance(value, dict):
        for key, item in value.items():
            _pointers(item, join_pointer(pointer, key), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _pointers(item, join_pointer(pointer, index), out)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@settings(max_examples=150, deadline=None)
@given(VALUES)
def test_dumps_round_trips(value: Any) -> None:
    assert json_equal(loads(dumps(value)), value)


@settings(max_examples=150, deadline=None)
@given(VALUES, st.sampled_from([None, 0, 2, 4]))
def test_locate_finds_every_pointer(value: Any, indent: Any) -> None:
    text = json.dumps(_plain(value), indent=indent, ensure_ascii=False)
    if indent is None:
        text = dumps(value)
    pairs: List[Tuple[str, Any]] = []
    _pointers(value, "", pairs)
    found = locate(text, [pointer for pointer, _ in pairs])
    lines = text.split("\n")
    for pointer, _ in pairs[1:]:
        line, column = found[pointer]
        rest = lines[line - 1][column - 1 :]
        token = split_pointer(pointer)[-1]
        parent = pointer[: pointer.rfind("/")]
        parent_value = dict(pairs)[parent]
        if isinstance(parent_value, dict):
            assert rest.startswith(json.dumps(token, ensure_ascii=False)), (pointer, rest)
        else:
            assert rest[:1] in '{["-0123456789tfn', (pointer, rest)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        loads_bytes(data)
    except StrictJsonError as error:
        assert error.line >= 1 and error.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='{}[],:"\\ 01e.-tfnaNIy\n', max_size=40))
def test_arbitrary_json_like_text_never_crashes(text: str) -> None:
    try:
        value = loads(text)
    except StrictJsonError as error:
        assert error.line >= 1 and error.column >= 1
        return
    assert json_equal(loads(dumps(value)), value)
