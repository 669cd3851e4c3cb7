# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The baseline file: versioned, sorted JSON of counted finding keys, grouped by file.

Shape (format version 2)::

    {
      "format": "prefguard-baseline",
      "version": 2,
      "files": {
        "model.py": {
          "ANN001 9f86d081884c7d65": [2, "parameter 'x' of 'f' has no type annotation", ["0a1b2c3d", "4e5f6a7b"]],
          "DOC002 60303ae22b998861": [1, "public function 'f' has no docstring", ["9c8d7e6f"]]
        }
      }
    }

Files are sorted by path and their entries by code and fingerprint, one entry
per line, so a review diff shows exactly which findings were added or removed
and where. Each entry is ``[count, message, contexts]``; the message is for
the reader only, matching uses path, code and fingerprint (the finding's line
and its enclosing definition, see :mod:`checks.baseline.fingerprint`), and
the contexts (hashes of the neighbouring lines, at most ``count``) decide which
of several identical findings are the accepted ones. The approval pointer of
a file's entries is ``/files/<path>`` (``~1`` for each ``/`` of the path).

Format version 1 (entries ``[count, message]``: the same fingerprints, no
contexts) is still read, and matched as before (identical findings in file
order); every write is version 2, with the same keys and counts, so the
upgrade adds no entry (the guard's baseline gate sees no growth).
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from checks.baseline.fingerprint import CONTEXT_LENGTH, FINGERPRINT_LENGTH, FindingKey
from checks.guard.strict_json import StrictJsonError, decode_bytes, loads

FORMAT_NAME = "prefguard-baseline"
FORMAT_VERSION = 2
READ_VERSIONS = (1, FORMAT_VERSION)
CONTEXT_PATTERN = re.compile(rf"^[0-9a-f]{{{CONTEXT_LENGTH}}}$")
TOP_LEVEL_KEYS = frozenset({"format", "version", "files"})
ENTRY_KEY_PATTERN = re.compile(rf"^([A-Z]{{3}}[0-9]{{3}}) ([0-9a-f]{{{FINGERPRINT_LENGTH}}})$")


class BaselineError(ValueError):
    """A baseline file that cannot be used, with the reason (the caller names the file)."""


@dataclass(frozen=True)
class Baseline:
    """Counted finding keys, with one message per key for the reader."""

    counts: Mapping[FindingKey, int]
    messages: Mapping[FindingKey, str]
    contexts: Mapping[FindingKey, Tuple[str, ...]] = field(default_factory=dict)
    version: int = FORMAT_VERSION

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


def _entry(path: str, key: str, value: Any, version: int) -> Tuple[FindingKey, int, str, Tuple[str, ...]]:
    match = ENTRY_KEY_PATTERN.match(key)
    if match is None:
        raise BaselineError(
            f"files[{path!r}]: key {key!r} is not 'CODE FINGERPRINT' (a code such as ANN001, a space, "
            f"{FINGERPRINT_LENGTH} lowercase hex digits)"
        )
    size = 2 if version == 1 else 3
    shape = "[count, message]" if version == 1 else "[count, message, contexts]"
    if type(value) is not list or len(value) != size or type(value[0]) is not int or value[0] < 1 or type(value[1]) is not str:
        raise BaselineError(f"files[{path!r}][{key!r}] is not {shape} with a positive count")
    contexts = _contexts(path, key, value[2], value[0]) if version > 1 else ()
    return FindingKey(path, match.group(1), match.group(2)), value[0], value[1], contexts


def _contexts(path: str, key: str, value: Any, count: int) -> Tuple[str, ...]:
    if type(value) is not list or len(value) > count or not all(type(item) is str and CONTEXT_PATTERN.match(item) for item in value):
        raise BaselineError(
            f"files[{path!r}][{key!r}]: contexts are not a list of at most {count} hashes of {CONTEXT_LENGTH} lowercase hex digits"
        )
    return tuple(value)


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
    if type(version) is not int or version not in READ_VERSIONS:
        raise BaselineError(
            f"unknown format version {version!r}: this prefguard reads versions "
            f"{', '.join(str(known) for known in READ_VERSIONS)} "
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
    contexts: Dict[FindingKey, Tuple[str, ...]] = {}
    for path, entries in files.items():
        check_entry_path(path)
        if not isinstance(entries, dict):
            raise BaselineError(f"files[{path!r}] is not an object")
        for key, item in entries.items():
            finding_key, count, message, around = _entry(path, key, item, version)
            counts[finding_key] = count
            messages[finding_key] = message
            if around:
                contexts[finding_key] = around
    return Baseline(counts=counts, messages=messages, contexts=contexts, version=version)


def render_baseline(baseline: Baseline) -> str:
    """The file text (format version 2, whatever version was read): sorted files and entries, one entry per line."""
    by_path: Dict[str, List[str]] = {}
    for key, count in sorted(baseline.counts.items()):
        if count > 0:
            fields: List[Any] = [count, baseline.messages.get(key, ""), sorted(baseline.contexts.get(key, ()))[:count]]
            entry = json.dumps(fields, ensure_ascii=False)
            by_path.setdefault(key.path, []).append(f"      {json.dumps(f'{key.code} {key.fingerprint}')}: {entry}")
    blocks = [
        f"    {json.dumps(path, ensure_ascii=False)}: {{\n" + ",\n".join(lines) + "\n    }"
        for path, lines in by_path.items()
    ]
    files = "{\n" + ",\n".join(blocks) + "\n  }" if blocks else "{}"
    return f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n  "files": {files}\n}}\n'


def baseline_from_keys(keys: List[Tuple[FindingKey, str]], contexts: Optional[Sequence[str]] = None) -> Baseline:
    """A baseline counting every (key, message) pair; the first message of a key is kept.

    ``contexts`` (one per pair, see :func:`checks.baseline.fingerprint.finding_context`)
    are recorded with their key; empty ones are left out.
    """
    counts: Counter = Counter()
    messages: Dict[FindingKey, str] = {}
    around: Dict[FindingKey, List[str]] = {}
    for position, (key, message) in enumerate(keys):
        counts[key] += 1
        messages.setdefault(key, message)
        context = contexts[position] if contexts is not None else ""
        if context:
            around.setdefault(key, []).append(context)
    recorded = {key: tuple(sorted(items)) for key, items in around.items()}
    return Baseline(counts=dict(counts), messages=messages, contexts=recorded)
