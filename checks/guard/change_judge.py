# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The judgement of one change: a pure function of its base and head trees.

JSN001-JSN005, MEM001-MEM002, HDR003, MOD001 and the gate codes (BSL, CFG)
for one :class:`checks.guard.change_model.ChangeSet`, judged with the
configuration of the base (:func:`context_for`), never with the one the change
brings: the change's configuration is itself judged (CFG001). A protected path
stays protected when it is renamed to a path guarded less, deleted, or
replaced by a symbolic link or a gitlink (JSN003). MEM003/MEM004 run once on
the final tree (:func:`final_state_findings`). The command
(``hooks.commands.guard``) only reads git and prints.
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from checks.baseline.config_gate import MODE_STRENGTH
from checks.config.config_files import EffectiveConfig, effective_config
from checks.config.paths import matches_any
from checks.config.settings import ConfigError, Settings, build_settings
from checks.engine.finding import Finding
from checks.guard.approvals import Approvals
from checks.guard.change_model import ChangeSet, FileChange, Tree
from checks.guard.documents import document_format, load_document
from checks.guard.gate_rules import GateScope, gate_findings
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
from checks.guard.strict_json import StrictJsonError, decode_bytes

PARSED_CACHE_SIZE = 12


@dataclass(frozen=True)
class Parsed:
    """A blob read strictly: the value, its text, or the reason it cannot be read."""

    value: Any
    text: Optional[str]
    error: Optional[StrictJsonError]


@dataclass
class RunState:
    """What one guard run keeps across its change sets: parsed blobs and the last readable versions."""

    parsed: "OrderedDict[str, Parsed]" = field(default_factory=OrderedDict)
    last_readable: Dict[str, Parsed] = field(default_factory=dict)


@dataclass
class GuardContext:
    """The base's configuration of one change, and the run's shared state."""

    settings: Settings
    config: EffectiveConfig
    folders: Tuple[str, ...]
    policies: GuardPolicies
    memory_dir: str
    trailer: str
    log_limit: int
    module_exempt: Tuple[str, ...]
    public_modules: Tuple[str, ...]
    state: RunState
    ever_adopted: Callable[[], bool] = lambda: True
    previous_version: Callable[[str], Optional[str]] = lambda path: None

    @property
    def unguarded(self) -> Tuple[str, ...]:
        """Paths the JSON guard leaves to the gate (the baseline)."""
        return (self.config.baseline,)

    def enabled(self, code: str, path: str) -> bool:
        """Whether a code is reported for a path (by the base's configuration)."""
        return code in self.settings.codes_for(path) and not self.settings.is_excluded(path)

    def policy_for(self, path: Optional[str]) -> Optional[GuardPolicy]:
        """The guard policy of a path (None when unguarded)."""
        if path is None or path in self.unguarded:
            return None
        return self.policies.policy_for(path)

    def strength(self, path: Optional[str]) -> int:
        """How strictly a path is guarded (0 unguarded, 1 append-only, 2 immutable)."""
        policy = self.policy_for(path)
        return MODE_STRENGTH.get(policy.mode, 0) if policy is not None else 0

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

    def gate_scope(self) -> GateScope:
        """The gate's view of this context."""
        return GateScope(self.folders, self.config, self.ever_adopted, self.trailer)


def context_for(config: EffectiveConfig, folders: Sequence[str], state: RunState, ever_adopted: Callable[[], bool] = lambda: True) -> GuardContext:
    """The context of a change judged with ``config`` (its base's); an unusable configuration is replaced by the defaults."""
    settings = config.settings
    try:
        return _context(settings, config, folders, state, ever_adopted)
    except ConfigError:
        return _context(build_settings({}), config, folders, state, ever_adopted)


def _context(settings: Settings, config: EffectiveConfig, folders: Sequence[str], state: RunState, ever_adopted: Callable[[], bool]) -> GuardContext:
    table = settings.table("json-guard")
    memory_dir = str(table["memory-dir"]).strip().strip("/")
    policies = build_policies(table, memory_dir.strip("/"), settings.source)
    if table["log-limit"] < 1:
        raise ConfigError(settings.source, "json-guard.log-limit", "must be at least 1")
    return GuardContext(
        settings=settings,
        config=config,
        folders=tuple(folders),
        policies=policies,
        memory_dir=memory_dir.strip("/"),
        trailer=str(table["approval-trailer"]),
        log_limit=int(table["log-limit"]),
        module_exempt=tuple(table["module-exempt"]),
        public_modules=tuple(settings.value("public-modules")),
        state=state,
        ever_adopted=ever_adopted,
    )


