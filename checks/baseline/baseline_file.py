# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The baseline file: versioned, sorted JSON of counted finding keys, grouped by file.

Shape (format version 1)::

    {
      "format": "prefguard-baseline",
      "version": 1,
      "files": {
        "model.py": {
          "ANN001 9f86d081884c7d65": [2, "parameter 'x' of 'f' has no type annotation"],
          "DOC002 60303ae22b998861": [1, "public function 'f' has no docstring"]
        }
      }
    }

Files are sorted by path and their entries by code and fingerprint, one entry
per line, so a review diff shows exactly which findings were added or removed
and where. Each entry is ``[count, message]``; the message is for the reader
only, matching uses path, code and fingerprint. The approval pointer of a
file's entries is ``/files/<path>`` (``~1`` for each ``/`` of the path).
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
TOP_LEVEL_KEYS = frozenset({"format", "version", "files"})
ENTRY_KEY_PATTERN = re.compile(rf"^([A-Z]{{3}}[0-9]{{3}}) ([0-9a-f]{{{FINGERPRINT_LENGTH}}})$")


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
    """Reject absolute paths, backslashes and paths that leave the project or are not normalized."""
    if not path or path.startswith("/") or re.match(r"^[A-Za-z]:", path) or "\\" in path:
        raise BaselineError(f"path {path!r} is not a relative POSIX path inside the project")
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise BaselineError(f"path {path!r} leaves the project or is not normalized")


def _entry(path: str, key: str, value: Any) -> Tuple[FindingKey, int, str]:
    match = ENTRY_KEY_PATTERN.match(key)
    if match is None:
        raise BaselineError(
            f"files[{path!r}]: key {key!r} is not 'CODE FINGERPRINT' (a code such as ANN001, a space, "
            f"{FINGERPRINT_LENGTH} lowercase hex digits)"
        )
    if type(value) is not list or len(value) != 2 or type(value[0]) is not int or value[0] < 1 or type(value[1]) is not str:
        raise BaselineError(f"files[{path!r}][{key!r}] is not [count, message] with a positive count")
    return FindingKey(path, match.group(1), match.group(2)), value[0], value[1]


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
    unknown = set(value) - TOP_LEVEL_KEYS
    if unknown:
        raise BaselineError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    files = value.get("files")
    if not isinstance(files, dict):
        raise BaselineError("'files' is missing or not an object")
    counts: Dict[FindingKey, int] = {}
    messages: Dict[FindingKey, str] = {}
    for path, entries in files.items():
        check_entry_path(path)
        if not isinstance(entries, dict):
            raise BaselineError(f"files[{path!r}] is not an object")
        for key, item in entries.items():
            finding_key, count, message = _entry(path, key, item)
            counts[finding_key] = count
            messages[finding_key] = message
    return Baseline(counts=counts, messages=messages)


def render_baseline(baseline: Baseline) -> str:
    """The file text: sorted files and entries, one entry per line, trailing newline."""
    by_path: Dict[str, List[str]] = {}
    for key, count in sorted(baseline.counts.items()):
        if count > 0:
            entry = json.dumps([count, baseline.messages.get(key, "")], ensure_ascii=False)
            by_path.setdefault(key.path, []).append(f"      {json.dumps(f'{key.code} {key.fingerprint}')}: {entry}")
    blocks = [
        f"    {json.dumps(path, ensure_ascii=False)}: {{\n" + ",\n".join(lines) + "\n    }"
        for path, lines in by_path.items()
    ]
    files = "{\n" + ",\n".join(blocks) + "\n  }" if blocks else "{}"
    return f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n  "files": {files}\n}}\n'


def baseline_from_keys(keys: List[Tuple[FindingKey, str]]) -> Baseline:
    """A baseline counting every (key, message) pair; the first message of a key is kept."""
    counts: Counter = Counter()
    messages: Dict[FindingKey, str] = {}
    for key, message in keys:
        counts[key] += 1
        messages.setdefault(key, message)
    return Baseline(counts=dict(counts), messages=messages)
