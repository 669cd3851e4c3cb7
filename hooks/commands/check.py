# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard check``: source rules over files, folders, staged blobs or a commit range."""

import argparse
import bisect
import dataclasses
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

from checks.engine.finding import Finding
from checks.config.settings import Settings
from hooks.runtime.cache import FindingsCache
from hooks.runtime.check_runner import FileOutcome, Job, run_job, run_jobs, summarize
from hooks.runtime.other_files import OtherFile, check_names, check_other_files, extra_suffixes
from hooks.runtime.progress import Progress, line_wanted
from hooks.runtime.project_index import project_index_for
from hooks.commands.baseline import finding_scope, fixable_jobs, sources_of
from hooks.config_loader import load_settings
from hooks.errors import UsageError
from hooks.runtime.files import SOURCE_SUFFIXES, SourceFile, discover, files_in_base, write_atomically
from hooks.runtime.temporary import remove_stale
from hooks.output.context import ReportContext, introduced_since
from hooks.output.report import FORMATS, count_line, render, write_findings
from hooks.runtime.shards import Shard, in_shard, names_in_shard, parse_shard


def split_codes(value: Optional[str]) -> List[str]:
    """``A,B , C`` into ``["A", "B", "C"]``."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``prefguard check`` (docs/cli.md)."""
    parser.add_argument("paths", nargs="*", help="files and folders to check (default: .)")
    parser.add_argument("--fix", action="store_true", help="apply fixes in place")
    parser.add_argument("--diff", action="store_true", help="print fixes as a unified diff, change nothing")
    parser.add_argument("--select", help="comma-separated codes or prefixes to enable (replaces the configured set)")
    parser.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--staged", action="store_true", help="check the staged versions of staged files")
    parser.add_argument("--from-ref", help="check files changed since this ref ...")
    parser.add_argument("--to-ref", help="... up to this ref, as of this ref")
    parser.add_argument("--config", help="a pyproject.toml or prefguard.toml to read instead")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the findings cache")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores; 1 for few files)")
    parser.add_argument("--quiet", action="store_true", help="no progress line on a terminal during long runs")
    parser.add_argument("--changed", action="store_true", help="report only findings on lines the change added or modified")
    parser.add_argument("--no-baseline", action="store_true", help="report findings the baseline file accepts too")
    parser.add_argument(
        "--output", action="append", default=[], metavar="FORMAT=PATH",
        help="also write the findings in FORMAT to PATH (repeatable; one run for annotations, SARIF and summary)",
    )
    parser.add_argument(
        "--new-since", metavar="REF",
        help="findings on lines changed since REF come first in github, sarif and summary output (GitHub shows only some)",
    )
    parser.add_argument("--shard", metavar="K/N", help="check only part K of N deterministic, size-balanced parts of the files")


def _is_new_predicate(settings: Settings, base: str) -> Callable[[str], bool]:
    present = files_in_base(Path(settings.root), base)
    if present is None:
        return lambda relative: True
    renamed: List[Set[str]] = []

    def is_new(relative: str) -> bool:
        if relative in present:
            return False
        if not renamed:
            from hooks.vcs.changed_lines import rename_targets

            renamed.append(rename_targets(Path(settings.root)))
        return relative not in renamed[0]

    return is_new


def unreadable_finding(source_file: SourceFile, error: OSError, settings: Settings) -> List[Finding]:
    """PGX002 for a file that cannot be read (the other files are still checked)."""
    if "PGX002" not in settings.codes_for(source_file.relative):
        return []
    reason = error.strerror or str(error)
    return [Finding.at("PGX002", source_file.display, f"cannot read the file: {reason}; not checked")]


def _file_size(source_file: SourceFile) -> int:
    try:
        return source_file.absolute.stat().st_size
    except OSError:
        return 0


