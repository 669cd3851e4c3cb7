# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Run the source rules over many files: worker processes, stable order, safe writes.

Two measured choices make workers pay off from about 20 files:

- the workers (forked on Linux, :mod:`hooks.runtime.parallel`) start after
  this process has loaded libcst, the enabled rules and the English lexicon,
  so a worker starts with everything imported and the project index in
  place, instead of importing libcst and parsing the lexicon again;
- libcst builds large trees without reference cycles, on which Python's
  automatic collector spent about a quarter of the checking time: while
  files are checked it is off, and a young-generation collection runs after
  each file (memory stays flat).
"""

import contextlib
import dataclasses
import gc
import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from checks.engine.finding import Finding
from checks.config.settings import Settings
from hooks.errors import InternalError
from hooks.runtime.files import SourceFile
from hooks.runtime.parallel import guided_batches, map_in_processes
from hooks.runtime.project_index import dependency_key

MIN_FILES_PER_WORKER = 8


@dataclass
class FileOutcome:
    """What checking (and maybe fixing) one file produced."""

    source_file: SourceFile
    findings: List[Finding]
    original: bytes = b""
    fixed: Optional[bytes] = None
    applied: int = 0
    notes: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """One file's work, picklable for worker processes."""

    source_file: SourceFile
    data: bytes
    is_new: bool
    fix: bool
    only: Optional[FrozenSet[Tuple[str, int, int]]] = None
    edits: bool = False


def _display(findings: Sequence[Finding], display: str) -> List[Finding]:
    return [finding.with_path(display) for finding in findings]


def run_job(job: Job, settings: Settings, project: Any = None) -> FileOutcome:
    """Check (and with ``fix`` fix) one file; any unexpected error names the file."""
    from checks.engine.lint import fix_source, lint_source

    relative = job.source_file.relative
    try:
        if job.fix:
            outcome = fix_source(job.data, relative, settings, job.is_new, project, only=job.only)
            fixed = outcome.source if outcome.changed else None
            findings = _display(outcome.findings, job.source_file.display)
            return FileOutcome(job.source_file, findings, job.data, fixed, outcome.applied, outcome.notes)
        if job.edits:
            from checks.engine.fix_edits import lint_with_edits

            found = lint_with_edits(job.data, relative, settings, job.is_new, project)
        else:
            found = lint_source(job.data, relative, settings, job.is_new, project)
        return FileOutcome(job.source_file, _display(found, job.source_file.display), job.data)
    except Exception as error:
        raise InternalError(job.source_file.display, error) from error


def _strip_fixes(outcome: FileOutcome) -> FileOutcome:
    """Fix callables cannot cross process boundaries; keep only whether a fix exists.

    The original bytes are not sent back either: the parent process has them.
    """
    from checks.engine.finding import Fix

    stripped = [
        dataclasses.replace(f, fix=Fix(f.fix.description, edit=f.fix.edit)) if f.fix is not None else f
        for f in outcome.findings
    ]
    return dataclasses.replace(outcome, findings=stripped, original=b"")


_WORKER_STATE: Dict[str, Any] = {}


def _init_worker(settings: Settings, project: Any) -> None:
    """Keep the run's settings and load libcst and the enabled rules once, before the first file."""
    from checks.engine.registry import rule_classes

    _WORKER_STATE["settings"] = settings
    _WORKER_STATE["project"] = project
    rule_classes(settings.enabled)


@dataclass(frozen=True)
class _WorkerFailure:
    """An internal error in a worker, carried back as plain data (InternalError does not pickle)."""

    display: str
    error_type: str
    error_text: str

    def raise_here(self) -> None:
        """Raise the InternalError the worker met, in this process."""
        error = type(self.error_type, (Exception,), {})(self.error_text)
        raise InternalError(self.display, error)


