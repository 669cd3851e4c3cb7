# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard guard``: the git-aware guards JSN001-JSN005, MEM001-MEM004, HDR003, MOD001.

Git supplies the two versions of every changed file (``hooks.vcs.changes``);
the pure checks in ``checks`` judge them. ``--staged`` judges the index
against HEAD with the message of ``--commit-msg-file``; ``--from-ref/--to-ref``
judges every commit of the range against its first parent with that commit's
own message, so each finding names its commit. State checks (MEM003, MEM004)
run once on the final tree.
"""

import argparse
import os
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.engine.finding import Finding
from checks.guard.approvals import merge_approvals, parse_approval, trailer_approvals
from checks.guard.json_guard import (
    ABSENT,
    CODE_DELETED,
    MODE_APPEND_ONLY,
    MODE_OFF,
    GuardPolicies,
    GuardPolicy,
    build_policies,
    diff_values,
    guard_findings,
)
from checks.guard.memory_rules import (
    KIND_ARCHIVE,
    KIND_LOG,
    KIND_STRUCTURE,
    LogJudgement,
    REQUIRED_KINDS,
    is_python_source,
    judge_log,
    log_too_long,
    memory_kind,
    memory_path,
    missing_log_entry,
    missing_memory_files,
    schema_findings,
    structure_findings,
)
from checks.config.settings import ConfigError, Settings
from checks.guard.documents import document_format, load_document
from checks.guard.strict_json import StrictJsonError, decode_bytes
from hooks.commands.gate import GatePaths, gate_findings
from hooks.errors import InternalError, UsageError, run_reporting_errors
from hooks.output.report import FORMATS as REPORT_FORMATS
from hooks.vcs.changes import ChangeSet, FileChange, GitError, GitHistory, Snapshot, read_message_file



PARSED_CACHE_SIZE = 12


@dataclass(frozen=True)
class Parsed:
    """A blob read strictly: the value, its text, or the reason it cannot be read."""

    value: Any
    text: Optional[str]
    error: Optional[StrictJsonError]


@dataclass
class GuardContext:
    """Configuration and caches of one guard run."""

    settings: Settings
    policies: GuardPolicies
    memory_dir: str
    trailer: str
    log_limit: int
    module_exempt: Tuple[str, ...]
    public_modules: Tuple[str, ...]
    cli_approvals: Dict[str, List[str]]
    parsed: "OrderedDict[str, Parsed]" = field(default_factory=OrderedDict)
    unguarded: Tuple[str, ...] = ()
    last_readable: Dict[str, Parsed] = field(default_factory=dict)

    def enabled(self, code: str, path: str) -> bool:
        """Whether a code is reported for a path."""
        return code in self.settings.codes_for(path) and not self.settings.is_excluded(path)

    def policy_for(self, path: Optional[str]) -> Optional[GuardPolicy]:
        """The guard policy of a path (None when unguarded)."""
        if path is None or path in self.unguarded:
            return None
        return self.policies.policy_for(path)

    @property
    def log_path(self) -> str:
        """Repository-relative path of the log."""
        return memory_path(self.memory_dir, KIND_LOG)

    @property
    def archive_path(self) -> str:
        """Repository-relative path of the log archive."""
        return memory_path(self.memory_dir, KIND_ARCHIVE)

    @property
    def structure_path(self) -> str:
        """Repository-relative path of the structure file."""
        return memory_path(self.memory_dir, KIND_STRUCTURE)


def load_settings() -> Settings:
    """The run's settings: the nearest ``[tool.prefguard]`` configuration, else the defaults."""
    from hooks.config_loader import load_settings as load_configuration

    return load_configuration()


def build_context(settings: Settings, approve: Sequence[str]) -> GuardContext:
    """Validate the ``json-guard`` table and the ``--approve`` values into a context."""
    table = settings.table("json-guard")
    memory_dir = str(table["memory-dir"]).strip().strip("/")
    policies = build_policies(table, memory_dir, settings.source)
    if table["log-limit"] < 1:
        raise ConfigError(settings.source, "json-guard.log-limit", "must be at least 1")
    cli: Dict[str, List[str]] = {}
    for value in approve:
        try:
            path, pointers = parse_approval(value)
        except ValueError as error:
            raise UsageError(f"--approve: {error}") from None
        cli.setdefault(path, []).extend(pointers)
    return GuardContext(
        settings=settings,
        policies=policies,
        memory_dir=memory_dir,
        trailer=str(table["approval-trailer"]),
        log_limit=int(table["log-limit"]),
        module_exempt=tuple(table["module-exempt"]),
        public_modules=tuple(settings.value("public-modules")),
        cli_approvals=cli,
    )


