# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Read the project's Python files and build the class index the cross-file rules use.

A run reads every Python file of the project (bytes only) but parses with
``ast`` only the files whose content it has not summarized before: the
summaries (:func:`checks.analysis.project_index.summarize_source`) are kept
by path and SHA-256 of the bytes in one sealed store in the project's cache
folder (:mod:`hooks.runtime.cache_trust`), written atomically when anything
changed. A store another machine or another version of the summarizer wrote
reads as empty.
"""

import hashlib
import marshal
import os
import stat
import subprocess
import sys
import time
import tokenize
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import checks.analysis.project_index as index_module
from checks.analysis.project_index import ProjectIndex, Summary, summarize_source
from checks.config.settings import Settings
from hooks.runtime.cache_trust import cache_folder, read_sealed, secret_key, tracked_by_git, write_sealed
from hooks.runtime.files import SourceFile, discover, in_skipped_folder
from hooks.version import VERSION

INDEX_CODES = frozenset({"INH001", "INH002"})
STORE_FILE = "index-summaries-v1"
RACY_NS = 2_000_000_000
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
    return decode_source_bytes(data)


def decode_source_bytes(data: bytes) -> Optional[str]:
    """Source bytes decoded per PEP 263, or None when they cannot be decoded."""
    head = data[:4096].splitlines(keepends=True)
    if len(head) < 3 and len(data) > 4096:
        head = data.splitlines(keepends=True)
    try:
        encoding, _ = tokenize.detect_encoding(iter(head[:2]).__next__)
    except (SyntaxError, StopIteration):
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _too_large(path: Union[str, Path], limit: Optional[int]) -> bool:
    """Whether a file is over the ``max-file-bytes`` limit (such a file is never read for the index)."""
    if limit is None:
        return False
    try:
        return os.stat(path).st_size > limit
    except OSError:
        return False


def build_project_index(files: Iterable[Listed], limit: Optional[int] = None) -> ProjectIndex:
    """Index the classes of the listed ``.py``/``.pyi`` files; unreadable files and files over ``limit`` bytes are left out."""
    sources = {}
    for item in files:
        absolute, relative = _locations(item)
        if not relative.endswith((".py", ".pyi")) or _too_large(absolute, limit):
            continue
        text = read_source(absolute)
        if text is not None:
            sources[relative] = text
    return ProjectIndex.from_sources(sources)


def _store_stamp() -> bytes:
    """What a stored summary depends on beside the file: the summarizer's code, prefguard and Python."""
    module_file = index_module.__file__ or ""
    try:
        stat = os.stat(module_file)
        code = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        code = "unknown"
    return f"{STORE_FILE}|{VERSION}|{sys.version_info[:3]}|{code}".encode("utf-8")


class SummaryStore:
    """Summaries by relative path and content digest, in one sealed marshal file.

    Each entry also keeps the file's size and modification time (ns) when it
    was hashed: a file whose size and time are unchanged is not read again,
    as git's index does, unless its time lies within :data:`RACY_NS` of the
    moment the store was written (an edit in the same instant would keep both).
    """

    def __init__(self, path: Optional[Path]) -> None:
        self.path = path
        self.secret = secret_key() if path is not None else None
        self.stamp = _store_stamp()
        self.entries: Dict[str, Tuple[int, int, bytes, Optional[Summary]]] = {}
        self.written_ns = 0
        self.changed = False
        if path is None or self.secret is None:
            return
        payload = read_sealed(path, self.secret)
        if payload is None:
            return
        try:
            stamp, written_ns, entries = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return
        if stamp == self.stamp and isinstance(entries, dict) and isinstance(written_ns, int):
            self.entries = entries
            self.written_ns = written_ns

    def unchanged(self, relative: str, size: int, mtime_ns: int) -> Tuple[bool, Optional[Summary]]:
        """(known, summary) of a path whose size and time match its entry and are safely older than the store."""
        entry = self.entries.get(relative)
        if entry is None or entry[0] != size or entry[1] != mtime_ns or mtime_ns >= self.written_ns - RACY_NS:
            return False, None
        return True, entry[3]

    def get(self, relative: str, digest: bytes) -> Tuple[bool, Optional[Summary]]:
        """(known, summary) of a path whose bytes have this digest."""
        entry = self.entries.get(relative)
        if entry is None or entry[2] != digest:
            return False, None
        return True, entry[3]

    def put(self, relative: str, size: int, mtime_ns: int, digest: bytes, summary: Optional[Summary]) -> None:
        """Remember the summary (None: the file does not parse) of a path's bytes and their stat."""
        old = self.entries.get(relative)
        if old is None or old[:3] != (size, mtime_ns, digest) or mtime_ns < self.written_ns - RACY_NS:
            self.changed = True
        self.entries[relative] = (size, mtime_ns, digest, summary)

    def save(self, keep: Iterable[str]) -> None:
        """Write the store (entries of ``keep`` only) when anything changed; an unwritable store is skipped."""
        wanted = set(keep)
        if self.path is None or self.secret is None or not (self.changed or set(self.entries) - wanted):
            return
        entries = {path: entry for path, entry in self.entries.items() if path in wanted}
        write_sealed(self.path, self.secret, marshal.dumps((self.stamp, time.time_ns(), entries)))


