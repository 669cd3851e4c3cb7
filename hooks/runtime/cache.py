# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The findings cache: what ``prefguard check`` found in a file, replayed while nothing changed.

One small file per entry, named by a key that hashes everything the findings
of a file depend on:

- the file's bytes and its project-relative path (per-file ignores, exemptions
  and package names depend on the path) and whether the file is new (the
  header rules apply to new files only);
- the configuration (:meth:`checks.config.settings.Settings.fingerprint`) and the
  current year (the copyright rule reads the calendar when no year is set);
- the tool: its version, the size and modification time of every file under
  ``checks/`` (so an edited rule invalidates entries even without a version
  bump), libcst's version and the Python version;
- whether the run has a project index; the index facts one file's findings
  read (:meth:`checks.analysis.project_index.ProjectIndex.dependency_key`)
  are part of that file's key instead, so an edit elsewhere invalidates only
  the files whose classes it touches. An index without ``dependency_key()``
  turns the cache off.

An entry is one header line (a magic word, its key and the HMAC-SHA256 of
key and payload made with this machine's secret key, see
:mod:`hooks.runtime.cache_trust`) and the payload: the findings as rows of plain values in ``marshal``
format, which loads tens of thousands of findings in milliseconds (the key
holds the Python version, so the format never changes under a reader).
Entries are written to a temporary file and renamed into place, so two runs
writing at once never leave a half-written entry; an entry that cannot be
read, names another key, fails its seal or has rows of the wrong shape is a
miss, and the run stores it again: an entry this machine's prefguard did not
write never changes what is reported. The folder is ``PREFGUARD_CACHE_DIR``
when set, else one folder per project in the user cache folder (outside the
work tree); a folder git tracks is refused. Entries unused for
:data:`MAX_AGE_DAYS` days are swept at most once a day.