def base_context(tree: Tree, folders: Sequence[str], state: RunState, ever_adopted: Callable[[], bool] = lambda: True) -> GuardContext:
    """The context of a change whose base is ``tree``: that tree's effective configuration."""
    return context_for(effective_config(tree.read, folders), folders, state, ever_adopted)


def _parse(context: GuardContext, tree: Tree, sha: str, path: str) -> Parsed:
    """A blob parsed strictly in the format its path names, kept in a small cache (each version is usually needed twice)."""
    key = f"{document_format(path)}:{sha}"
    parsed_cache = context.state.parsed
    cached = parsed_cache.get(key)
    if cached is not None:
        parsed_cache.move_to_end(key)
        return cached
    try:
        text = decode_bytes(tree.blob(sha))
        parsed = Parsed(load_document(path, text), text, None)
    except StrictJsonError as error:
        parsed = Parsed(None, None, error)
    parsed_cache[key] = parsed
    while len(parsed_cache) > PARSED_CACHE_SIZE:
        parsed_cache.popitem(last=False)
    return parsed


def _read(context: GuardContext, snapshot: Tree, path: str) -> Parsed:
    """A path of a snapshot read strictly; ABSENT value when the path is missing."""
    sha = snapshot.blob_sha(path)
    if sha is None:
        return Parsed(ABSENT, None, None)
    return _parse(context, snapshot, sha, path)


def _text(tree: Tree, sha: Optional[str], limit: Optional[int] = None) -> Optional[str]:
    """A blob's UTF-8 text; None when absent, not UTF-8, or over ``limit`` bytes (``max-file-bytes``: not judged)."""
    if sha is None:
        return None
    data = tree.blob(sha)
    if limit is not None and len(data) > limit:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _finding(code: str, path: str, message: str, commit: Optional[str], line: int = 1, column: int = 1, pointer: Optional[str] = None) -> Finding:
    """A point finding (the JSON guard's shape)."""
    return Finding.at(code, path, message, line, column, pointer, commit)