def _parse(context: GuardContext, history: GitHistory, sha: str, path: str) -> Parsed:
    """A blob parsed strictly in the format its path names, kept in a small cache (each version is usually needed twice)."""
    key = f"{document_format(path)}:{sha}"
    cached = context.parsed.get(key)
    if cached is not None:
        context.parsed.move_to_end(key)
        return cached
    try:
        text = decode_bytes(history.blob(sha))
        parsed = Parsed(load_document(path, text), text, None)
    except StrictJsonError as error:
        parsed = Parsed(None, None, error)
    context.parsed[key] = parsed
    while len(context.parsed) > PARSED_CACHE_SIZE:
        context.parsed.popitem(last=False)
    return parsed


def _read(context: GuardContext, snapshot: Snapshot, path: str) -> Parsed:
    """A path of a snapshot read strictly; ABSENT value when the path is missing."""
    sha = snapshot.blob_sha(path)
    if sha is None:
        return Parsed(ABSENT, None, None)
    return _parse(context, snapshot.history, sha, path)


def _text(history: GitHistory, sha: Optional[str], limit: Optional[int] = None) -> Optional[str]:
    """A blob's UTF-8 text; None when absent, not UTF-8, or over ``limit`` bytes (``max-file-bytes``: not judged)."""
    if sha is None:
        return None
    data = history.blob(sha)
    if limit is not None and len(data) > limit:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _finding(code: str, path: str, message: str, commit: Optional[str], line: int = 1, column: int = 1, pointer: Optional[str] = None) -> Finding:
    return Finding.at(code, path, message, line, column, pointer, commit)


