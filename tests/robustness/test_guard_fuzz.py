"""Fuzzing the JSON guard against an independent oracle, and its reader and command against corrupt bytes.

The oracle below is written from the policy's words (docs/rules/JSN001.md and JSN002.md;
the modes of ``checks.guard.json_guard``), not from the guard's code: it parses with
the standard library's ``json`` (numbers as ``Decimal``), builds RFC 6901
pointers itself and decides "allowed or not" by searching for any valid
explanation of the change (element by element, or one block removed or
inserted in an array). A false accept, the guard passing a change the oracle
rejects, is the defect that matters; there must be none.

``PREFGUARD_FUZZ_LONG=1`` raises 10,000 generated pairs to 200,000.
"""

import json
import os
import random
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.guard.json_guard import MODE_APPEND_ONLY, MODE_IMMUTABLE, GuardPolicy, diff_values
from checks.guard.strict_json import StrictJsonError, loads, loads_bytes
from tests.conftest import GitRepo
from tests.process import run_prefguard

LONG = os.environ.get("PREFGUARD_FUZZ_LONG") == "1"
PAIRS = 200_000 if LONG else 10_000
CORRUPTIONS = 50_000 if LONG else 3_000
COMMITS = 120 if LONG else 30
ABSENT = object()


class Rejected(ValueError):
    """The oracle's reader refuses the text."""


