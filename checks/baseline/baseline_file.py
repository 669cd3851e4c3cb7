# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The baseline file: a versioned, sorted JSON list of counted finding keys.

Shape (format version 1)::

    {
      "entries": [
        {"code": "ANN001", "count": 2, "fingerprint": "9f86d081884c7d65",
         "message": "parameter 'x' of 'f' has no type annotation", "path": "model.py"}
      ],
      "format": "prefguard-baseline",
      "version": 1
    }

Entries are sorted by path, code and fingerprint, one key per line, so a
review diff shows exactly which findings were added or removed. ``message`` is
for the reader only; matching uses path, code and fingerprint.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Tuple

from checks.baseline.fingerprint import FINGERPRINT_LENGTH, FindingKey
from checks.guard.strict_json import StrictJsonError, decode_bytes, loads

FORMAT_NAME = "prefguard-baseline"
FORMAT_VERSION = 1
DEFAULT_BASELINE_PATH = ".prefguard-baseline.json"
ENTRY_KEYS = frozenset({"code", "count", "fingerprint", "message", "path"})
CODE_PATTERN = re.compile(r"^[A-Z]{3}[0-9]{3}$")
FINGERPRINT_PATTERN = re.compile(rf"^[0-9a-f]{{{FINGERPRINT_LENGTH}}}$")


class BaselineError(ValueError):
    """A baseline file that cannot be used, with the reason (the caller names the file)."""


@dataclass(frozen=True)
class Baseline:
    """Counted finding keys, with one message per key for the reader."""

    counts: Mapping[FindingKey, int]
    messages: Mapping[FindingKey, str]

    @property
    def total(self) -> int:
        """How many findings the baseline accepts."""
        return sum(self.counts.values())

    def paths(self) -> List[str]:
        """Every path the baseline names, sorted."""
        return sorted({key.path for key in self.counts})


EMPTY_BASELINE = Baseline(counts={}, messages={})


def check_entry_path(path: str) -> None:
    """Reject absolute paths, backslashes and paths that leave the project."""
    if not path or path.startswith("/") or re.match(r"^[A-Za-z]:", path) or "\\" in path:
        raise BaselineError(f"entry path {path!r} is not a relative POSIX path inside the project")
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise BaselineError(f"entry path {path!r} leaves the project or is not normalized")


def _entry(index: int, item: Any) -> Tuple[FindingKey, int, str]:
    where = f"entries[{index}]"
    if not isinstance(item, dict):
        raise BaselineError(f"{where} is not an object")
    missing = ENTRY_KEYS - set(item)
    unknown = set(item) - ENTRY_KEYS
    if missing or unknown:
        raise BaselineError(f"{where} must have exactly the keys {', '.join(sorted(ENTRY_KEYS))}")
    path, code, fingerprint, count, message = (item[k] for k in ("path", "code", "fingerprint", "count", "message"))
    if not isinstance(path, str):
        raise BaselineError(f"{where}.path is not a string")
    try:
        check_entry_path(path)
    except BaselineError as error:
        raise BaselineError(f"{where}: {error}") from None
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise BaselineError(f"{where}.code {code!r} is not a prefguard code")
    if not isinstance(fingerprint, str) or not FINGERPRINT_PATTERN.match(fingerprint):
        raise BaselineError(f"{where}.fingerprint {fingerprint!r} is not {FINGERPRINT_LENGTH} lowercase hex digits")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise BaselineError(f"{where}.count {count!r} is not a positive integer")
    if not isinstance(message, str):
        raise BaselineError(f"{where}.message is not a string")
    return FindingKey(path, code, fingerprint), count, message


def parse_baseline(data: bytes) -> Baseline:
    """Read and validate a baseline file's bytes; any problem is a :class:`BaselineError`."""
    if not data.strip():
        raise BaselineError("the file is empty (write it with `prefguard baseline`, or delete it)")
    try:
        value = loads(decode_bytes(data))
    except StrictJsonError as error:
        raise BaselineError(f"not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise BaselineError("the top level is not a JSON object")
    if value.get("format") != FORMAT_NAME:
        raise BaselineError(f"'format' is not {FORMAT_NAME!r}; this is not a prefguard baseline")
    version = value.get("version")
    if version != FORMAT_VERSION:
        raise BaselineError(
            f"unknown format version {version!r}: this prefguard reads version {FORMAT_VERSION} "
            "(upgrade prefguard, or regenerate the file with `prefguard baseline`)"
        )
    unknown = set(value) - {"format", "version", "entries"}
    if unknown:
        raise BaselineError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    entries = value.get("entries")
    if not isinstance(entries, list):
        raise BaselineError("'entries' is missing or not a list")
    counts: Dict[FindingKey, int] = {}
    messages: Dict[FindingKey, str] = {}
    for index, item in enumerate(entries):
        key, count, message = _entry(index, item)
        if key in counts:
            raise BaselineError(f"entries[{index}] repeats the entry of {key.path} {key.code} {key.fingerprint}")
        counts[key] = count
        messages[key] = message
    return Baseline(counts=counts, messages=messages)


def render_baseline(baseline: Baseline) -> str:
    """The file text: sorted entries, two-space indentation, trailing newline."""
    entries = [
        {
            "code": key.code,
            "count": count,
            "fingerprint": key.fingerprint,
            "message": baseline.messages.get(key, ""),
            "path": key.path,
        }
        for key, count in sorted(baseline.counts.items())
        if count > 0
    ]
    document = {"entries": entries, "format": FORMAT_NAME, "version": FORMAT_VERSION}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def baseline_from_keys(keys: List[Tuple[FindingKey, str]]) -> Baseline:
    """A baseline counting every (key, message) pair; the first message of a key is kept."""
    counts: Counter = Counter()
    messages: Dict[FindingKey, str] = {}
    for key, message in keys:
        counts[key] += 1
        messages.setdefault(key, message)
    return Baseline(counts=dict(counts), messages=messages)