class _ChangeJudge:
    """Judges one change set (a commit or the staged index)."""

    def __init__(self, context: GuardContext, history: GitHistory, changeset: ChangeSet) -> None:
        self.context = context
        self.history = history
        self.changeset = changeset
        self.commit = changeset.commit
        self.approvals = merge_approvals(context.cli_approvals, trailer_approvals(changeset.message, context.trailer))
        self.findings: List[Finding] = []
        self.log_judgement: Optional[LogJudgement] = None
        self.current = changeset.commit or "the staged change"

    def approved(self, *paths: Optional[str]) -> List[str]:
        """The approved pointers of the given paths for this change."""
        pointers: List[str] = []
        for path in paths:
            if path is not None:
                pointers.extend(self.approvals.get(path, []))
        return pointers

    def add(self, findings: Sequence[Finding]) -> None:
        """Keep the findings whose code is enabled for their path."""
        self.findings.extend(finding for finding in findings if self.context.enabled(finding.code, finding.path))

    def scope(self) -> List[FileChange]:
        """The changes judged strictly: all of them, or for a merge those that differ from every parent."""
        if self.changeset.combined is None:
            return list(self.changeset.changes)
        return [change for change in self.changeset.changes if change.path in self.changeset.combined]

    def run(self) -> List[Finding]:
        """Judge the change set and return its findings."""
        scope = self.scope()
        for change in scope:
            self.current = change.path
            self.judge_json(change)
        if self.changeset.is_merge:
            self.current = f"the merge {self.changeset.commit or 'being concluded'}"
            self.judge_merge_parents()
        self.current = self.context.log_path
        self.judge_memory(scope)
        self.current = "the baseline and configuration gate"
        self.add(gate_findings(self.context.settings, self.history.root, self.changeset, self.approved, self.context.trailer))
        for change in scope:
            self.current = change.path
            self.judge_python(change)
        return self.findings

    def judge_json(self, change: FileChange) -> None:
        """JSN001-JSN005 for one changed path."""
        context = self.context
        old_policy = context.policy_for(change.old_path)
        new_policy = context.policy_for(change.new_path)
        if change.status == "D":
            if old_policy is not None and "" not in self.approved(change.old_path):
                self.add([
                    _finding(
                        CODE_DELETED,
                        str(change.old_path),
                        f"protected JSON {change.old_path} was deleted (or renamed in a way git does not record as a "
                        "rename); its data must be preserved. If intended, approve it with the commit trailer "
                        f"'{context.trailer}: {change.old_path}#'",
                        self.commit,
                        pointer="",
                    )
                ])
            return
        path = str(change.new_path)
        kind = memory_kind(path, context.memory_dir)
        if old_policy is None and new_policy is None and kind is None:
            return
        new = _parse(context, self.history, str(change.new_sha), path) if change.new_sha else Parsed(ABSENT, None, None)
        if new.error is not None:
            self.remember_readable_before(change, path)
            self.add([
                _finding(
                    "JSN004",
                    path,
                    f"{path} cannot be read safely: {new.error.message}",
                    self.commit,
                    new.error.line,
                    new.error.column,
                )
            ])
            return
        first_entry = 0
        if change.status != "A" and old_policy is not None:
            old_path = str(change.old_path or path)
            old = _parse(context, self.history, str(change.old_sha), old_path) if change.old_sha else Parsed(ABSENT, None, None)
            if old.error is not None:
                # The previous version was unreadable (reported as JSN004 when it was committed): judge this
                # version against the last readable one of the range, so its data cannot vanish unnoticed.
                old = context.last_readable.get(old_path, old)
            if old.error is None and old.value is not ABSENT:
                first_entry = self.judge_versions(change, path, old_policy, old, new)
        if new.value is not ABSENT:
            context.last_readable[path] = new
        if kind is not None and new.value is not ABSENT and context.enabled("JSN005", path):
            self.add(schema_findings(kind, new.value, path, new.text, self.commit, first_entry))

    def remember_readable_before(self, change: FileChange, path: str) -> None:
        """Keep the version before an unreadable one, the next readable version is judged against it."""
        old_path = str(change.old_path or path)
        if change.old_sha and path not in self.context.last_readable:
            old = _parse(self.context, self.history, str(change.old_sha), old_path)
            if old.error is None:
                self.context.last_readable[path] = old

    def judge_versions(self, change: FileChange, path: str, policy: GuardPolicy, old: Parsed, new: Parsed) -> int:
        """Diff two readable versions; returns the first log entry that needs schema validation."""
        context = self.context
        approvals = self.approved(change.old_path, change.new_path)
        if path == context.log_path and change.old_path == context.log_path:
            judgement = self.judge_log_change(policy, old, new, approvals)
            self.add(guard_findings(path, judgement.log_changes, policy, new.text, self.commit, context.trailer))
            archive_policy = context.policy_for(context.archive_path) or GuardPolicy(MODE_APPEND_ONLY)
            if judgement.archive_changes:
                archive_text = _read(context, self.changeset.new, context.archive_path).text
                self.add(
                    guard_findings(
                        context.archive_path,
                        judgement.archive_changes,
                        archive_policy,
                        archive_text,
                        self.commit,
                        context.trailer,
                    )
                )
            if judgement.log_changes or not isinstance(new.value, list):
                return 0
            return max(0, len(new.value) - judgement.appended)
        changes = diff_values(old.value, new.value, policy, approvals)
        self.add(guard_findings(path, changes, policy, new.text, self.commit, context.trailer))
        if changes or not isinstance(old.value, list) or not isinstance(new.value, list):
            return 0
        return len(old.value)

    def judge_log_change(self, policy: GuardPolicy, old: Parsed, new: Parsed, approvals: Sequence[str]) -> LogJudgement:
        """Judge the log together with its archive (recognising an archive move)."""
        context = self.context
        old_archive = _read(context, self.changeset.old, context.archive_path)
        new_archive = _read(context, self.changeset.new, context.archive_path)
        judgement = judge_log(
            old.value,
            new.value,
            old_archive.value if old_archive.error is None else ABSENT,
            new_archive.value if new_archive.error is None else ABSENT,
            policy,
            approvals,
        )
        self.log_judgement = judgement
        return judgement

    def judge_merge_parents(self) -> None:
        """Relaxed checks of a merge against each parent whose version it did not keep as-is."""
        context = self.context
        combined = self.changeset.combined or set()
        parents: List[Tuple[str, Snapshot, List[FileChange], bool]] = [
            (self.changeset.old.label, self.changeset.old, self.changeset.changes, True)
        ]
        parents.extend((sha[:12], snapshot, changes, False) for sha, snapshot, changes in self.changeset.other_parents)
        for label, snapshot, changes, is_first in parents:
            for change in changes:
                path = change.path
                if is_first and path in combined:
                    continue
                parent_path = change.old_path or path
                policy = context.policy_for(parent_path)
                if policy is None or policy.mode != MODE_APPEND_ONLY:
                    continue
                before = _read(context, snapshot, parent_path)
                if before.value is ABSENT or before.error is not None:
                    continue
                if change.new_path is None:
                    if "" not in self.approved(parent_path):
                        self.add([
                            _finding(
                                CODE_DELETED,
                                parent_path,
                                f"the merge drops protected JSON {parent_path} that parent {label} has",
                                self.commit,
                                pointer="",
                            )
                        ])
                    continue
                after = _read(context, self.changeset.new, change.new_path)
                if after.error is not None or after.value is ABSENT:
                    continue
                lost = diff_values(
                    before.value,
                    after.value,
                    policy,
                    self.approved(parent_path, change.new_path),
                    relaxed=True,
                )
                self.add(
                    guard_findings(
                        change.new_path,
                        lost,
                        policy,
                        after.text,
                        self.commit,
                        context.trailer,
                        context=f"(the merge lost data of parent {label})",
                    )
                )

    def judge_memory(self, scope: Sequence[FileChange]) -> None:
        """MEM001 and MEM002 for the change set."""
        context = self.context
        python_paths = sorted(
            {path for change in scope for path in (change.old_path, change.new_path) if path and is_python_source(path)}
        )
        log_path = context.log_path
        if python_paths and context.enabled("MEM001", log_path):
            appended = self.appended_entries()
            self.add(missing_log_entry(python_paths, log_path, appended, self.commit))
        module_changes = [
            (change.status, change.old_path, change.new_path)
            for change in scope
            if change.status in ("A", "D", "R")
            and any(path and is_python_source(path) for path in (change.old_path, change.new_path))
        ]
        structure_path = context.structure_path
        if module_changes and context.enabled("MEM002", structure_path):
            old_structure = _read(context, self.changeset.old, structure_path)
            new_structure = _read(context, self.changeset.new, structure_path)
            if new_structure.error is None:
                self.add(
                    structure_findings(
                        module_changes,
                        old_structure.value if old_structure.error is None else ABSENT,
                        new_structure.value,
                        structure_path,
                        context.module_exempt,
                        self.commit,
                    )
                )

    def appended_entries(self) -> int:
        """How many entries the change appended to the log (0 when it is missing or unreadable)."""
        if self.log_judgement is not None:
            return self.log_judgement.appended
        context = self.context
        old = _read(context, self.changeset.old, context.log_path)
        new = _read(context, self.changeset.new, context.log_path)
        if new.error is not None or new.value is ABSENT:
            return 0
        if old.error is not None:
            return 1 if isinstance(new.value, list) and new.value else 0
        policy = context.policy_for(context.log_path) or GuardPolicy(MODE_OFF)
        return self.judge_log_change(policy, old, new, self.approved(context.log_path)).appended

    def judge_python(self, change: FileChange) -> None:
        """HDR003 and MOD001 for one modified Python file."""
        if change.status not in ("M", "R") or not change.new_path or not is_python_source(change.new_path):
            return
        context = self.context
        path = change.new_path
        want_header = context.enabled("HDR003", path)
        want_names = change.status == "M" and context.enabled("MOD001", path) and not _exempt(path, context.module_exempt)
        if not (want_header or want_names) or change.old_sha == change.new_sha:
            return
        limit = int(context.settings.value("max-file-bytes"))
        old_text = _text(self.history, change.old_sha, limit)
        new_text = _text(self.history, change.new_sha, limit)
        if old_text is None or new_text is None:
            return
        from checks.guard.header_preservation import header_findings
        from checks.guard.public_names import is_library_module, removed_public_names

        if want_header:
            self.add(header_findings(path, old_text, new_text, self.commit))
        if want_names and is_library_module(path, old_text, self.in_package(path), context.public_modules):
            self.add(removed_public_names(path, old_text, new_text, self.commit))

    def in_package(self, path: str) -> bool:
        """Whether the folder of a path holds an ``__init__.py`` after the change."""
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        return bool(folder) and self.changeset.new.blob_sha(f"{folder}/__init__.py") is not None