class ChangeJudge:
    """Judges one change set (a commit, the staged index or a whole range) with its base's configuration."""

    def __init__(self, context: GuardContext, changeset: ChangeSet, approvals: Approvals) -> None:
        self.context = context
        self.changeset = changeset
        self.commit = changeset.commit
        self.approvals = approvals
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
        self.add(gate_findings(self.context.gate_scope(), self.changeset, self.approved, scope))
        for change in scope:
            self.current = change.path
            self.judge_python(change)
        return self.findings

    def judge_json(self, change: FileChange) -> None:
        """JSN001-JSN005 for one changed path."""
        context = self.context
        old_policy = context.policy_for(change.old_path)
        new_policy = context.policy_for(change.new_path)
        if change.status == "D" or (change.status == "R" and context.strength(change.new_path) < context.strength(change.old_path)):
            if old_policy is not None and "" not in self.approved(change.old_path):
                self.add([self.lost_protected(change)])
            if change.status == "D":
                return
        path = str(change.new_path)
        kind = memory_kind(path, context.memory_dir)
        if old_policy is None and new_policy is None and kind is None:
            return
        new = _parse(context, self.changeset.new, str(change.new_sha), path) if change.new_sha else Parsed(ABSENT, None, None)
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
        if new_policy is not None and (change.status == "A" or old_policy is None) and self.changeset.old.blob_sha(path) is None:
            first_entry = self.judge_against_history(change, path, new_policy, new)
        elif change.status != "A" and old_policy is not None:
            old_path = str(change.old_path or path)
            old = _parse(context, self.changeset.old, str(change.old_sha), old_path) if change.old_sha else Parsed(ABSENT, None, None)
            if old.error is not None:
                # The previous version was unreadable (reported as JSN004 when it was committed): judge this
                # version against the last readable one of the range, so its data cannot vanish unnoticed.
                old = context.state.last_readable.get(old_path, old)
            if old.error is None and old.value is not ABSENT:
                first_entry = self.judge_versions(change, path, old_policy, old, new)
        if new.value is not ABSENT:
            context.state.last_readable[path] = new
        if kind is not None and new.value is not ABSENT and context.enabled("JSN005", path):
            self.add(schema_findings(kind, new.value, path, new.text, self.commit, first_entry))

    def judge_against_history(self, change: FileChange, path: str, policy: GuardPolicy, new: Parsed) -> int:
        """A protected path that comes back (re-added, renamed back, restored after a symlink or gitlink) is judged
        against its last version in the history of the base, so leaving and returning cannot rewrite it."""
        sha = self.context.previous_version(path)
        if sha is None or new.value is ABSENT:
            return 0
        old = _parse(self.context, self.changeset.old, sha, path)
        if old.error is not None or old.value is ABSENT:
            return 0
        changes = diff_values(old.value, new.value, policy, self.approved(change.old_path, path))
        context = f"(compared with its last version in the history, {self.changeset.old.label} and before)"
        self.add(guard_findings(path, changes, policy, new.text, self.commit, self.context.trailer, context=context))
        if changes or not isinstance(old.value, list) or not isinstance(new.value, list):
            return 0
        return len(old.value)

    def lost_protected(self, change: FileChange) -> Finding:
        """JSN003: a protected path deleted, replaced by a non-file, or renamed to a path guarded less."""
        path = str(change.old_path)
        if change.became:
            what = f"was replaced by {change.became}, which is not a regular file the guard can judge"
        elif change.status == "R":
            what = f"was renamed to {change.new_path}, which is guarded less strictly (protection follows the content)"
        else:
            what = "was deleted (or renamed in a way git does not record as a rename)"
        return _finding(
            CODE_DELETED,
            path,
            f"protected JSON {path} {what}; its data must be preserved. If intended, approve it with the commit "
            f"trailer '{self.context.trailer}: {path}#'",
            self.commit,
            pointer="",
        )

    def remember_readable_before(self, change: FileChange, path: str) -> None:
        """Keep the version before an unreadable one, the next readable version is judged against it."""
        old_path = str(change.old_path or path)
        if change.old_sha and path not in self.context.state.last_readable:
            old = _parse(self.context, self.changeset.old, str(change.old_sha), old_path)
            if old.error is None:
                self.context.state.last_readable[path] = old

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
        old_text = _text(self.changeset.old, change.old_sha, limit)
        new_text = _text(self.changeset.new, change.new_sha, limit)
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
    return matches_any(path, patterns)


def judge_change(changeset: ChangeSet, context: GuardContext, approvals: Approvals) -> List[Finding]:
    """Every finding of one change set, in report order (``context`` holds the base's configuration)."""
    return sorted(ChangeJudge(context, changeset, approvals).run(), key=lambda finding: finding.sort_key())


def final_state_findings(context: GuardContext, snapshot: Tree) -> List[Finding]:
    """MEM003 and MEM004 on the final tree (the index, or the end of the range)."""
    present = {kind: snapshot.blob_sha(memory_path(context.memory_dir, kind)) is not None for kind in REQUIRED_KINDS}
    findings = [finding for finding in missing_memory_files(context.memory_dir, present) if context.enabled(finding.code, finding.path)]
    log_path = context.log_path
    if present[KIND_LOG] and context.enabled("MEM004", log_path):
        log = _read(context, snapshot, log_path)
        if log.error is None:
            findings.extend(log_too_long(log.value, log_path, context.log_limit, log.text))
    return sorted(findings, key=lambda finding: finding.sort_key())


def _identity(finding: Finding) -> Tuple[str, str, Optional[str]]:
    return (finding.code, finding.path, finding.pointer)


def net_effect_findings(per_commit: Sequence[Finding], whole: Sequence[Finding]) -> List[Finding]:
    """The findings of a whole range (base to head as one change) that no commit of it reported.

    A sequence of commits can hide what one commit could not (rename out, edit, rename back);
    the range as a whole is judged like a single commit, and its new findings are added.
    """
    seen = {_identity(finding) for finding in per_commit}
    return [finding for finding in whole if _identity(finding) not in seen]