def _git_python_files(settings: Settings) -> Optional[List[Tuple[str, str]]]:
    """(absolute, relative) of the project's tracked and untracked-not-ignored Python files; None outside git.

    The lean equivalent of :func:`hooks.runtime.files.discover` for the index,
    which reads every file of the project on every run: one ``git ls-files``,
    string tests, and no symlink is followed.
    """
    root = os.path.realpath(settings.root)
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.py", "*.pyi"],
            cwd=root, capture_output=True, check=False,
        )
    except OSError:
        return None
    if listed.returncode != 0:
        return None
    found = []
    for raw in sorted(set(listed.stdout.split(b"\0"))):
        relative = os.fsdecode(raw)
        if not relative.endswith((".py", ".pyi")) or in_skipped_folder(relative) or settings.is_excluded(relative):
            continue
        absolute = os.path.join(root, relative)
        try:
            if not stat.S_ISREG(os.lstat(absolute).st_mode):
                continue
        except OSError:
            continue
        found.append((absolute, relative))
    return found


def _summaries(files: Iterable[Tuple[str, str]], store: SummaryStore, limit: Optional[int] = None) -> List[Summary]:
    """The summary of every listed Python file: from the store when its bytes are known, else parsed.

    A file over ``limit`` bytes (``max-file-bytes``) is left out unread, as
    ``prefguard check`` leaves it unchecked (PGX002): its classes are unknown.
    """
    found: List[Summary] = []
    seen: List[str] = []
    for absolute, relative in files:
        if not relative.endswith((".py", ".pyi")):
            continue
        try:
            with open(absolute, "rb") as stream:
                status = os.fstat(stream.fileno())
                if limit is not None and status.st_size > limit:
                    continue
                known, summary = store.unchanged(relative, status.st_size, status.st_mtime_ns)
                data = b"" if known else stream.read()
        except OSError:
            continue
        seen.append(relative)
        if not known:
            digest = hashlib.sha256(data).digest()
            known, summary = store.get(relative, digest)
            if not known:
                text = decode_source_bytes(data)
                summary = summarize_source(relative, text) if text is not None else None
            store.put(relative, status.st_size, status.st_mtime_ns, digest, summary)
        if summary is not None:
            found.append(summary)
    store.save(seen)
    return found


def store_path(settings: Settings) -> Optional[Path]:
    """Where the summaries of a project live, or None when its cache folder must not be used."""
    root = Path(settings.root)
    folder = cache_folder(root)
    return None if tracked_by_git(root, folder) else folder / STORE_FILE


def project_index_for(settings: Settings, cached: bool = True) -> Optional[ProjectIndex]:
    """The index of every Python file under the project root, or None when no cross-file rule is enabled.

    With ``cached``, summaries come from the project's summary store; without,
    every file is parsed and nothing is written.
    """
    if not settings.enabled & INDEX_CODES:
        return None
    store = SummaryStore(store_path(settings) if cached else None)
    files = _git_python_files(settings)
    if files is None:
        files = [(str(item.absolute), item.relative) for item in discover([settings.root], settings)]
    index = ProjectIndex.from_summaries(_summaries(files, store, int(settings.value("max-file-bytes"))))
    index.byte_digests = {path: entry[2] for path, entry in store.entries.items() if path in index.paths}
    return index


def dependency_key(project: Any, relative: str, data: bytes) -> str:
    """The project-index facts one file's findings depend on, as a key ('' without a project or classes)."""
    if project is None:
        return ""
    digests = getattr(project, "byte_digests", None)
    if digests and digests.get(relative) == hashlib.sha256(data).digest():
        return project.facts_key(relative)
    if b"class" not in data and b"coding" not in data[:400]:
        return ""
    text = decode_source_bytes(data)
    if text is None:
        return ""
    return project.dependency_key(relative, text)