def _exempt(path: str, patterns: Sequence[str]) -> bool:
    from checks.config.paths import matches_any

    return matches_any(path, patterns)


def final_state_findings(context: GuardContext, snapshot: Snapshot) -> List[Finding]:
    """MEM003 and MEM004 on the final tree (the index, or the end of the range)."""
    present = {kind: snapshot.blob_sha(memory_path(context.memory_dir, kind)) is not None for kind in REQUIRED_KINDS}
    findings = [finding for finding in missing_memory_files(context.memory_dir, present) if context.enabled(finding.code, finding.path)]
    log_path = context.log_path
    if present[KIND_LOG] and context.enabled("MEM004", log_path):
        log = _read(context, snapshot, log_path)
        if log.error is None:
            findings.extend(log_too_long(log.value, log_path, context.log_limit, log.text))
    return findings


def guard(history: GitHistory, changesets: Sequence[ChangeSet], final: Snapshot, context: GuardContext) -> List[Finding]:
    """Every finding of a run: per change set in order, then the final-state checks."""
    findings: List[Finding] = []
    for changeset in changesets:
        judge = _ChangeJudge(context, history, changeset)
        try:
            found = judge.run()
        except GitError:
            raise
        except Exception as error:
            raise InternalError(judge.current, error) from error
        findings.extend(sorted(found, key=lambda finding: finding.sort_key()))
    try:
        findings.extend(sorted(final_state_findings(context, final), key=lambda finding: finding.sort_key()))
    except GitError:
        raise
    except Exception as error:
        raise InternalError(context.memory_dir or ".", error) from error
    return findings


