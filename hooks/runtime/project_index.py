# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Read the project's Python files and build the class index the cross-file rules use."""

import tokenize
from pathlib import Path
from typing import Iterable, Optional, Tuple, Union

from checks.analysis.project_index import ProjectIndex
from checks.config.settings import Settings
from hooks.runtime.files import SourceFile, discover

INDEX_CODES = frozenset({"INH001", "INH002"})
Listed = Union[SourceFile, Path, str]


def _locations(item: Listed) -> Tuple[Path, str]:
    """(file to read, path relative to the project root) of one listed file."""
    if isinstance(item, SourceFile):
        return item.absolute, item.relative
    path = Path(item)
    return path, path.as_posix()


def read_source(path: Path) -> Optional[str]:
    """A Python file's text decoded per PEP 263, or None when it cannot be read or decoded."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        encoding, _ = tokenize.detect_encoding(iter(data.splitlines(keepends=True)[:2]).__next__)
    except (SyntaxError, StopIteration):
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def build_project_index(files: Iterable[Listed]) -> ProjectIndex:
    """Index the classes of the listed ``.py``/``.pyi`` files; unreadable files are left out."""
    sources = {}
    for item in files:
        absolute, relative = _locations(item)
        if not relative.endswith((".py", ".pyi")):
            continue
        text = read_source(absolute)
        if text is not None:
            sources[relative] = text
    return ProjectIndex.from_sources(sources)


def project_index_for(settings: Settings) -> Optional[ProjectIndex]:
    """The index of every Python file under the project root, or None when no cross-file rule is enabled."""
    if not settings.enabled & INDEX_CODES:
        return None
    return build_project_index(discover([settings.root], settings))