@contextlib.contextmanager
def young_collections_only() -> Iterator[None]:
    """Automatic garbage collection off for a stretch of files (see the module docstring)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_batch(batch: List[Tuple[int, Job]]) -> List[Tuple[int, Any]]:
    settings = _WORKER_STATE["settings"]
    project = _WORKER_STATE["project"]
    done: List[Tuple[int, Any]] = []
    with young_collections_only():
        for index, job in batch:
            try:
                outcome = run_job(job, settings, project)
            except InternalError as error:
                cause = error.__cause__ if error.__cause__ is not None else error
                return [(index, _WorkerFailure(job.source_file.display, type(cause).__name__, str(cause)))]
            gc.collect(1)
            done.append((index, _strip_fixes(outcome)))
    return done


def preload_for_workers(settings: Settings) -> None:
    """Load libcst, the enabled rules and the English lexicon here, so forked workers inherit them."""
    from checks.engine.registry import rule_classes

    importlib.import_module("checks.engine.lint")
    rule_classes(settings.enabled)
    if any(code.startswith("ENG") for code in settings.enabled):
        from checks.english.lexicon import load_lexicon

        load_lexicon()

def choose_workers(requested: Optional[int], count: int) -> int:
    """Default: one process per core, but one process for a handful of files."""
    cores = os.cpu_count() or 1
    wanted = cores if requested is None or requested <= 0 else requested
    return max(1, min(wanted, count // MIN_FILES_PER_WORKER or 1))


def job_key(cache: Any, data: bytes, job: Job, project: Any) -> str:
    """The cache key of a job's bytes: content, path, newness and the index facts the file uses."""
    relative = job.source_file.relative
    return cache.key(data, relative, job.is_new, dependency_key(project, relative, data))


def _store(cache: Any, key: str, job: Job, outcome: FileOutcome, project: Any) -> None:
    """Keep the findings under the key of the bytes they describe (the fixed bytes after a fix)."""
    if outcome.fixed is not None:
        key = job_key(cache, outcome.fixed, job, project)
    cache.put(key, outcome.findings)


def _replay(cache: Any, key: str, job: Job) -> Optional[FileOutcome]:
    """The outcome of a job from the cache, or None when the engine must run.

    A fix run replays only files without fixable findings: the others need the
    engine's fix objects; a run that shows fix edits (SARIF) replays a file
    whose entry holds them (or has no fixable finding).
    """
    findings = cache.get(key, job.source_file.display)
    if findings is None:
        return None
    if job.fix and any(f.fix is not None for f in findings):
        return None
    if job.edits and any(f.fix is not None and f.fix.edit is None for f in findings):
        return None
    return FileOutcome(job.source_file, findings, job.data)


def run_jobs(
    jobs: Sequence[Job],
    settings: Settings,
    requested_workers: Optional[int] = None,
    project: Any = None,
    cache: Any = None,
    progress: Any = None,
) -> List[FileOutcome]:
    """Outcomes of all jobs, in job order.

    With a cache (:class:`hooks.runtime.cache.FindingsCache`), files whose entry exists
    are replayed without running the engine (nor importing libcst); the rest
    run in this process when they are few, else in worker processes (default:
    one per core), and their findings are stored. ``progress``
    (:class:`hooks.runtime.progress.Progress`) hears of every finished file.
    """
    results: List[Optional[FileOutcome]] = [None] * len(jobs)
    keys: List[str] = []
    pending: List[Tuple[int, Job]] = []
    for index, job in enumerate(jobs):
        replayed = None
        if cache is not None:
            keys.append(job_key(cache, job.data, job, project))
            replayed = _replay(cache, keys[index], job)
        if replayed is None:
            pending.append((index, job))
        else:
            results[index] = replayed
    if progress is not None:
        progress.advance(len(jobs) - len(pending))
    workers = choose_workers(requested_workers, len(pending))
    if workers <= 1 or len(pending) < 2:
        with young_collections_only():
            for index, job in pending:
                outcome = run_job(job, settings, project)
                gc.collect(1)
                if cache is not None:
                    _store(cache, keys[index], job, outcome, project)
                results[index] = outcome
                if progress is not None:
                    progress.advance()
    else:
        batches = guided_batches(pending, lambda item: len(item[1].data), workers)
        preload_for_workers(settings)
        for done in map_in_processes(_run_batch, batches, workers, _init_worker, (settings, project)):
            for index, outcome in done:
                if isinstance(outcome, _WorkerFailure):
                    outcome.raise_here()
                outcome.original = jobs[index].data
                if cache is not None:
                    _store(cache, keys[index], jobs[index], outcome, project)
                results[index] = outcome
                if progress is not None:
                    progress.advance()
    if cache is not None:
        cache.finish()
    return [outcome for outcome in results if outcome is not None]


def summarize(outcomes: Sequence[FileOutcome]) -> Tuple[List[Finding], int]:
    """All findings in stable order, and the number of files checked.

    Each outcome's findings come sorted (the engine sorts them, the cache keeps
    their order), so when the files themselves come in path order, joining the
    lists already is the sorted order and the sort is skipped.
    """
    findings = [f for outcome in outcomes for f in outcome.findings]
    displays = [outcome.source_file.display for outcome in outcomes]
    if any(a >= b for a, b in zip(displays, displays[1:])):
        findings.sort(key=Finding.sort_key)
    return findings, len(outcomes)