def _relocate(findings: Sequence[Finding], history: GitHistory) -> List[Finding]:
    cwd = os.getcwd()
    return [finding.with_path(history.relative(finding.path, cwd)) for finding in findings]


def write_findings(findings: Sequence[Finding], fmt: str) -> None:
    """Print findings in the chosen format (``hooks.output.report``) and a count line on stderr."""
    from hooks.output.report import write_findings as report_findings

    report_findings(list(findings), fmt)
    count = len(findings)
    prefix = "[OK]" if count == 0 else "[ERROR]"
    print(f"{prefix} prefguard guard: {count} finding{'s' if count != 1 else ''}", file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options of ``prefguard guard``."""
    parser.add_argument("--staged", action="store_true", help="judge the staged change (index against HEAD); the default")
    parser.add_argument("--commit-msg-file", metavar="FILE", help="commit message file whose trailers approve changes")
    parser.add_argument("message_file", nargs="?", metavar="MSG_FILE", help="same as --commit-msg-file (pre-commit passes it at the commit-msg stage)")
    parser.add_argument("--from-ref", metavar="REF", help="judge every commit of REF..TO-REF")
    parser.add_argument("--to-ref", metavar="REF", help="end of the range (default HEAD)")
    parser.add_argument(
        "--approve",
        action="append",
        default=[],
        metavar="PATH#POINTER",
        help="approve changes of one field (RFC 6901 pointer), like the commit trailer; in range mode it applies to every commit; repeatable",
    )
    if "--format" not in parser._option_string_actions:
        parser.add_argument("--format", choices=REPORT_FORMATS, default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    """Run ``prefguard guard``: 0 nothing found, 1 findings, 2 usage/config/git error (``hooks.errors``)."""
    return run_reporting_errors(_run, args)


def _run(args: argparse.Namespace) -> int:
    fmt = getattr(args, "format", "text") or "text"
    message_file = args.commit_msg_file or getattr(args, "message_file", None)
    if args.commit_msg_file and getattr(args, "message_file", None):
        raise UsageError("give the commit message file once (--commit-msg-file or MSG_FILE)")
    ranged = args.from_ref is not None or args.to_ref is not None
    if ranged and (args.staged or message_file):
        raise UsageError("--staged/--commit-msg-file and --from-ref/--to-ref are exclusive")
    if args.to_ref is not None and args.from_ref is None:
        raise UsageError("--to-ref needs --from-ref (the base of the range)")
    context = build_context(load_settings(), args.approve)
    with GitHistory(".") as history:
        context.unguarded = (GatePaths(context.settings, history.root).baseline,)
        if ranged:
            to_ref = args.to_ref or "HEAD"
            changesets = history.commit_range(args.from_ref, to_ref)
            final = history.snapshot(to_ref)
        else:
            message = read_message_file(message_file) if message_file else ""
            changeset = history.staged(message)
            changesets = [changeset]
            final = changeset.new
        findings = _relocate(guard(history, changesets, final, context), history)
    write_findings(findings, fmt)
    return 1 if findings else 0