def _jobs_from_disk(args: argparse.Namespace, settings: Settings) -> Tuple[List[Job], List[OtherFile], List[SourceFile], List[Finding]]:
    """The files to check as jobs (Python) and other files, the files named, and PGX002 for unreadable ones.

    Only the files of this shard (``--shard``) become jobs. Also removes the temporary files an
    interrupted ``--fix`` left in the folders of those files.
    """
    files = discover(args.paths or ["."], settings, SOURCE_SUFFIXES + extra_suffixes(settings))
    remove_stale({source_file.absolute.parent for source_file in files} | {Path(settings.root)})
    shard = getattr(args, "shard_spec", None)
    chosen = files if shard is None else in_shard(files, shard, lambda f: f.relative, _file_size)
    is_new = _is_new_predicate(settings, "HEAD")
    jobs = []
    others = []
    unreadable: List[Finding] = []
    for source_file in chosen:
        try:
            data = source_file.absolute.read_bytes()
        except OSError as error:
            unreadable.extend(unreadable_finding(source_file, error, settings))
            continue
        if source_file.relative.endswith(SOURCE_SUFFIXES):
            jobs.append(Job(source_file, data, is_new(source_file.relative), bool(args.fix or args.diff)))
        else:
            others.append(OtherFile(source_file, data, is_new(source_file.relative)))
    return jobs, others, files, unreadable


def _jobs_from_git(args: argparse.Namespace, settings: Settings) -> List[Job]:
    from hooks.vcs.blobs import changed_blobs

    blobs = changed_blobs(Path(settings.root), staged=args.staged, from_ref=args.from_ref, to_ref=args.to_ref)
    wanted = {Path(p).resolve() for p in args.paths} if args.paths else None
    jobs = []
    for blob in blobs:
        # A named folder stands for every changed file below it (`check . --staged`).
        if wanted is not None and not wanted.intersection((blob.absolute.resolve(), *blob.absolute.resolve().parents)):
            continue
        if settings.is_excluded(blob.relative) or not blob.relative.endswith((".py", ".pyi")):
            continue
        source_file = SourceFile(blob.absolute, blob.relative, blob.display)
        jobs.append(Job(source_file, blob.data, blob.is_new, False))
    return jobs


def _write_fixes(outcomes: List[FileOutcome], jobs: Sequence[Job], settings: Settings, project: Any) -> int:
    """Write every fixed file; a file that cannot be written keeps (and reports) its original findings."""
    by_path = {job.source_file.relative: job for job in jobs}
    written = 0
    for index, outcome in enumerate(outcomes):
        for note in outcome.notes:
            print(f"[WARN] {note}", file=sys.stderr, flush=True)
        if outcome.fixed is None:
            continue
        try:
            write_atomically(outcome.source_file.absolute, outcome.fixed)
        except OSError as error:
            print(f"[ERROR] {outcome.source_file.display}: fixes not written: {error}", file=sys.stderr, flush=True)
            job = by_path[outcome.source_file.relative]
            outcomes[index] = run_job(dataclasses.replace(job, fix=False), settings, project)
            continue
        written += 1
    return written


def _print_diffs(outcomes: Sequence[FileOutcome]) -> int:
    import difflib

    changed = 0
    for outcome in outcomes:
        if outcome.fixed is None:
            continue
        changed += 1
        before = outcome.original.decode("utf-8", "replace").splitlines(keepends=True)
        after = outcome.fixed.decode("utf-8", "replace").splitlines(keepends=True)
        name = outcome.source_file.display
        sys.stdout.writelines(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))
    sys.stdout.flush()
    return changed


def _outputs(args: argparse.Namespace) -> List[Tuple[str, Path]]:
    """``--output FORMAT=PATH`` pairs; exit status 2 on an unknown format."""
    pairs = []
    for value in getattr(args, "output", None) or []:
        fmt, sep, path = value.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise UsageError(f"--output {value!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}")
        pairs.append((fmt, Path(path)))
    return pairs


def _shard_names(findings: List[Finding], shard: Optional[Shard], mine: Set[str], named: Sequence[SourceFile]) -> List[Finding]:
    """Path-name findings of this shard only (all files' names are judged, each finding kept by one shard)."""
    if shard is None:
        return findings
    return names_in_shard(findings, shard, mine, {f.display for f in named})


def _report(findings: List[Finding], args: argparse.Namespace, settings: Settings, sources: Dict, cache: Any) -> None:
    """Write the findings in the chosen format and every ``--output``."""
    introduced = introduced_since(Path(settings.root), args.new_since, sources) if getattr(args, "new_since", None) else None
    context = ReportContext(sources, introduced, cache.folder if cache is not None else None)
    write_findings(findings, args.format, context=context)
    for fmt, path in _outputs(args):
        try:
            write_atomically(path, render(findings, fmt, context).encode("utf-8"))
        except OSError as error:
            raise UsageError(f"--output {fmt}={path}: cannot write: {error.strerror or error}") from None


