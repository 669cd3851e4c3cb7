# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard baseline``: record today's findings so that only new ones are reported.

The baseline holds two parts: the findings of ``prefguard check`` and the
integration findings of ``prefguard verify`` (INT001-INT004, project-wide:
they are recorded and pruned only when the whole project is recorded, and
kept as they are by ``prefguard baseline PATHS``). Each command matches and
counts stale entries against its own part only.

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
    FORMAT_VERSION,
    Baseline,
    BaselineError,
    baseline_from_keys,
    check_entry_path,
    parse_baseline,
    render_baseline,
)
from checks.baseline.changed_scope import in_change
from checks.baseline.fingerprint import FindingKey, finding_context, finding_key, line_scopes, reads_lines, split_lines
from checks.baseline.matching import follow_renames, match_findings, prune, stale_count
from checks.config.codes import INTEGRATION_CODES
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


@dataclass(frozen=True)
class Keyed:
    """Findings with their baseline keys and contexts, in the order given."""

    pairs: List[Tuple[Finding, FindingKey]]
    contexts: List[str]

    def entries(self) -> List[Tuple[FindingKey, str]]:
        """(key, message) of every finding, for :func:`baseline_from_keys`."""
        return [(key, finding.message) for finding, key in self.pairs]


def _keyed(findings: Sequence[Finding], sources: Dict[str, SourceText]) -> Keyed:
    """Every finding with its key and context, reading each file's lines once."""
    lines_of: Dict[str, Tuple[Optional[List[bytes]], Optional[List[str]]]] = {}
    pairs = []
    contexts = []
    for finding in findings:
        relative, source = _relative_to_root(finding, sources)
        if relative not in lines_of:
            data = source.data if source is not None else None
            lines = split_lines(data) if data is not None and reads_lines(relative) else None
            lines_of[relative] = (lines, line_scopes(lines) if lines is not None else None)
        lines, scopes = lines_of[relative]
        pairs.append((finding, finding_key(finding, relative, lines)))
        contexts.append(finding_context(finding, lines, scopes))
    return Keyed(pairs, contexts)


def part_of(baseline: Baseline, integration: bool) -> Baseline:
    """The entries of ``prefguard verify`` (``integration``) or of ``prefguard check`` (otherwise)."""
    counts = {key: count for key, count in baseline.counts.items() if (key.code in INTEGRATION_CODES) == integration}
    return dataclasses.replace(
        baseline,
        counts=counts,
        messages={key: baseline.messages.get(key, "") for key in counts},
        contexts={key: baseline.contexts[key] for key in counts if key in baseline.contexts},
    )


def _joined(first: Baseline, second: Baseline) -> Baseline:
    """Two baselines with disjoint keys as one (of the first one's version)."""
    return dataclasses.replace(
        first,
        counts={**first.counts, **second.counts},
        messages={**first.messages, **second.messages},
        contexts={**first.contexts, **second.contexts},
    )


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
        self.baseline = None if baseline is None else part_of(_with_renames(baseline, self.root, location), False)
        self.changed = changed
        self.accepted = 0
        self.stale = 0

    def filter(self, findings: Sequence[Finding], sources: Dict[str, SourceText]) -> List[Finding]:
        """The findings to report, in their order; counts what the baseline accepted and what is stale."""
        reported = list(findings)
        if self.baseline is not None:
            keyed = _keyed(reported, sources)
            result = match_findings(keyed.pairs, self.baseline, keyed.contexts)
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
    """Jobs that may fix, each fixing exactly the fixable findings that are reported.

    A file that also has fixable findings the baseline accepts (or that lie
    outside the change) is fixed too, but only at the reported findings: the
    job names them (``only``), so a fix never touches what is not reported.
    """
    findings = [finding for outcome in outcomes for finding in outcome.findings]
    reported = scope.filter(findings, sources_of(outcomes, [], []))
    reported_ids = {id(finding) for finding in reported}
    hidden: Dict[str, int] = defaultdict(int)
    shown: Dict[str, Set[Tuple[str, int, int]]] = defaultdict(set)
    for finding in findings:
        if finding.fixable:
            if id(finding) in reported_ids:
                shown[finding.path].add((finding.code, finding.line, finding.column))
            else:
                hidden[finding.path] += 1
    result = []
    for job in jobs:
        display = job.source_file.display
        only = frozenset(shown[display]) if hidden[display] else None
        result.append(dataclasses.replace(job, fix=bool(shown[display]), only=only))
    return result


def collect(paths: Sequence[str], settings: Settings, use_cache: bool = True, workers: Optional[int] = None) -> Tuple[List[Finding], Dict[str, SourceText]]:
    """Every finding ``prefguard check PATHS --no-baseline`` reports, with the checked files."""
    from hooks.commands.check import all_findings

    return all_findings(paths, settings, use_cache=use_cache, workers=workers)


def _rebuilt(previous: Baseline, keyed: Keyed, checked: Set[str], root: Path, integration: Optional[Keyed]) -> Baseline:
    """The new baseline (current format): today's findings of the checked files, earlier entries of other existing files.

    The integration part is today's (``integration``) or the earlier one when
    the integration findings were not collected.
    """
    fresh = baseline_from_keys(keyed.entries(), keyed.contexts)
    counts = dict(fresh.counts)
    messages = dict(fresh.messages)
    contexts = dict(fresh.contexts)
    missing = _missing_paths(previous, root)
    kept = part_of(previous, False)
    for key, count in kept.counts.items():
        if key.path not in checked and key.path not in missing:
            counts[key] = count
            messages[key] = kept.messages.get(key, "")
            if key in kept.contexts:
                contexts[key] = kept.contexts[key]
    if integration is not None:
        recorded = baseline_from_keys(integration.entries(), integration.contexts)
    else:
        recorded = part_of(previous, True)
    return _joined(Baseline(counts=counts, messages=messages, contexts=contexts), recorded)


