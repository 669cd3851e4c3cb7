# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Strict JSON reading and writing for guarded files.

Python's ``json`` keeps the last of duplicate keys, accepts ``NaN`` and
``Infinity``, and reads ``1e400`` and ``1e401`` as the same float. Here:

- a byte order mark, invalid UTF-8, malformed text, duplicate keys and the
  non-finite constants are :class:`StrictJsonError` with a 1-based line and
  column, never silently accepted and never a crash;
- integers stay ``int`` and every other number is an exact ``decimal.Decimal``
  built from its literal text, so two different numbers never compare equal
  while ``1`` and ``1.0`` still do;
- :func:`dumps` writes values back with 2-space indentation and raw UTF-8.

The fast path is the C decoder; the position of a duplicate key or a
non-finite constant is found afterwards by a slower scan of the same text,
which runs only when such a problem exists.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from json.decoder import scanstring
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

BOMS: Tuple[Tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "UTF-8"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

MAX_INT_DIGITS = 4000
WHITESPACE = " \t\n\r"


class StrictJsonError(ValueError):
    """Text that is not safe to read as JSON, with where the problem is (1-based)."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.message = message
        self.line = line
        self.column = column


class _DuplicateKey(Exception):
    """Raised by the fast path when an object repeats a key (position unknown yet)."""


class _NonFinite(Exception):
    """Raised by the fast path on NaN, Infinity or -Infinity (position unknown yet)."""


class _AllFound(Exception):
    """Raised by a targeted scan once every wanted pointer has a position."""


def _parse_int(text: str) -> Any:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return Decimal(text)
    return int(text)


def _reject_constant(text: str) -> Any:
    raise _NonFinite(text)


def _reject_duplicates(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey()
    return result


_DECODER = json.JSONDecoder(
    parse_float=Decimal,
    parse_int=_parse_int,
    parse_constant=_reject_constant,
    object_pairs_hook=_reject_duplicates,
)


def line_column(text: str, index: int) -> Tuple[int, int]:
    """The 1-based line and column of a character index of ``text``."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def escape_token(token: str) -> str:
    """Escape one reference token for an RFC 6901 pointer (``~`` then ``/``)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    """Undo :func:`escape_token`."""
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(parent: str, token: Any) -> str:
    """The pointer of a child: parent plus one escaped reference token."""
    return f"{parent}/{escape_token(str(token))}"


def split_pointer(pointer: str) -> List[str]:
    """The unescaped reference tokens of an RFC 6901 pointer ("" is the whole document)."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer must be empty or start with '/': {pointer!r}")
    return [unescape_token(token) for token in pointer[1:].split("/")]


def is_valid_pointer(pointer: str) -> bool:
    """Whether the text is an RFC 6901 pointer (``~`` only as ``~0`` or ``~1``)."""
    if pointer == "":
        return True
    if not pointer.startswith("/"):
        return False
    stripped = pointer.replace("~0", "").replace("~1", "")
    return "~" not in stripped


def decode_bytes(data: bytes) -> str:
    """UTF-8 bytes to text, rejecting a byte order mark and invalid sequences."""
    for bom, name in BOMS:
        if data.startswith(bom):
            raise StrictJsonError(f"the file starts with a {name} byte order mark; save it as UTF-8 without BOM", 1, 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start]
        line = prefix.count(b"\n") + 1
        line_start = prefix.rfind(b"\n") + 1
        column = len(prefix[line_start:].decode("utf-8", errors="replace")) + 1
        bad = data[error.start : error.end].hex()
        raise StrictJsonError(f"invalid UTF-8 (byte 0x{bad})", line, column) from None


def loads_bytes(data: bytes) -> Any:
    """Strictly parse the bytes of a JSON file (see the module docstring)."""
    return loads(decode_bytes(data))


def loads(text: str) -> Any:
    """Strictly parse JSON text (see the module docstring)."""
    if text.startswith("\ufeff"):
        raise StrictJsonError("the text starts with a byte order mark; save it as UTF-8 without BOM", 1, 1)
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise StrictJsonError(f"malformed JSON: {error.msg}", error.lineno, error.colno) from None
    except (_DuplicateKey, _NonFinite):
        raise _locate_problem(text) from None
    except RecursionError:
        raise StrictJsonError("nesting too deep to read safely", 1, 1) from None


def _locate_problem(text: str) -> StrictJsonError:
    """Find where a duplicate key or non-finite constant is (slow path)."""
    scanner = _Scanner(text, None)
    try:
        scanner.run()
    except StrictJsonError as error:
        return error
    except RecursionError:
        return StrictJsonError("nesting too deep to read safely", 1, 1)
    return StrictJsonError("duplicate key or non-finite number", 1, 1)


def locate(text: str, pointers: Iterable[str]) -> Dict[str, Tuple[int, int]]:
    """1-based positions of pointers in valid JSON text.

    An object member is placed at its key, an array element at its first
    character. A pointer that does not exist in the text gets the position of
    its deepest existing ancestor. Text that cannot be read gives line 1,
    column 1 for every pointer.
    """
    wanted = {pointer for pointer in pointers}
    scanner = _Scanner(text, wanted)
    try:
        scanner.run()
    except _AllFound:
        pass
    except (StrictJsonError, RecursionError):
        return {pointer: (1, 1) for pointer in wanted}
    result: Dict[str, Tuple[int, int]] = {}
    for pointer in wanted:
        current = pointer
        while current not in scanner.found and current:
            current = current[: current.rfind("/")]
        index = scanner.found.get(current, 0)
        result[pointer] = line_column(text, index)
    return result


