# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Files other than Python sources that ``check`` covers: notebooks, documentation, path names."""

import dataclasses
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.engine.finding import Finding
from checks.config.settings import Settings
from hooks.runtime.files import SourceFile

NOTEBOOK_SUFFIX = ".ipynb"
DOCUMENT_CODES = frozenset({"ENG005"})
PATH_CODES = frozenset({"ENG004"})


@dataclass(frozen=True)
class OtherFile:
    """A notebook or documentation file with its bytes."""

    source_file: SourceFile
    data: bytes
    is_new: bool


def extra_suffixes(settings: Settings) -> Tuple[str, ...]:
    """Suffixes of the non-Python files the enabled codes need."""
    suffixes: List[str] = [NOTEBOOK_SUFFIX]
    if settings.enabled & DOCUMENT_CODES:
        suffixes.extend(settings.table("english")["doc-extensions"])
    return tuple(suffixes)


def _with_display(findings: Sequence[Finding], display: str) -> List[Finding]:
    return [finding.with_path(display) for finding in findings]


def _check_one(item: OtherFile, settings: Settings, project: Any) -> List[Finding]:
    relative = item.source_file.relative
    if relative.endswith(NOTEBOOK_SUFFIX):
        from checks.files.notebook import check_notebook

        return check_notebook(item.data, relative, settings, is_new=item.is_new, project=project)
    from checks.english.files import check_document, is_document

    if not (settings.codes_for(relative) & DOCUMENT_CODES) or not is_document(relative, settings):
        return []
    return check_document(item.data.decode("utf-8", "replace"), relative, settings)


def check_other_files(files: Sequence[OtherFile], settings: Settings, project: Any = None, cache: Any = None) -> List[Finding]:
    """NBK001 and the Python rules inside notebooks, ENG005 on documentation; cached like sources."""
    findings: List[Finding] = []
    for item in files:
        key = None
        if cache is not None:
            # Notebook cells see the project index through the whole notebook; a class in one keys it to the index.
            uses_index = project is not None and b"class" in item.data and callable(getattr(project, "cache_key", None))
            key = cache.key(item.data, item.source_file.relative + "#other", item.is_new, project.cache_key() if uses_index else "")
        cached: Optional[List[Finding]] = cache.get(key, item.source_file.display) if key is not None else None
        if cached is None:
            fresh = _check_one(item, settings, project)
            if key is not None:
                cache.put(key, fresh)
            cached = fresh
        findings.extend(_with_display(cached, item.source_file.display))
    return findings


def check_names(files: Sequence[SourceFile], settings: Settings, cache: Any = None) -> List[Finding]:
    """ENG004 over the names of the checked files and their folders.

    With a cache, each path's verdicts (its file name and every folder above
    it, the reported path kept in ``pointer``) are kept under the path, so a
    run over known paths neither imports the English detector nor loads its
    lexicon; a folder reported for several files is reported once.
    """
    if not settings.enabled & PATH_CODES:
        return []
    displays: Dict[str, str] = {f.relative: f.display for f in files}
    found: List[Finding] = []
    missing: List[str] = []
    for relative in sorted(displays):
        key = cache.key(relative.encode("utf-8", "surrogateescape"), "#path-name", False) if cache is not None else None
        cached = cache.get(key, relative) if key is not None else None
        if cached is None:
            missing.append(relative)
        else:
            found.extend(dataclasses.replace(f, path=f.pointer or relative, pointer=None) for f in cached)
    if missing:
        from checks.english.files import check_path_names

        for relative in missing:
            fresh = check_path_names([relative], settings)
            if cache is not None:
                stored = [dataclasses.replace(f, pointer=f.path) for f in fresh]
                cache.put(cache.key(relative.encode("utf-8", "surrogateescape"), "#path-name", False), stored)
            found.extend(fresh)
    unique: Dict[Tuple[str, str, str], Finding] = {}
    for finding in found:
        unique.setdefault((finding.code, finding.path, finding.message), finding)
    return [finding.with_path(displays.get(finding.path, finding.path)) for finding in unique.values()]