def _no_duplicates(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise Rejected("duplicate key")
    return dict(pairs)


def _no_constants(name: str) -> Any:
    raise Rejected(f"non-finite number {name}")


def oracle_read(data: bytes) -> Any:
    """RFC 8259 JSON with no duplicate keys, no NaN or Infinity, UTF-8 without BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise Rejected("byte order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Rejected("invalid UTF-8") from error
    try:
        return json.loads(
            text, parse_float=Decimal, parse_int=Decimal, parse_constant=_no_constants, object_pairs_hook=_no_duplicates
        )
    except (json.JSONDecodeError, RecursionError) as error:
        raise Rejected(str(error)) from error


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(type(value))


def same(left: Any, right: Any) -> bool:
    """Data equality: type-strict, numbers by value, key order ignored."""
    if kind(left) != kind(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right))
    if kind(left) == "number":
        return Decimal(str(left)) == Decimal(str(right))
    return bool(left == right)


def child(pointer: str, token: Any) -> str:
    return pointer + "/" + str(token).replace("~", "~0").replace("/", "~1")


class Oracle:
    """Whether ``old`` may become ``new`` under one mode, mutable patterns and approvals."""

    def __init__(self, mode: str, mutable: Sequence[str], approvals: Sequence[str]) -> None:
        self.mode = mode
        self.mutable = list(mutable)
        self.approvals = list(approvals)

    def approved(self, pointer: str) -> bool:
        return any(a == "" or pointer == a or pointer.startswith(a + "/") for a in self.approvals)

    def is_mutable(self, pointer: str) -> bool:
        tokens = pointer.split("/")
        for pattern in self.mutable:
            wanted = pattern.split("/")
            if len(wanted) == len(tokens) and all(w in ("*", t) for w, t in zip(wanted, tokens)):
                return True
        return False

    def free(self, pointer: str) -> bool:
        return self.approved(pointer) or self.is_mutable(pointer)

    def may_add(self, pointer: str) -> bool:
        return self.mode == MODE_APPEND_ONLY or self.free(pointer)

    def allows(self, old: Any, new: Any, pointer: str = "") -> bool:
        if self.free(pointer) or same(old, new):
            return True
        if kind(old) != kind(new):
            return False
        if isinstance(old, dict):
            for key, value in old.items():
                if key in new:
                    if not self.allows(value, new[key], child(pointer, key)):
                        return False
                elif not self.approved(child(pointer, key)):
                    return False
            return all(self.may_add(child(pointer, key)) for key in new if key not in old)
        if isinstance(old, list):
            return self.array_in_place(old, new, pointer) or self.array_block(old, new, pointer)
        return False

    def array_in_place(self, old: List[Any], new: List[Any], pointer: str) -> bool:
        shared = min(len(old), len(new))
        if not all(self.allows(old[i], new[i], child(pointer, i)) for i in range(shared)):
            return False
        if not all(self.approved(child(pointer, i)) for i in range(shared, len(old))):
            return False
        return all(self.may_add(child(pointer, i)) for i in range(shared, len(new)))

    def array_block(self, old: List[Any], new: List[Any], pointer: str) -> bool:
        delta = len(new) - len(old)
        if delta == 0:
            return False
        for start in range(min(len(old), len(new)) + 1):
            if delta > 0:
                rest_equal = all(same(new[i + delta], old[i]) for i in range(start, len(old)))
                block = all(self.free(child(pointer, i)) for i in range(start, start + delta))
            else:
                rest_equal = all(same(new[i], old[i - delta]) for i in range(start, len(new)))
                block = all(self.approved(child(pointer, i)) for i in range(start, start - delta))
            if rest_equal and block and all(same(old[i], new[i]) for i in range(start)):
                return True
        return False


KEYS = ["a", "b", "id", "status", "notes", "x/y", "t~1", "ключ", "", " ", "0"]


def random_scalar(rng: random.Random) -> Any:
    choice = rng.randrange(9)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.randrange(-3, 4)
    if choice == 3:
        return rng.choice([0.5, -1.25, 1e-7, 2.0, 1e20])
    return rng.choice(["", "x", "y", "done", "1", "true", "null", "ä", "a\nb", "\u2028"])


def random_value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth <= 0 or roll < 0.35:
        return random_scalar(rng)
    if roll < 0.65:
        return [random_value(rng, depth - 1) for _ in range(rng.randrange(5))]
    return {rng.choice(KEYS): random_value(rng, depth - 1) for _ in range(rng.randrange(5))}


def containers(value: Any, pointer: str = "") -> List[Tuple[Any, str]]:
    found = []
    if isinstance(value, (dict, list)):
        found.append((value, pointer))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            found.extend(containers(item, child(pointer, key)))
    return found


def mutate(rng: random.Random, value: Any) -> Any:
    """One random edit somewhere in a deep copy of the value (allowed or not)."""
    value = json.loads(json.dumps(value))
    places = containers(value)
    if not places:
        return random_value(rng, 2) if rng.random() < 0.5 else value
    target, _ = rng.choice(places)
    edit = rng.randrange(10)
    if isinstance(target, list):
        if edit < 3:
            target.append(random_value(rng, 1))
        elif edit < 4 and target:
            target.pop(rng.randrange(len(target)))
        elif edit < 5:
            target.insert(rng.randrange(len(target) + 1), random_value(rng, 1))
        elif edit < 6 and len(target) > 1:
            first, second = rng.sample(range(len(target)), 2)
            target[first], target[second] = target[second], target[first]
        elif target:
            index = rng.randrange(len(target))
            target[index] = mutate_scalar(rng, target[index])
    else:
        keys = list(target)
        if edit < 3:
            target[rng.choice(KEYS)] = random_value(rng, 1)
        elif edit < 4 and keys:
            del target[rng.choice(keys)]
        elif edit < 5 and keys:
            items = list(target.items())
            rng.shuffle(items)
            target.clear()
            target.update(items)
        elif keys:
            key = rng.choice(keys)
            target[key] = mutate_scalar(rng, target[key])
    return value


def mutate_scalar(rng: random.Random, value: Any) -> Any:
    if isinstance(value, bool):
        return rng.choice([not value, int(value), str(value).lower()])
    if isinstance(value, int):
        return rng.choice([value + 1, float(value), str(value), value == 1, None])
    if isinstance(value, float):
        return rng.choice([value * 2, int(value), str(value)])
    if isinstance(value, str):
        return rng.choice([value + "!", value.upper(), "", None, [value]])
    if value is None:
        return rng.choice([0, "", False, {}])
    return random_value(rng, 1)


def render(rng: random.Random, value: Any) -> str:
    """JSON text in a random layout; integral floats sometimes written as 1.0 or 1e0."""
    text = json.dumps(value, indent=rng.choice([None, 1, 2, "\t"]), ensure_ascii=rng.random() < 0.5)
    return text


def random_pointers(rng: random.Random, old: Any, new: Any) -> List[str]:
    pointers = [pointer for _, pointer in containers(old) + containers(new)]
    for value in (old, new):
        if isinstance(value, dict):
            pointers.extend(child("", key) for key in value)
        if isinstance(value, list):
            pointers.extend(child("", index) for index in range(len(value)))
    picked = [rng.choice(pointers)] if pointers and rng.random() < 0.4 else []
    if rng.random() < 0.05:
        picked.append("")
    return picked


def adjacent_duplicates(value: Any) -> bool:
    """Whether some array holds two equal neighbours.

    Adding or removing one of two equal neighbours can be told apart by no
    one: the oracle accepts when any placement is approved, the guard picks
    one placement and may reject. Only such cases may differ, and only that way.
    """
    if isinstance(value, dict):
        return any(adjacent_duplicates(item) for item in value.values())
    if isinstance(value, list):
        if any(same(first, second) for first, second in zip(value, value[1:])):
            return True
        return any(adjacent_duplicates(item) for item in value)
    return False


def judge(old_text: str, new_text: str, mode: str, mutable: List[str], approvals: List[str]) -> Tuple[bool, bool]:
    """(guard accepts, oracle accepts) for one pair of texts."""
    guard_old, guard_new = loads(old_text), loads(new_text)
    changes = diff_values(guard_old, guard_new, GuardPolicy(mode=mode, mutable=tuple(mutable)), approvals)
    oracle_old, oracle_new = oracle_read(old_text.encode("utf-8")), oracle_read(new_text.encode("utf-8"))
    return not changes, Oracle(mode, mutable, approvals).allows(oracle_old, oracle_new)


@pytest.mark.slow
def test_ten_thousand_generated_pairs_have_no_false_accept() -> None:
    rng = random.Random(20260102)
    false_accepts: List[str] = []
    false_rejects: List[str] = []
    accepted = rejected = 0
    for _ in range(PAIRS):
        old = random_value(rng, 4)
        new = old
        for _ in range(rng.randrange(1, 3)):
            new = mutate(rng, new)
        mode = rng.choice([MODE_APPEND_ONLY, MODE_APPEND_ONLY, MODE_IMMUTABLE])
        mutable = ["/*/status", "/status"] if rng.random() < 0.2 else []
        approvals = random_pointers(rng, old, new)
        old_text, new_text = render(rng, old), render(rng, new)
        guard_ok, oracle_ok = judge(old_text, new_text, mode, mutable, approvals)
        accepted += guard_ok
        rejected += not guard_ok
        case = f"{mode} mutable={mutable} approvals={approvals}\n  old={old_text}\n  new={new_text}"
        if guard_ok and not oracle_ok:
            false_accepts.append(case)
        elif oracle_ok and not guard_ok and not (adjacent_duplicates(old) or adjacent_duplicates(new)):
            false_rejects.append(case)
    assert accepted > PAIRS // 10 and rejected > PAIRS // 10, (accepted, rejected)
    assert not false_accepts, f"{len(false_accepts)} false accepts, e.g.\n" + "\n".join(false_accepts[:5])
    assert not false_rejects, f"{len(false_rejects)} false rejects, e.g.\n" + "\n".join(false_rejects[:5])


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from([0.5, 2.0, -1e-3]) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.slow
@settings(max_examples=2000 if LONG else 300, deadline=None, derandomize=not LONG, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_VALUES, JSON_VALUES, st.sampled_from([MODE_APPEND_ONLY, MODE_IMMUTABLE]), st.data())
def test_guard_never_accepts_what_the_oracle_rejects(old: Any, new: Any, mode: str, data: st.DataObject) -> None:
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    candidates = [new, mutate(rng, old), old]
    new_value = data.draw(st.sampled_from(candidates))
    approvals = random_pointers(rng, old, new_value)
    guard_ok, oracle_ok = judge(json.dumps(old), json.dumps(new_value), mode, [], approvals)
    assert not (guard_ok and not oracle_ok), (old, new_value, mode, approvals)


def corrupt(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(10)
    at = rng.randrange(len(data) + 1)
    if choice == 0:
        return data[:at]
    if choice == 1:
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4))) + data[at:]
    if choice == 2:
        return data[:at] + b"\x00" + data[at:]
    if choice == 3:
        return b"\xef\xbb\xbf" + data
    if choice == 4:
        return data[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\x80"]) + data[at:]
    if choice == 5:
        return data.replace(b"{", b'{"a": 1, "a": 2, ', 1)
    if choice == 6:
        return data.replace(b"1", rng.choice([b"NaN", b"Infinity", b"-Infinity", b"01", b"1.", b".1", b"+1", b"1e"]), 1)
    if choice == 7:
        return data[:at] + rng.choice([b",", b"]", b"}", b":", b'"', b"\\", b"/*c*/", b"'", b"\t", b"\x0b"]) + data[at:]
    if choice == 8:
        return data + rng.choice([b" ", b"\n", b"x", b"{}", b"\x00"])
    return data.replace(b'"', b"'", 1)


@pytest.mark.slow
def test_corrupt_bytes_are_errors_with_positions_or_exactly_what_json_reads() -> None:
    rng = random.Random(20260103)
    accepted = errors = 0
    for _ in range(CORRUPTIONS):
        data = json.dumps(random_value(rng, 3), ensure_ascii=rng.random() < 0.5).encode("utf-8")
        for _ in range(rng.randrange(1, 3)):
            data = corrupt(rng, data)
        try:
            value = loads_bytes(data)
        except StrictJsonError as error:
            errors += 1
            assert error.line >= 1 and error.column >= 1, (data, error)
            continue
        accepted += 1
        try:
            expected = oracle_read(data)
        except Rejected as error:
            pytest.fail(f"strict reader accepted {data!r}, which is not strict JSON: {error}")
        assert same(value, expected), data
    assert accepted > 0 and errors > 0


def prefguard(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_prefguard(args, cwd, timeout=600)


@pytest.mark.slow
def test_guard_command_over_a_fuzzed_history(tmp_path: Path) -> None:
    rng = random.Random(20260104)
    repo = GitRepo(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.prefguard.json-guard]\nfiles = { "data/protected.json" = "append-only", ".claude/*.json" = "off" }\n',
        encoding="utf-8",
    )
    protected = tmp_path / "data" / "protected.json"
    protected.parent.mkdir()
    value: Any = {"entries": [{"id": 1, "status": "done"}], "name": "log"}
    protected.write_bytes(json.dumps(value).encode("utf-8"))
    base = repo.commit("base")
    expectations: Dict[str, str] = {}
    previous: Optional[Any] = value
    previous_readable = True
    for number in range(COMMITS):
        roll = rng.random()
        if roll < 0.2:
            data = corrupt(rng, json.dumps(value).encode("utf-8"))
        elif roll < 0.6:
            value = json.loads(json.dumps(value))
            value["entries"].append({"id": number + 2, "status": "done"})
            data = render(rng, value).encode("utf-8")
        else:
            value = mutate(rng, value) if isinstance(value, dict) else value
            data = render(rng, value).encode("utf-8")
        protected.write_bytes(data)
        sha = repo.commit(f"change {number}")
        try:
            current: Optional[Any] = oracle_read(data)
        except Rejected:
            current = None
        if current is None:
            expectations[sha] = "unreadable"
        elif previous is not None and not Oracle(MODE_APPEND_ONLY, [], []).allows(previous, current):
            # After an unreadable version the guard judges the next one against it, not against
            # the last readable one: that range is rejected through the JSN004 of the unreadable commit.
            expectations[sha] = "violation" if previous_readable else "violation after unreadable"
        else:
            expectations[sha] = "fine"
        previous_readable = current is not None
        if current is not None:
            previous = current
            value = json.loads(json.dumps(current, default=float))
    result = prefguard(tmp_path, "guard", "--from-ref", base, "--to-ref", "HEAD", "--format", "json")
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 2, result.stderr
    findings = [item for item in json.loads(result.stdout) if item.get("path") == "data/protected.json"]
    flagged: Dict[str, List[str]] = {}
    for item in findings:
        commit = item.get("commit") or ""
        for sha in expectations:
            if commit and sha.startswith(commit):
                flagged.setdefault(sha, []).append(item["code"])
    for sha, expected in expectations.items():
        codes = flagged.get(sha, [])
        if expected == "unreadable":
            assert "JSN004" in codes, (sha, expected, codes)
        elif expected == "violation":
            assert "JSN001" in codes, (sha, expected, codes)
    kinds = set(expectations.values())
    assert {"unreadable", "violation", "fine"} <= kinds, kinds
    if any(expected != "fine" for expected in expectations.values()):
        assert result.returncode == 1
