# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard baseline``: record today's findings so that only new ones are reported.

Also the scope that ``prefguard check`` applies to its findings: the baseline
(unless ``--no-baseline``) and the changed lines (``--changed``). The pure
parts (fingerprints, counted matching, pruning, the file format) live in
``checks.baseline``; this module reads and writes files and asks git.
"""

import argparse
import dataclasses
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

from checks.baseline.baseline_file import (
    EMPTY_BASELINE,
    Baseline,
    BaselineError,
    baseline_from_keys,
    check_entry_path,
    parse_baseline,
    render_baseline,
)
from checks.baseline.changed_scope import in_change
from checks.baseline.fingerprint import FindingKey, finding_key, reads_lines, split_lines
from checks.baseline.matching import follow_renames, match_findings, prune, stale_count
from checks.config.settings import Settings
from checks.engine.finding import Finding
from hooks.errors import UsageError
from hooks.runtime.files import write_atomically
from hooks.runtime.locking import project_lock


@dataclass(frozen=True)
class SourceText:
    """A checked file: its project-relative path, where it is, and the version that was checked."""

    relative: str
    absolute: Path
    data: Optional[bytes]


def baseline_location(settings: Settings) -> Path:
    """The baseline file of a project: ``[tool.prefguard] baseline`` under the project root."""
    name = str(settings.value("baseline"))
    try:
        check_entry_path(name)
    except BaselineError:
        raise UsageError(f"{settings.source}: [tool.prefguard] baseline = {name!r} must be a relative path inside the project") from None
    return Path(settings.root) / name


def read_baseline(path: Path) -> Optional[Baseline]:
    """The baseline at ``path``; None when there is none; exit 2 (UsageError) when it cannot be used."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"cannot read the baseline {path}: {error.strerror or error}") from None
    try:
        return parse_baseline(data)
    except BaselineError as error:
        raise UsageError(f"baseline {path}: {error}") from None


def _relative_to_root(finding: Finding, sources: Dict[str, SourceText]) -> Tuple[str, Optional[SourceText]]:
    source = sources.get(finding.path)
    if source is None:
        return finding.path, None
    return source.relative, source


def _keyed(findings: Sequence[Finding], sources: Dict[str, SourceText]) -> List[Tuple[Finding, FindingKey]]:
    """Every finding with its key, reading each file's lines once."""
    lines_of: Dict[str, Optional[List[str]]] = {}
    keyed = []
    for finding in findings:
        relative, source = _relative_to_root(finding, sources)
        if relative not in lines_of:
            readable = source is not None and source.data is not None and reads_lines(relative)
            lines_of[relative] = split_lines(source.data) if readable and source is not None and source.data is not None else None
        keyed.append((finding, finding_key(finding, relative, lines_of[relative])))
    return keyed


def _missing_paths(baseline: Baseline, root: Path) -> Set[str]:
    return {path for path in baseline.paths() if not (root / path).exists()}


def _with_renames(baseline: Baseline, root: Path, location: Path) -> Baseline:
    """Follow git renames of baselined files that are gone (asks git only when some are)."""
    if not _missing_paths(baseline, root):
        return baseline
    from hooks.vcs.changed_lines import renames_since

    return follow_renames(baseline, renames_since(root, location))