Nothing here imports libcst: a run whose files all hit never loads it.
"""

import dataclasses
import datetime
import hashlib
import importlib.util
import json
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.engine.finding import Finding, Fix, TextEdit
from checks.config.settings import Settings
from hooks.runtime.cache_trust import cache_folder, is_sealed, seal, secret_key, tracked_by_git
from hooks.version import VERSION

CACHE_FORMAT = 2
ENTRY_MAGIC = b"prefguard-findings-2"
ENTRIES_FOLDER = f"findings-v{CACHE_FORMAT}"
SWEEP_MARKER = "last-sweep"
MAX_AGE_DAYS = 30
REFRESH_AFTER_SECONDS = 86400.0
CHECKS_PACKAGE = Path(__file__).resolve().parents[2] / "checks"


def default_folder(root: Path) -> Path:
    """Where the cache lives for a project root (see :func:`hooks.runtime.cache_trust.cache_folder`)."""
    return cache_folder(root)


def _code_fingerprint() -> List[Any]:
    """Sizes and modification times of every file of the ``checks`` package."""
    stamps: List[Any] = []
    pending = [CHECKS_PACKAGE]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            stamps.append([os.path.relpath(entry.path, CHECKS_PACKAGE), stat.st_size, stat.st_mtime_ns])
    stamps.sort()
    return stamps


def _libcst_stamp() -> List[Any]:
    """Where libcst is installed and its version file, found without importing libcst."""
    spec = importlib.util.find_spec("libcst")
    if spec is None or spec.origin is None:
        return ["missing"]
    version_file = Path(spec.origin).parent / "_version.py"
    try:
        stat = version_file.stat()
    except OSError:
        return [spec.origin]
    return [spec.origin, stat.st_size, stat.st_mtime_ns]


def code_stamp() -> str:
    """A hash of prefguard's version and the files of its ``checks`` package (what rule documentation depends on)."""
    blob = json.dumps({"version": VERSION, "code": _code_fingerprint()}, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def run_fingerprint(settings: Settings, project: Any = None) -> Optional[str]:
    """A hash of everything beside the file itself that findings depend on; None: do not cache."""
    project_key = None
    if project is not None:
        if not callable(getattr(project, "dependency_key", None)):
            return None
        project_key = "per-file"
    payload = {
        "format": CACHE_FORMAT,
        "version": VERSION,
        "python": list(sys.version_info[:3]),
        "libcst": _libcst_stamp(),
        "code": _code_fingerprint(),
        "settings": settings.fingerprint(),
        "year": datetime.date.today().year,
        "project": project_key,
    }
    blob = json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


FINDING_FIELDS = ("code", "path", "line", "column", "end_line", "end_column", "message", "fix", "pointer", "commit", "cell")
_PLAIN_FINDING = not hasattr(Finding, "__slots__") and not hasattr(Finding, "__post_init__") and tuple(
    f.name for f in dataclasses.fields(Finding)
) == FINDING_FIELDS


def _encode_fix(fix: Optional[Fix]) -> Any:
    """A fix as its description, or ``[description, line, column, end_line, end_column, text]`` with its edit."""
    if fix is None:
        return None
    if fix.edit is None:
        return fix.description
    edit = fix.edit
    return [fix.description, edit.line, edit.column, edit.end_line, edit.end_column, edit.text]


def _decode_fix(value: Any, fixes: Dict[str, Fix]) -> Optional[Fix]:
    if value is None:
        return None
    if isinstance(value, str):
        return fixes.setdefault(value, Fix(value))
    return Fix(value[0], edit=TextEdit(*value[1:]))


def _encode(findings: Sequence[Finding]) -> List[Tuple[Any, ...]]:
    return [
        (f.code, f.line, f.column, f.end_line, f.end_column, f.message, _encode_fix(f.fix), f.pointer, f.commit, f.cell)
        for f in findings
    ]


def _build(rows: List[Tuple[Any, ...]], path: str) -> List[Finding]:
    """Findings from rows this module wrote (their digest was checked).

    ``Finding`` is a frozen dataclass, whose constructor assigns each field
    through ``object.__setattr__``; a warm run rebuilds tens of thousands of
    findings, so when the class is a plain dataclass with exactly the fields
    known here its instance dictionary is filled directly (three times faster).
    """
    findings: List[Finding] = []
    append = findings.append
    fixes: Dict[str, Fix] = {}
    if _PLAIN_FINDING:
        new = object.__new__
        for code, line, column, end_line, end_column, message, fix, pointer, commit, cell in rows:
            finding = new(Finding)
            finding.__dict__.update(
                code=code, path=path, line=line, column=column, end_line=end_line, end_column=end_column,
                message=message, fix=None if fix is None else _decode_fix(fix, fixes),
                pointer=pointer, commit=commit, cell=cell,
            )
            append(finding)
        return findings
    for code, line, column, end_line, end_column, message, fix, pointer, commit, cell in rows:
        append(Finding(code, path, line, column, end_line, end_column, message,
                       _decode_fix(fix, fixes), pointer, commit, cell))
    return findings


class FindingsCache:
    """Read and write findings entries under one folder for one run fingerprint."""

    def __init__(self, folder: Path, fingerprint: str, secret: Optional[bytes] = None) -> None:
        self.folder = Path(folder)
        self.secret = secret if secret is not None else (secret_key() or b"")
        self.entries = self.folder / ENTRIES_FOLDER
        self._entries_text = str(self.entries)
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._writable = True

    @classmethod
    def for_run(cls, settings: Settings, project: Any = None, folder: Optional[Path] = None) -> Optional["FindingsCache"]:
        """The cache of a run, or None when this run's findings cannot be cached."""
        fingerprint = run_fingerprint(settings, project)
        secret = secret_key()
        if fingerprint is None or secret is None:
            return None
        chosen = Path(folder) if folder is not None else default_folder(Path(settings.root))
        if tracked_by_git(Path(settings.root), chosen):
            return None
        return cls(chosen, fingerprint, secret)

    def key(self, data: bytes, relative: str, is_new: bool, dependencies: str = "") -> str:
        """The entry key of one file's bytes at one path (``dependencies``: the project facts it uses)."""
        digest = hashlib.sha256()
        digest.update(self.fingerprint.encode("ascii"))
        digest.update(b"\0new\0" if is_new else b"\0old\0")
        digest.update(relative.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(dependencies.encode("ascii"))
        digest.update(b"\0")
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def _entry_path(self, key: str) -> str:
        return os.path.join(self._entries_text, key[:2], key[2:])

    def get(self, key: str, path: str) -> Optional[List[Finding]]:
        """The cached findings of an entry (with ``path`` as their path), or None on a miss."""
        entry = self._entry_path(key)
        try:
            with open(entry, "rb") as stream:
                stat = os.fstat(stream.fileno())
                raw = stream.read()
        except OSError:
            self.misses += 1
            return None
        rows = self._rows(raw, key, self.secret)
        if rows is None:
            self.misses += 1
            return None
        self.hits += 1
        if time.time() - stat.st_mtime > REFRESH_AFTER_SECONDS:
            try:
                os.utime(entry)
            except OSError:
                pass
        return _build(rows, path)

    @staticmethod
    def _rows(raw: bytes, key: str, secret: bytes) -> Optional[List[Tuple[Any, ...]]]:
        """The rows of an entry whose header names this key and whose seal is this machine's, else None."""
        header, newline, payload = raw.partition(b"\n")
        parts = header.split(b" ")
        label = key.encode("ascii")
        if not newline or len(parts) != 3 or parts[0] != ENTRY_MAGIC or parts[1] != label:
            return None
        if not secret or not is_sealed(secret, label, payload, parts[2]):
            return None
        try:
            rows = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        if not isinstance(rows, list) or not all(type(row) is tuple and len(row) == 10 for row in rows):
            return None
        return rows

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        """Store an entry atomically; a cache that cannot be written is skipped silently."""
        if not self._writable or not self.secret:
            return
        entry = self._entry_path(key)
        payload = marshal.dumps(_encode(findings))
        label = key.encode("ascii")
        blob = b" ".join((ENTRY_MAGIC, label, seal(self.secret, label, payload))) + b"\n" + payload
        shard = os.path.dirname(entry)
        try:
            os.makedirs(shard, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=shard)
        except OSError:
            self._writable = False
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            os.replace(temporary, entry)
        except OSError:
            self._writable = False
            try:
                os.unlink(temporary)
            except OSError:
                pass
            return
        self.writes += 1

    def finish(self) -> None:
        """After a run that wrote entries: keep git out of the folder and sweep old entries daily."""
        if not self.writes:
            return
        ignore_file = self.folder / ".gitignore"
        try:
            if not ignore_file.exists():
                ignore_file.write_text("# Created by prefguard: the findings cache.\n*\n", encoding="utf-8")
            marker = self.folder / SWEEP_MARKER
            if marker.exists() and time.time() - marker.stat().st_mtime < REFRESH_AFTER_SECONDS:
                return
            marker.write_text(str(int(time.time())) + "\n", encoding="utf-8")
        except OSError:
            return
        self.sweep()

    def sweep(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Delete entries (and stray temporary files) unused for ``max_age_days``; return how many."""
        limit = time.time() - max_age_days * 86400.0
        removed = 0
        try:
            shards = list(os.scandir(self.entries))
        except OSError:
            return 0
        for shard in shards:
            if not shard.is_dir(follow_symlinks=False):
                continue
            try:
                files = list(os.scandir(shard.path))
            except OSError:
                continue
            for entry in files:
                try:
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    continue
        return removed
