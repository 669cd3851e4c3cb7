# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Run the source rules over many files: worker processes, stable order, safe writes."""

import dataclasses
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.finding import Finding
from checks.settings import Settings
from hooks.errors import InternalError
from hooks.files import SourceFile

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


def _display(findings: Sequence[Finding], display: str) -> List[Finding]:
    return [dataclasses.replace(f, path=display) for f in findings]


def run_job(job: Job, settings: Settings, project: Any = None) -> FileOutcome:
    """Check (and with ``fix`` fix) one file; any unexpected error names the file."""
    from checks.engine import fix_source, lint_source

    relative = job.source_file.relative
    try:
        if job.fix:
            outcome = fix_source(job.data, relative, settings, job.is_new, project)
            fixed = outcome.source if outcome.changed else None
            findings = _display(outcome.findings, job.source_file.display)
            return FileOutcome(job.source_file, findings, job.data, fixed, outcome.applied, outcome.notes)
        findings = _display(lint_source(job.data, relative, settings, job.is_new, project), job.source_file.display)
        return FileOutcome(job.source_file, findings, job.data)
    except Exception as error:
        raise InternalError(job.source_file.display, error) from error


def _strip_fixes(outcome: FileOutcome) -> FileOutcome:
    """Fix callables cannot cross process boundaries; keep only whether a fix exists."""
    from checks.finding import Fix

    stripped = [
        dataclasses.replace(f, fix=Fix(f.fix.description)) if f.fix is not None else f for f in outcome.findings
    ]
    return dataclasses.replace(outcome, findings=stripped)


_WORKER_STATE: Dict[str, Any] = {}


def _init_worker(settings: Settings, project: Any) -> None:
    _WORKER_STATE["settings"] = settings
    _WORKER_STATE["project"] = project


def _run_batch(jobs: List[Job]) -> List[FileOutcome]:
    settings = _WORKER_STATE["settings"]
    project = _WORKER_STATE["project"]
    return [_strip_fixes(run_job(job, settings, project)) for job in jobs]


def choose_workers(requested: Optional[int], count: int) -> int:
    """Default: one process per core, but one process for a handful of files."""
    cores = os.cpu_count() or 1
    wanted = cores if requested is None or requested <= 0 else requested
    return max(1, min(wanted, count // MIN_FILES_PER_WORKER or 1))


def run_jobs(jobs: Sequence[Job], settings: Settings, workers: int, project: Any = None) -> List[FileOutcome]:
    """Run jobs in ``workers`` processes (in this process when 1); results in job order."""
    if workers <= 1 or len(jobs) < 2:
        return [run_job(job, settings, project) for job in jobs]
    size = max(1, min(32, len(jobs) // (workers * 4) or 1))
    batches = [list(jobs[i:i + size]) for i in range(0, len(jobs), size)]
    results: List[FileOutcome] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings, project)) as pool:
        for batch in pool.map(_run_batch, batches):
            results.extend(batch)
    return results


def summarize(outcomes: Sequence[FileOutcome]) -> Tuple[List[Finding], int]:
    """All findings in stable order, and the number of files checked."""
    findings = [f for outcome in outcomes for f in outcome.findings]
    findings.sort(key=Finding.sort_key)
    return findings, len(outcomes)