class FindingScope:
    """What ``prefguard check`` reports: findings outside the baseline, within the change."""

    def __init__(self, settings: Settings, baseline: Optional[Baseline], location: Path, changed: Any) -> None:
        self.root = Path(settings.root)
        self.location = location
        self.baseline = None if baseline is None else _with_renames(baseline, self.root, location)
        self.changed = changed
        self.accepted = 0
        self.stale = 0

    def filter(self, findings: Sequence[Finding], sources: Dict[str, SourceText]) -> List[Finding]:
        """The findings to report, in their order; counts what the baseline accepted and what is stale."""
        reported = list(findings)
        if self.baseline is not None:
            result = match_findings(_keyed(reported, sources), self.baseline)
            reported = result.reported
            self.accepted = result.accepted
            checked = {source.relative for source in sources.values()}
            self.stale = stale_count(self.baseline, result.observed, checked, _missing_paths(self.baseline, self.root))
        if self.changed is not None:
            reported = [finding for finding in reported if self._in_change(finding, sources)]
        return reported

    def _in_change(self, finding: Finding, sources: Dict[str, SourceText]) -> bool:
        source = sources.get(finding.path)
        if source is None:
            folder = finding.path.rstrip("/") + "/"
            return any(
                other.relative.startswith(folder) and self._change_of(other) is not None and self._change_of(other).is_new
                for other in sources.values()
            )
        return in_change(finding, self._change_of(source))

    def _change_of(self, source: SourceText) -> Any:
        data: Callable[[], bytes] = (lambda: source.data) if source.data is not None else source.absolute.read_bytes
        return self.changed.for_file(source.absolute, data)

    def report(self) -> None:
        """The one ``[INFO]`` line about the baseline (nothing when it accepted nothing and nothing is stale)."""
        if self.baseline is None or not (self.accepted or self.stale):
            return
        name = self.location.name
        stale = f"{self.stale} stale entr{'y' if self.stale == 1 else 'ies'}"
        hint = " (remove with `prefguard baseline --prune`)" if self.stale else ""
        print(f"[INFO] baseline {name}: {self.accepted} known finding(s) not shown, {stale}{hint}", file=sys.stderr, flush=True)


def finding_scope(args: argparse.Namespace, settings: Settings) -> Optional[FindingScope]:
    """The scope of a ``prefguard check`` run, or None when it reports everything."""
    location = baseline_location(settings)
    baseline = None if getattr(args, "no_baseline", False) else read_baseline(location)
    changed = None
    if getattr(args, "changed", False):
        from hooks.vcs.changed_lines import changed_lines

        changed = changed_lines(Path(settings.root), staged=args.staged, from_ref=args.from_ref, to_ref=args.to_ref)
    if baseline is None and changed is None:
        return None
    return FindingScope(settings, baseline, location, changed)


def sources_of(outcomes: Sequence[Any], others: Sequence[Any], named: Sequence[Any]) -> Dict[str, SourceText]:
    """Display path to checked file, from check outcomes (the fixed version after a fix), other files and names."""
    sources: Dict[str, SourceText] = {}
    for item in named:
        sources[item.display] = SourceText(item.relative, item.absolute, None)
    for other in others:
        sources[other.source_file.display] = SourceText(other.source_file.relative, other.source_file.absolute, other.data)
    for outcome in outcomes:
        data = outcome.fixed if outcome.fixed is not None else outcome.original
        file = outcome.source_file
        sources[file.display] = SourceText(file.relative, file.absolute, data)
    return sources


def fixable_jobs(scope: FindingScope, jobs: Sequence[Any], outcomes: Sequence[Any]) -> List[Any]:
    """Jobs that may fix: only files whose every fixable finding is reported.

    A file that also has fixable findings the baseline accepts (or that lie
    outside the change) is not rewritten, so that a fix never touches what is
    not reported; a ``[WARN]`` line names it.
    """
    findings = [finding for outcome in outcomes for finding in outcome.findings]
    reported = scope.filter(findings, sources_of(outcomes, [], []))
    reported_ids = {id(finding) for finding in reported}
    hidden: Dict[str, int] = defaultdict(int)
    shown: Dict[str, int] = defaultdict(int)
    for finding in findings:
        if finding.fixable:
            if id(finding) in reported_ids:
                shown[finding.path] += 1
            else:
                hidden[finding.path] += 1
    result = []
    for job in jobs:
        display = job.source_file.display
        allowed = shown[display] > 0 and hidden[display] == 0
        if hidden[display] and shown[display]:
            print(
                f"[WARN] {display}: not fixed automatically: {hidden[display]} fixable finding(s) there are "
                "baselined or outside the change; fix the reported ones by hand, or run with --no-baseline",
                file=sys.stderr,
                flush=True,
            )
        result.append(dataclasses.replace(job, fix=allowed))
    return result