class _Scanner:
    """A position-aware walk over JSON text.

    With ``wanted`` set to None it validates everything (duplicate keys and
    non-finite constants raise :class:`StrictJsonError`); otherwise it records
    the start of every wanted pointer and skips all other subtrees with the C
    decoder.
    """

    def __init__(self, text: str, wanted: Optional[Set[str]]) -> None:
        self.text = text
        self.found: Dict[str, int] = {"": 0}
        self.prefixes: Optional[Set[str]] = None
        self.remaining: Set[str] = set(wanted or ()) - {""}
        if wanted is not None:
            self.prefixes = set()
            for pointer in wanted:
                current = pointer
                while True:
                    self.prefixes.add(current)
                    if not current:
                        break
                    current = current[: current.rfind("/")]

    def _record(self, pointer: str, index: int) -> None:
        self.found[pointer] = index
        self.remaining.discard(pointer)
        if not self.remaining:
            raise _AllFound()

    def _skip(self, index: int) -> int:
        text = self.text
        while index < len(text) and text[index] in WHITESPACE:
            index += 1
        return index

    def _error(self, message: str, index: int) -> StrictJsonError:
        line, column = line_column(self.text, index)
        return StrictJsonError(message, line, column)

    def run(self) -> None:
        """Walk the whole document."""
        index = self._skip(0)
        self.found[""] = index
        index = self._value(index, "")
        index = self._skip(index)
        if index != len(self.text):
            raise self._error("malformed JSON: Extra data", index)

    def _interesting(self, pointer: str) -> bool:
        return self.prefixes is None or pointer in self.prefixes

    def _value(self, index: int, pointer: str) -> int:
        text = self.text
        if index >= len(text):
            raise self._error("malformed JSON: Expecting value", index)
        char = text[index]
        if char in "{[" and not self._interesting(pointer):
            try:
                return _DECODER.raw_decode(text, index)[1]
            except (json.JSONDecodeError, _DuplicateKey, _NonFinite) as error:
                raise self._error("malformed JSON", index) from error
        if char == "{":
            return self._object(index + 1, pointer)
        if char == "[":
            return self._array(index + 1, pointer)
        try:
            return _DECODER.scan_once(text, index)[1]
        except _NonFinite as error:
            raise self._error(f"non-finite number {error.args[0]} is not JSON", index) from None
        except StopIteration:
            raise self._error("malformed JSON: Expecting value", index) from None
        except json.JSONDecodeError as error:
            raise self._error(f"malformed JSON: {error.msg}", error.pos) from None

    def _object(self, index: int, pointer: str) -> int:
        text = self.text
        seen: Set[str] = set()
        index = self._skip(index)
        if index < len(text) and text[index] == "}":
            return index + 1
        while True:
            if index >= len(text) or text[index] != '"':
                raise self._error("malformed JSON: Expecting property name enclosed in double quotes", index)
            key_start = index
            try:
                key, index = scanstring(text, index + 1, True)
            except json.JSONDecodeError as error:
                raise self._error(f"malformed JSON: {error.msg}", error.pos) from None
            if self.prefixes is None and key in seen:
                raise self._error(f"duplicate key {key!r} (a plain parser silently keeps only the last one)", key_start)
            seen.add(key)
            child = join_pointer(pointer, key)
            if self.prefixes is not None and child in self.prefixes:
                self._record(child, key_start)
            index = self._skip(index)
            if index >= len(text) or text[index] != ":":
                raise self._error("malformed JSON: Expecting ':' delimiter", index)
            index = self._skip(index + 1)
            index = self._value(index, child)
            index = self._skip(index)
            if index < len(text) and text[index] == ",":
                index = self._skip(index + 1)
                continue
            if index < len(text) and text[index] == "}":
                return index + 1
            raise self._error("malformed JSON: Expecting ',' delimiter", index)

    def _array(self, index: int, pointer: str) -> int:
        text = self.text
        position = 0
        index = self._skip(index)
        if index < len(text) and text[index] == "]":
            return index + 1
        while True:
            child = join_pointer(pointer, position)
            if self.prefixes is not None and child in self.prefixes:
                self._record(child, index)
            index = self._value(index, child)
            position += 1
            index = self._skip(index)
            if index < len(text) and text[index] == ",":
                index = self._skip(index + 1)
                continue
            if index < len(text) and text[index] == "]":
                return index + 1
            raise self._error("malformed JSON: Expecting ',' delimiter", index)


def _dump(value: Any, indent: str, out: List[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        out.append("{")
        first = True
        for key, item in value.items():
            out.append("\n" + inner if first else ",\n" + inner)
            first = False
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(": ")
            _dump(item, inner, out)
        out.append("\n" + indent + "}")
        return
    if isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        out.append("[")
        first = True
        for item in value:
            out.append("\n" + inner if first else ",\n" + inner)
            first = False
            _dump(item, inner, out)
        out.append("\n" + indent + "]")
        return
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"non-finite number {value} cannot be written as JSON")
        out.append(str(value))
        return
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"non-finite number {value} cannot be written as JSON")
        out.append(repr(value))
        return
    if value is None or isinstance(value, (bool, int, str)):
        out.append(json.dumps(value, ensure_ascii=False))
        return
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def dumps(value: Any) -> str:
    """JSON text with 2-space indentation, raw UTF-8, exact numbers and a final newline."""
    out: List[str] = []
    _dump(value, "", out)
    out.append("\n")
    return "".join(out)
