# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Glob matching for repository-relative POSIX paths (``**`` aware)."""

import re
from functools import lru_cache
from typing import Iterable, Pattern


@lru_cache(maxsize=512)
def _compile(pattern: str) -> Pattern[str]:
    """Translate a gitignore-like glob into a regular expression.

    ``**`` crosses folders, ``*`` and ``?`` stay inside one path segment, and a
    pattern without ``/`` matches the file name in any folder.
    """
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    pattern = pattern.rstrip("/")
    regex = ""
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            regex += "(?:.*/)?"
            index += 3
            continue
        if pattern.startswith("**", index):
            regex += ".*"
            index += 2
            continue
        if char == "*":
            regex += "[^/]*"
        elif char == "?":
            regex += "[^/]"
        else:
            regex += re.escape(char)
        index += 1
    return re.compile(regex + "(?:/.*)?$")


def matches(path: str, pattern: str) -> bool:
    """Whether a repository-relative POSIX path matches one glob."""
    if path.startswith("./"):
        path = path[2:]
    return _compile(pattern).match(path) is not None


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Whether a repository-relative POSIX path matches any of the globs."""
    return any(matches(path, pattern) for pattern in patterns)