def collect(paths: Sequence[str], settings: Settings, use_cache: bool = True, workers: Optional[int] = None) -> Tuple[List[Finding], Dict[str, SourceText]]:
    """Every finding ``prefguard check PATHS --no-baseline`` reports, with the checked files."""
    from hooks.commands.check import all_findings

    return all_findings(paths, settings, use_cache=use_cache, workers=workers)


def _rebuilt(previous: Baseline, keyed: Sequence[Tuple[Finding, FindingKey]], checked: Set[str], root: Path) -> Baseline:
    """The new baseline: today's findings of the checked files, earlier entries of other existing files."""
    fresh = baseline_from_keys([(key, finding.message) for finding, key in keyed])
    counts = dict(fresh.counts)
    messages = dict(fresh.messages)
    missing = _missing_paths(previous, root)
    for key, count in previous.counts.items():
        if key.path not in checked and key.path not in missing:
            counts[key] = count
            messages[key] = previous.messages.get(key, "")
    return Baseline(counts=counts, messages=messages)


def _write(location: Path, baseline: Baseline, root: Path) -> None:
    """Write the baseline under the project's write lock, never through a link or outside ``root``."""
    try:
        with project_lock(root):
            write_atomically(location, render_baseline(baseline).encode("utf-8"), inside=root)
    except OSError as error:
        raise UsageError(f"cannot write the baseline {location}: {error.strerror or error}") from None


def write_baseline(root: Path) -> int:
    """Record every current finding under ``root`` in its baseline file; returns the number recorded."""
    from hooks.config_loader import load_settings

    settings = load_settings(start=Path(root))
    location = baseline_location(settings)
    previous = read_baseline(location) or EMPTY_BASELINE
    findings, sources = collect([str(Path(settings.root))], settings)
    checked = {source.relative for source in sources.values()}
    baseline = _rebuilt(previous, _keyed(findings, sources), checked, Path(settings.root))
    _write(location, baseline, Path(settings.root))
    return baseline.total


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``prefguard baseline``."""
    parser.add_argument("paths", nargs="*", help="files and folders to record (default: .); entries of other files are kept")
    parser.add_argument("--prune", action="store_true", help="only remove entries whose findings are gone; never add any")
    parser.add_argument("--config", help="a pyproject.toml or prefguard.toml to read instead")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the findings cache")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")


def run(args: argparse.Namespace) -> int:
    """Write or prune the baseline; exit 0, or 2 when it cannot be read or written."""
    from hooks.config_loader import load_settings

    settings = load_settings(args.config)
    root = Path(settings.root)
    location = baseline_location(settings)
    previous = read_baseline(location)
    if args.prune and previous is None:
        raise UsageError(f"nothing to prune: {location} does not exist (create it with `prefguard baseline`)")
    previous = _with_renames(previous or EMPTY_BASELINE, root, location)
    findings, sources = collect(args.paths or ["."], settings, use_cache=not args.no_cache, workers=args.jobs)
    keyed = _keyed(findings, sources)
    checked = {source.relative for source in sources.values()}
    if args.prune:
        observed = match_findings(keyed, previous).observed
        updated = prune(previous, observed, checked, _missing_paths(previous, root))
        removed = previous.total - updated.total
        _write(location, updated, root)
        print(f"[OK] baseline {location.name}: removed {removed} stale finding(s); {updated.total} remain", file=sys.stderr)
        return 0
    updated = _rebuilt(previous, keyed, checked, root)
    _write(location, updated, root)
    print(f"[OK] baseline {location.name}: {updated.total} finding(s) in {len(updated.counts)} entries", file=sys.stderr)
    return 0