def _write(location: Path, baseline: Baseline, root: Path) -> None:
    """Write the baseline under the project's write lock, never through a link or outside ``root``."""
    try:
        with project_lock(root):
            write_atomically(location, render_baseline(baseline).encode("utf-8"), inside=root)
    except OSError as error:
        raise UsageError(f"cannot write the baseline {location}: {error.strerror or error}") from None


def _disk_sources(findings: Sequence[Finding], root: Path) -> Dict[str, SourceText]:
    """The files on disk that project-relative findings name (None data where there is no file)."""
    sources: Dict[str, SourceText] = {}
    for finding in findings:
        if finding.path not in sources:
            absolute = root / finding.path
            try:
                data: Optional[bytes] = absolute.read_bytes() if absolute.is_file() else None
            except OSError:
                data = None
            sources[finding.path] = SourceText(finding.path, absolute, data)
    return sources


def integration_keyed(settings: Settings, use_cache: bool = True) -> Optional[Keyed]:
    """The findings of a static ``prefguard verify`` of the project, keyed; None (and a warning) when verify cannot run."""
    from hooks.commands.verify import FileFailure, integration_findings

    try:
        findings = integration_findings(settings, use_cache)
    except (UsageError, FileFailure) as error:
        print(f"[WARN] integration findings (prefguard verify) not recorded: {error}", file=sys.stderr, flush=True)
        return None
    return _keyed(findings, _disk_sources(findings, Path(settings.root)))


class IntegrationScope:
    """What ``prefguard verify`` reports: its findings outside the baseline's integration part."""

    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.root)
        self.location = baseline_location(settings)
        baseline = read_baseline(self.location)
        self.baseline = None if baseline is None else part_of(_with_renames(baseline, self.root, self.location), True)
        self.accepted = 0
        self.stale = 0

    def filter(self, findings: Sequence[Finding]) -> List[Finding]:
        """The findings the baseline does not accept, in their order; counts accepted and stale ones."""
        if self.baseline is None:
            return list(findings)
        keyed = _keyed(findings, _disk_sources(findings, self.root))
        result = match_findings(keyed.pairs, self.baseline, keyed.contexts)
        self.accepted = result.accepted
        self.stale = stale_count(self.baseline, result.observed, set(self.baseline.paths()), set())
        return result.reported

    def report(self) -> None:
        """The one ``[INFO]`` line about the baseline (nothing when it accepted nothing and nothing is stale)."""
        if self.baseline is None or not (self.accepted or self.stale):
            return
        stale = f"{self.stale} stale entr{'y' if self.stale == 1 else 'ies'}"
        hint = " (remove with `prefguard baseline --prune`)" if self.stale else ""
        print(
            f"[INFO] baseline {self.location.name}: {self.accepted} known integration finding(s) not shown, {stale}{hint}",
            file=sys.stderr,
            flush=True,
        )


def write_baseline(root: Path) -> int:
    """Record every current finding under ``root`` (check and verify) in its baseline file; returns the number recorded."""
    from hooks.config_loader import load_settings

    settings = load_settings(start=Path(root))
    location = baseline_location(settings)
    previous = read_baseline(location) or EMPTY_BASELINE
    findings, sources = collect([str(Path(settings.root))], settings)
    checked = {source.relative for source in sources.values()}
    baseline = _rebuilt(previous, _keyed(findings, sources), checked, Path(settings.root), integration_keyed(settings))
    _write(location, baseline, Path(settings.root))
    return baseline.total


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``prefguard baseline``."""
    parser.add_argument(
        "paths",
        nargs="*",
        help="files and folders to record (default: .); entries of other files are kept, and so are verify's "
        "integration findings, which only a run over the whole project records",
    )
    parser.add_argument("--prune", action="store_true", help="only remove entries whose findings are gone; never add any")
    parser.add_argument("--config", help="a pyproject.toml or prefguard.toml to read instead")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the findings cache")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")


def _covers_project(paths: Sequence[str], root: Path) -> bool:
    """Whether ``prefguard baseline PATHS`` records the whole project (no paths, or the root among them)."""
    return not paths or any(Path(path).resolve() == root.resolve() for path in paths)


def _pruned(previous: Baseline, keyed: Keyed, integration: Optional[Keyed], checked: Set[str], root: Path) -> Baseline:
    """The baseline without what no longer occurs (the integration part only when its findings were collected)."""
    checks_part = part_of(previous, False)
    result = match_findings(keyed.pairs, checks_part, keyed.contexts)
    updated = prune(checks_part, result.observed, checked, _missing_paths(checks_part, root), result.observed_contexts)
    integration_part = part_of(previous, True)
    if integration is not None:
        found = match_findings(integration.pairs, integration_part, integration.contexts)
        integration_part = prune(integration_part, found.observed, set(integration_part.paths()), set(), found.observed_contexts)
    return _joined(updated, integration_part)


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
    integration = integration_keyed(settings, not args.no_cache) if _covers_project(args.paths, root) else None
    if args.prune:
        updated = _pruned(previous, keyed, integration, checked, root)
        removed = previous.total - updated.total
        _write(location, updated, root)
        print(f"[OK] baseline {location.name}: removed {removed} stale finding(s); {updated.total} remain", file=sys.stderr)
        return 0
    updated = _rebuilt(previous, keyed, checked, root, integration)
    _write(location, updated, root)
    upgraded = f" (upgraded from format version {previous.version})" if previous.version != FORMAT_VERSION and previous.total else ""
    print(f"[OK] baseline {location.name}: {updated.total} finding(s) in {len(updated.counts)} entries{upgraded}", file=sys.stderr)
    return 0
