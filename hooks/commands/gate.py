# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The gate cannot be loosened quietly: BSL001, BSL002 and CFG001 for ``prefguard guard``.

A change that adds entries to the baseline file (BSL001), leaves it unreadable
(BSL002), or weakens the ``[tool.prefguard]`` configuration (CFG001) is refused
unless its commit message carries an approval trailer naming it:

- ``Prefguard-Approve: .prefguard-baseline.json#/files`` for baseline additions
  (``#/files/pkg~1model.py`` approves those of one file only);
- ``Prefguard-Approve: pyproject.toml#/tool/prefguard/ignore`` (the pointer each
  finding names, or an ancestor such as ``#/tool/prefguard``) for configuration.

Pruning the baseline and tightening the configuration need no approval.
"""

import sys
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Dict, List, Optional, Sequence

from checks.baseline.baseline_file import EMPTY_BASELINE, Baseline, BaselineError, parse_baseline
from checks.baseline.config_gate import config_weakenings
from checks.baseline.gate import BASELINE_APPROVAL_POINTER, AddedEntry, added_entries
from checks.config.settings import TOP_LEVEL_DEFAULTS, Settings
from checks.engine.finding import Finding
from checks.guard.json_guard import is_approved
from checks.guard.strict_json import join_pointer
from hooks.vcs.changes import ChangeSet, Snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CONFIG_NAMES = ("pyproject.toml", "prefguard.toml")


class GatePaths:
    """Repository-relative locations of the project's baseline and configuration files."""

    def __init__(self, settings: Settings, repository_root: str) -> None:
        top = Path(repository_root).resolve()
        try:
            prefix = Path(settings.root).resolve().relative_to(top).as_posix()
        except ValueError:
            prefix = ""
        self.prefix = "" if prefix in ("", ".") else prefix + "/"
        self.baseline = self.prefix + str(settings.value("baseline"))
        self.configs = [self.prefix + name for name in CONFIG_NAMES]

    def baseline_path_of(self, entry_path: str) -> str:
        """The repository-relative path of a baseline entry's file."""
        return self.prefix + entry_path


def _finding(code: str, path: str, message: str, commit: Optional[str], pointer: str) -> Finding:
    return Finding.at(code, path, message, pointer=pointer, commit=commit)


def _baseline_of(snapshot: Snapshot, path: str) -> Baseline:
    data = snapshot.read(path)
    return EMPTY_BASELINE if data is None else parse_baseline(data)


def _table_of(snapshot: Snapshot, path: str) -> Optional[Dict[str, Any]]:
    from hooks.config_loader import table_in

    data = snapshot.read(path)
    if data is None:
        return None
    return table_in(Path(path), tomllib.loads(data.decode("utf-8")))


PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"


def _adopts_the_policy(paths: GatePaths, changeset: ChangeSet) -> bool:
    """Whether the change puts the repository under prefguard for the first time.

    Before it there was no baseline, no ``[tool.prefguard]`` table and no
    prefguard hook: no gate existed to loosen, so the baseline of the findings
    the policy met is the adoption itself (``prefguard init``'s first commit),
    not a change absorbing its own violations.
    """
    if changeset.old.blob_sha(paths.baseline) is not None:
        return False
    for path in paths.configs:
        try:
            if _table_of(changeset.old, path) is not None:
                return False
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError):
            return False
    hooks = changeset.old.read(paths.prefix + PRE_COMMIT_CONFIG)
    return hooks is None or b"prefguard" not in hooks


def baseline_findings(paths: GatePaths, changeset: ChangeSet, approvals: Sequence[str], trailer: str) -> List[Finding]:
    """BSL001 for entries the change adds without approval, BSL002 when the new baseline is unreadable.

    The change that adopts the policy (see :func:`_adopts_the_policy`) records
    the existing findings without approval; every later addition needs one.
    """
    path = paths.baseline
    old_path = next((change.old_path for change in changeset.changes if change.new_path == path and change.old_path), path)
    commit = changeset.commit
    try:
        new = _baseline_of(changeset.new, path)
    except BaselineError as error:
        return [_finding("BSL002", path, f"baseline {path} cannot be used: {error}", commit, "")]
    if _adopts_the_policy(paths, changeset):
        return []
    try:
        old = _baseline_of(changeset.old, old_path)
    except BaselineError:
        old = EMPTY_BASELINE
    gone = {entry for entry in old.paths() if changeset.new.blob_sha(paths.baseline_path_of(entry)) is None}
    by_file: Dict[str, List[AddedEntry]] = {}
    for entry in added_entries(old, new, gone):
        by_file.setdefault(entry.key.path, []).append(entry)
    findings = []
    for file_path, entries in sorted(by_file.items()):
        pointer = join_pointer(BASELINE_APPROVAL_POINTER, file_path)
        if is_approved(pointer, approvals):
            continue
        counted = Counter()
        for entry in entries:
            counted[entry.key.code] += entry.added
        shown = ", ".join(f"{code} +{count}" for code, count in sorted(counted.items()))
        message = (
            f"the change adds {sum(counted.values())} finding(s) of {file_path} to the baseline ({shown}): new "
            f"violations must be fixed, not absorbed; if intended, approve them with the commit trailer "
            f"'{trailer}: {path}#{pointer}' (or '{path}#{BASELINE_APPROVAL_POINTER}' for every file)"
        )
        findings.append(_finding("BSL001", path, message, commit, pointer))
    return findings


def config_findings(paths: GatePaths, changeset: ChangeSet, approvals_of: Callable[[str], List[str]], trailer: str) -> List[Finding]:
    """CFG001 for every weakening of ``[tool.prefguard]`` the change makes without approval."""
    findings: List[Finding] = []
    default_baseline = str(TOP_LEVEL_DEFAULTS["baseline"])
    for path in paths.configs:
        try:
            old = _table_of(changeset.old, path)
            new = _table_of(changeset.new, path)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as error:
            findings.append(_finding("CFG001", path, f"{path} cannot be read as TOML, so its change cannot be judged: {error}", changeset.commit, ""))
            continue
        approvals = approvals_of(path)
        for weakening in config_weakenings(old, new, default_baseline):
            if is_approved(weakening.pointer, approvals):
                continue
            message = (
                f"the configuration is weakened: {weakening.description}; if intended, approve it with the "
                f"commit trailer '{trailer}: {PurePosixPath(path)}#{weakening.pointer}'"
            )
            findings.append(_finding("CFG001", path, message, changeset.commit, weakening.pointer))
    return findings


def gate_findings(settings: Settings, repository_root: str, changeset: ChangeSet, approvals_of: Callable[[str], List[str]], trailer: str) -> List[Finding]:
    """Every gate finding of one change set (only files the change touched are read)."""
    paths = GatePaths(settings, repository_root)
    touched = {path for change in changeset.changes for path in (change.old_path, change.new_path) if path}
    findings: List[Finding] = []
    if paths.baseline in touched:
        findings.extend(baseline_findings(paths, changeset, approvals_of(paths.baseline), trailer))
    if touched.intersection(paths.configs):
        findings.extend(config_findings(paths, changeset, approvals_of, trailer))
    return findings
