# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Module summaries of ``prefguard verify``: every file parsed once, cached by content hash, many in parallel.

The summaries (imports, definitions, names used) are what the static
integration analysis (``checks.integration``) works on; nothing of the
project is imported or executed to make them.
"""

import gc
import hashlib
import json
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from checks.integration.summary import SUMMARY_FORMAT, ModuleSummary, summarize_module, summary_from_data, summary_to_data
from hooks.runtime.cache_trust import read_sealed, secret_key, write_sealed
from hooks.runtime.parallel import guided_batches, map_in_processes

PARALLEL_MIN_FILES = 400


def _decode(path: str, raw: bytes) -> ModuleSummary:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ModuleSummary(path=path, parse_error=f"not UTF-8 (byte {error.start})")
    return summarize_module(path, text)


def _read_bytes(root: str, path: str) -> Optional[bytes]:
    try:
        with open(os.path.join(root, path), "rb") as handle:
            return handle.read()
    except OSError:
        return None


class FileFailure(Exception):
    """An unexpected error while summarizing one file: ``args`` are (path, description).

    Plain arguments keep it picklable across worker processes; :func:`run`
    reports it as an internal error naming the file, with exit status 2.
    """


def _summarize_one(root: str, path: str) -> ModuleSummary:
    raw = _read_bytes(root, path)
    if raw is None:
        return ModuleSummary(path=path, parse_error="cannot be read")
    try:
        return _decode(path, raw)
    except Exception as error:
        raise FileFailure(path, f"{type(error).__name__}: {error}") from error


def _summarize_batch(root: str, paths: Sequence[str]) -> List[ModuleSummary]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [_summarize_one(root, path) for path in paths]
    finally:
        if enabled:
            gc.enable()


class SummaryCache:
    """File summaries by path and content hash, kept in one sealed JSON file between runs.

    JSON, never pickle, and sealed with this machine's cache key
    (:mod:`hooks.runtime.cache_trust`): a store that this machine's prefguard
    did not write reads as empty. A cache written by another summary format or
    Python version is ignored; a cache that cannot be written is skipped silently.
    """

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self.entries: Dict[str, List[Any]] = {}
        self.changed = False
        self.stamp = f"{SUMMARY_FORMAT}:{sys.version_info[0]}.{sys.version_info[1]}"
        self.secret = secret_key() if path is not None else None
        if path is None or self.secret is None or not os.path.isfile(path):
            return
        payload = read_sealed(Path(path), self.secret)
        if payload is None:
            return
        try:
            data = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return
        if isinstance(data, dict) and data.get("stamp") == self.stamp and isinstance(data.get("entries"), dict):
            self.entries = data["entries"]

    def get(self, path: str, digest: str) -> Optional[ModuleSummary]:
        """The cached summary of ``path`` when its content hash matches."""
        entry = self.entries.get(path)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != digest:
            return None
        try:
            return summary_from_data(entry[1])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: str, digest: str, summary: ModuleSummary) -> None:
        """Remember one summary."""
        self.entries[path] = [digest, summary_to_data(summary)]
        self.changed = True

    def save(self, keep: Sequence[str]) -> None:
        """Write the cache (entries of ``keep`` only) atomically, when anything changed."""
        if self.path is None or self.secret is None or not (self.changed or set(self.entries) - set(keep)):
            return
        wanted = set(keep)
        data = {"stamp": self.stamp, "entries": {k: v for k, v in self.entries.items() if k in wanted}}
        write_sealed(Path(self.path), self.secret, json.dumps(data, separators=(",", ":")).encode("utf-8"))


def summarize_files(root: str, paths: Sequence[str], jobs: int = 0, cache_path: Optional[str] = None) -> Dict[str, ModuleSummary]:
    """Summaries of every file: from the cache when unchanged, else parsed (many files in parallel)."""
    cache = SummaryCache(cache_path)
    result: Dict[str, ModuleSummary] = {}
    digests: Dict[str, str] = {}
    missing: List[str] = []
    for path in paths:
        raw = _read_bytes(root, path)
        if raw is None:
            result[path] = ModuleSummary(path=path, parse_error="cannot be read")
            continue
        digests[path] = hashlib.sha1(raw).hexdigest()
        cached = cache.get(path, digests[path])
        if cached is None:
            missing.append(path)
        else:
            result[path] = cached
    workers = jobs or (os.cpu_count() or 1)
    if workers < 2 or len(missing) < PARALLEL_MIN_FILES:
        fresh = _summarize_batch(root, missing)
    else:
        batches = guided_batches(missing, lambda path: _size(root, path), workers)
        fresh = []
        for summaries in map_in_processes(partial(_summarize_batch, root), batches, workers):
            fresh.extend(summaries)
    for summary in fresh:
        result[summary.path] = summary
        if summary.path in digests:
            cache.put(summary.path, digests[summary.path], summary)
    cache.save(list(paths))
    return {path: result[path] for path in paths if path in result}


def _size(root: str, path: str) -> int:
    try:
        return os.path.getsize(os.path.join(root, path))
    except OSError:
        return 0