def all_findings(paths: Sequence[str], settings: Settings, use_cache: bool = True, workers: Optional[int] = None) -> Tuple[List[Finding], Dict]:
    """Every finding of the files under ``paths`` (no baseline, no scope) and the checked files by display path."""
    args = argparse.Namespace(paths=list(paths), fix=False, diff=False)
    jobs, others, named, unreadable = _jobs_from_disk(args, settings)
    project = project_index_for(settings, cached=use_cache)
    cache = FindingsCache.for_run(settings, project) if use_cache else None
    outcomes = run_jobs(jobs, settings, workers, project=project, cache=cache)
    findings, _ = summarize(outcomes)
    extra = check_other_files(others, settings, project, cache) + check_names(named, settings, cache) + unreadable
    return sorted(findings + extra, key=Finding.sort_key), sources_of(outcomes, others, named)


def run(args: argparse.Namespace) -> int:
    """Check, fix or diff; exit 0 when nothing is found, 1 on findings."""
    if (args.from_ref is None) != (args.to_ref is None):
        raise UsageError("--from-ref and --to-ref go together")
    git_mode = args.staged or args.from_ref is not None
    if git_mode and (args.fix or args.diff):
        raise UsageError("--fix and --diff work on files on disk, not with --staged or --from-ref/--to-ref")
    if args.fix and args.diff:
        raise UsageError("choose one of --fix and --diff")
    outputs = _outputs(args)
    args.shard_spec = parse_shard(args.shard) if getattr(args, "shard", None) else None
    settings = load_settings(args.config, select=split_codes(args.select), ignore=split_codes(args.ignore))
    unreadable: List[Finding] = []
    if git_mode:
        jobs, others, named = _jobs_from_git(args, settings), [], []
        if args.shard_spec is not None:
            jobs = in_shard(jobs, args.shard_spec, lambda job: job.source_file.relative, lambda job: len(job.data))
    else:
        jobs, others, named, unreadable = _jobs_from_disk(args, settings)
    if "sarif" in {args.format, *(fmt for fmt, _ in outputs)} and not (args.fix or args.diff):
        jobs = [dataclasses.replace(job, edits=True) for job in jobs]
    project = project_index_for(settings, cached=not args.no_cache)
    cache = None if args.no_cache else FindingsCache.for_run(settings, project)
    scope = finding_scope(args, settings)
    if scope is not None and (args.fix or args.diff):
        unfixed = [dataclasses.replace(job, fix=False) for job in jobs]
        jobs = fixable_jobs(scope, jobs, run_jobs(unfixed, settings, args.jobs, project=project, cache=cache))
    progress = Progress(len(jobs), line_wanted(sys.stderr, getattr(args, "quiet", False)))
    try:
        outcomes = run_jobs(jobs, settings, args.jobs, project=project, cache=cache, progress=progress)
    finally:
        progress.close()
    if args.diff:
        would_change = _print_diffs(outcomes)
        findings, checked = summarize(outcomes)
        if scope is not None:
            findings = scope.filter(findings, sources_of(outcomes, others, named))
        print(f"{would_change} file(s) would be fixed; {count_line(findings, checked)}", file=sys.stderr, flush=True)
        return 1 if would_change or findings else 0
    if args.fix:
        outcomes = list(outcomes)
        written = _write_fixes(outcomes, jobs, settings, project)
        applied = sum(outcome.applied for outcome in outcomes if outcome.fixed is not None)
        print(f"[INFO] fixed {applied} finding(s) in {written} file(s)", file=sys.stderr, flush=True)
    findings, checked = summarize(outcomes)
    mine = {job.source_file.display for job in jobs} | {other.source_file.display for other in others}
    names = _shard_names(check_names(named, settings, cache), args.shard_spec, mine, named)
    extra = check_other_files(others, settings, project, cache) + names + unreadable
    for finding in sorted(extra, key=Finding.sort_key):
        bisect.insort(findings, finding, key=Finding.sort_key)
    checked += len(others) + len(unreadable)
    sources = sources_of(outcomes, others, named if args.shard_spec is None else [f for f in named if f.display in mine])
    if scope is not None:
        findings = scope.filter(findings, sources)
        scope.report()
    _report(findings, args, settings, sources, cache)
    if args.format == "text":
        print(count_line(findings, checked), file=sys.stderr, flush=True)
    return 1 if findings else 0
